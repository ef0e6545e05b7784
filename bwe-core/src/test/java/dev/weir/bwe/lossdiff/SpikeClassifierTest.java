package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** ROTT in ms per packet; with min 40 and max 100 the spike enters above 70 and leaves below 60. */
class SpikeClassifierTest {
    private final SpikeClassifier spike = new SpikeClassifier();

    private void packet(long seq, long rottMs) {
        long sendUs = seq * 10_000;
        spike.onPacket(seq, sendUs, sendUs + rottMs * 1_000, 1200);
    }

    @Test
    void shouldCallLossesDuringARottSpikeCongestionWithHysteresis() {
        packet(0, 40);
        packet(1, 40);
        assertFalse(spike.inSpike());
        packet(2, 100);
        assertTrue(spike.inSpike(), "100 > 40 + 60/2");
        packet(4, 65);                       // seq 3 lost; 65 is above the exit threshold 60
        assertEquals(Verdict.CONGESTION, spike.lastVerdict());
        packet(5, 50);
        assertFalse(spike.inSpike(), "50 < 40 + 60/3");
        packet(7, 65);                       // seq 6 lost; 65 is below the entry threshold 70
        assertEquals(Verdict.RANDOM, spike.lastVerdict());
        packet(9, 71);                       // seq 8 lost; 71 enters the spike
        assertEquals(Verdict.CONGESTION, spike.lastVerdict());
        assertEquals(40_000, spike.rottMinUs());
        assertEquals(2, spike.congestionLosses());
        assertEquals(1, spike.randomLosses());
    }

    @Test
    void shouldCallLossesOnAFlatDelayRandom() {
        for (int seq = 0; seq < 20; seq += 2) {
            packet(seq, 40);
        }
        assertEquals(9, spike.randomLosses());
        assertEquals(0, spike.congestionLosses());
    }
}
