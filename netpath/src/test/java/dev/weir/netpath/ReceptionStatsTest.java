package dev.weir.netpath;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** RFC 3550 appendix A: extended sequence numbers across the wrap, loss, jitter. */
class ReceptionStatsTest {
    private static final long CLOCK_HZ = 90_000;

    @Test
    void extendsSequenceNumbersAcrossTheWrapAndCountsLoss() {
        ReceptionStats stats = new ReceptionStats(CLOCK_HZ);
        int[] sequences = {65533, 65534, 1, 2, 0}; // 65535 lost, 0 late
        for (int i = 0; i < sequences.length; i++) {
            stats.onPacket(sequences[i], i * 3_000L, i * 33_333L);
        }
        assertEquals(0x0001_0002L, stats.extendedHighestSequence());
        assertEquals(6, stats.expected());
        assertEquals(1, stats.cumulativeLost());
        assertEquals(1 * 256 / 6, stats.takeFractionLost());
        assertEquals(0, stats.takeFractionLost(), "nothing new since the last report");
    }

    @Test
    void duplicatesMakeTheCumulativeLossNegativeButNotTheFraction() {
        ReceptionStats stats = new ReceptionStats(CLOCK_HZ);
        stats.onPacket(10, 0, 0);
        stats.onPacket(10, 0, 0);
        assertEquals(-1, stats.cumulativeLost());
        assertEquals(0, stats.takeFractionLost());
    }

    @Test
    void jitterIsZeroForConstantTransitAndFollowsAlternatingDelay() {
        ReceptionStats constant = new ReceptionStats(CLOCK_HZ);
        ReceptionStats alternating = new ReceptionStats(CLOCK_HZ);
        for (int i = 0; i < 400; i++) {
            long sendUs = i * 10_000L;
            long rtp = sendUs * CLOCK_HZ / 1_000_000;
            constant.onPacket(i, rtp, sendUs + 20_000);
            alternating.onPacket(i, rtp, sendUs + 20_000 + (i % 2 == 0 ? 0 : 2_000)); // |D| = 2 ms = 180 units
        }
        assertEquals(0, constant.jitterUnits());
        assertEquals(180, alternating.jitterUnits(), 1);
    }
}
