package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * After k rising ROTTs from s = 0, s = 1 - (29/30)^k: 15 rising give 0.3986 (random), 16 give
 * 0.4187 (congestion).
 */
class TrendClassifierTest {

    @ParameterizedTest(name = "{0} rising ROTTs before the gap -> {1}")
    @CsvSource({"14, RANDOM", "15, CONGESTION", "40, CONGESTION"})
    void shouldCallLossesCongestionWhenRottHasBeenRising(int risingBefore, Verdict expected) {
        TrendClassifier trend = new TrendClassifier();
        long seq = 0;
        for (; seq <= risingBefore; seq++) {
            trend.onPacket(seq, seq * 10_000, seq * 10_000 + 40_000 + seq * 1_000, 1200);
        }
        seq++; // one lost
        trend.onPacket(seq, seq * 10_000, seq * 10_000 + 40_000 + seq * 1_000, 1200);
        assertEquals(1 - Math.pow(29.0 / 30, risingBefore + 1), trend.risingShare(), 1e-12);
        assertEquals(expected, trend.lastVerdict());
    }

    @Test
    void shouldCallLossesOnAFallingOrFlatDelayRandom() {
        TrendClassifier trend = new TrendClassifier();
        for (long seq = 0; seq < 40; seq += 2) {
            trend.onPacket(seq, seq * 10_000, seq * 10_000 + 40_000 - seq * 100, 1200);
        }
        assertEquals(19, trend.randomLosses());
        assertEquals(0, trend.congestionLosses());
    }
}
