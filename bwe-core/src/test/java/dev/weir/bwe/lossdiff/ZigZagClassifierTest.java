package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two packets with ROTT 0 and 32 ms give mean = 0 + 32/32 = 1 ms and
 * dev = (2/32) * |32 - 1| = 1.9375 ms, so the thresholds are: n=1: -0.9375 ms, n=2: 0.03125 ms,
 * n=3: 1 ms, n>=4: 1.96875 ms.
 */
class ZigZagClassifierTest {

    @ParameterizedTest(name = "n={0} ROTT={1}us -> {2}")
    @CsvSource({
        "1, -1000, RANDOM",
        "1, -900, CONGESTION",
        "2, 0, RANDOM",
        "2, 100, CONGESTION",
        "3, 900, RANDOM",
        "3, 1000, CONGESTION",
        "4, 1900, RANDOM",
        "7, 1968, RANDOM",
        "4, 2000, CONGESTION"
    })
    void shouldCompareRottWithMeanAndDeviationByGapLength(int lost, long rottUs, Verdict expected) {
        ZigZagClassifier zigZag = new ZigZagClassifier();
        zigZag.onPacket(0, 0, 0, 1200);
        zigZag.onPacket(1, 10_000, 42_000, 1200);
        assertEquals(1_000, zigZag.meanUs(), 1e-9);
        assertEquals(1_937.5, zigZag.devUs(), 1e-9);
        long sendUs = 20_000;
        zigZag.onPacket(2 + lost, sendUs, sendUs + rottUs, 1200);
        assertEquals(expected, zigZag.lastVerdict());
        assertEquals(lost, zigZag.lastLostPackets());
    }
}
