package dev.weir.bwe.lossdiff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * ZBS picks a component from ROTT and the normalised inter-arrival time t_narr; each test builds
 * a history where the chosen component disagrees with at least one of the others.
 */
class ZbsClassifierTest {
    private final ZbsClassifier zbs = new ZbsClassifier();
    private final SpikeClassifier spike = new SpikeClassifier();
    private final ZigZagClassifier zigZag = new ZigZagClassifier();
    private final BiazClassifier mBiaz = BiazClassifier.mBiaz();
    private long arrivalUs = 1_000_000;

    private void packet(long seq, long interArrivalUs, long rottUs) {
        arrivalUs += interArrivalUs;
        for (LossClassifier classifier : new LossClassifier[] {zbs, spike, zigZag, mBiaz}) {
            classifier.onPacket(seq, arrivalUs - rottUs, arrivalUs, 1200);
        }
    }

    @Test
    void shouldUseMBiazWhenInterArrivalsAreAtTheBottleneckSpacingAndRottIsAboveMin() {
        packet(0, 0, 0);
        for (int seq = 1; seq < 20; seq++) {
            packet(seq, 10_000, 5_000);       // t_narr = 1, ROTT 5 ms >= 0 + 0.05 * 10 ms
        }
        packet(21, 20_000, 5_000);            // one lost, Ti = 2 * Tmin
        assertEquals(1.0, zbs.normalisedInterArrival(), 1e-12);
        assertEquals(Verdict.RANDOM, mBiaz.lastVerdict());
        assertEquals(Verdict.CONGESTION, spike.lastVerdict());
        assertEquals(Verdict.RANDOM, zbs.lastVerdict());
        assertEquals(3, zbs.lastComponent());
    }

    @Test
    void shouldUseSpikeWhenRottIsAtItsMinimum() {
        packet(0, 0, 0);
        for (int seq = 1; seq < 20; seq++) {
            packet(seq, 10_000, 5_000);
        }
        packet(21, 50_000, 0);                // ROTT back at the minimum: Spike says random
        assertEquals(Verdict.CONGESTION, mBiaz.lastVerdict());
        assertEquals(Verdict.RANDOM, spike.lastVerdict());
        assertEquals(Verdict.RANDOM, zbs.lastVerdict());
        assertEquals(1, zbs.lastComponent());
    }

    @Test
    void shouldUseZigZagBetweenOneAndAHalfAndTwiceTmin() {
        packet(0, 0, 0);
        packet(1, 10_000, 5_000);             // Tmin = 10 ms
        for (int seq = 2; seq < 80; seq++) {
            packet(seq, 17_000, 5_000);       // t_narr tends to 1.7
        }
        packet(81, 40_000, 1_000);            // ROTT 1 ms: below ZigZag's n=1 threshold
        double tNarr = zbs.normalisedInterArrival();
        assertEquals(1.7, tNarr, 0.01);
        assertEquals(Verdict.RANDOM, zigZag.lastVerdict());
        assertEquals(Verdict.CONGESTION, mBiaz.lastVerdict());
        assertEquals(Verdict.RANDOM, zbs.lastVerdict());
        assertEquals(2, zbs.lastComponent());
    }

    @Test
    void shouldUseSpikeAtLongInterArrivals() {
        packet(0, 0, 0);
        packet(1, 10_000, 5_000);
        for (int seq = 2; seq < 80; seq++) {
            packet(seq, 30_000, 5_000);       // t_narr tends to 3
        }
        packet(81, 40_000, 3_000);            // 3 ms: still in the spike (exit below 5/3 ms), well below ZigZag's mean
        assertEquals(Verdict.RANDOM, zigZag.lastVerdict());
        assertEquals(Verdict.CONGESTION, spike.lastVerdict());
        assertEquals(Verdict.CONGESTION, zbs.lastVerdict());
        assertEquals(1, zbs.lastComponent());
    }
}
