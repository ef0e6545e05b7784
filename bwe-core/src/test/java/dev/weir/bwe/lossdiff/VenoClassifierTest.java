package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Target 1.2 Mbit/s, 1200-byte packets, BaseRTT 100 ms. RTT 120 ms: cwnd = 1.2e6 * 0.12 / 9600 =
 * 15 packets, diff = 15 - 15 * 100/120 = 2.5 (random). RTT 150 ms: cwnd = 18.75, diff = 6.25
 * (congestion).
 */
class VenoClassifierTest {

    private static void lossAfter(VenoClassifier veno) {
        veno.onPacket(0, 0, 40_000, 1200);
        veno.onPacket(1, 10_000, 50_000, 1200);
        veno.onPacket(3, 30_000, 70_000, 1200);
    }

    @ParameterizedTest(name = "RTT {0} us -> diff {1} -> {2}")
    @CsvSource({"120000, 2.5, RANDOM", "150000, 6.25, CONGESTION", "100000, 0, RANDOM"})
    void shouldCompareTheBacklogWithBeta(long rttUs, double diffPackets, Verdict expected) {
        VenoClassifier veno = new VenoClassifier();
        veno.onEstimate(1_200_000, 100_000);
        veno.onEstimate(1_200_000, rttUs);
        lossAfter(veno);
        assertEquals(diffPackets, veno.diffPackets(), 1e-9);
        assertEquals(expected, veno.lastVerdict());
    }

    @Test
    void shouldCallLossesRandomBeforeAnyEstimateAsTcpVenoDoes() {
        VenoClassifier veno = new VenoClassifier();
        lossAfter(veno);
        assertEquals(Verdict.RANDOM, veno.lastVerdict());
        assertEquals(0, veno.diffPackets());
    }

    @Test
    void shouldIgnoreNonsenseEstimates() {
        VenoClassifier veno = new VenoClassifier();
        veno.onEstimate(1_200_000, 100_000);
        veno.onEstimate(-5, -1);
        veno.onEstimate(1_200_000, Long.MAX_VALUE);
        veno.onEstimate(1_200_000, 150_000);
        lossAfter(veno);
        assertEquals(6.25, veno.diffPackets(), 1e-9);
    }
}
