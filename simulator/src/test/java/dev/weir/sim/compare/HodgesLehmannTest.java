package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HodgesLehmannTest {
    @Test
    void estimateIsTheMedianOfTheWalshAverages() {
        // Walsh averages of 1, 2, 3: 1, 1.5, 2, 2, 2.5, 3 -> median 2.
        HodgesLehmann.Interval i = HodgesLehmann.of(new double[] {3, 1, 2}, 0.05);
        assertEquals(2.0, i.estimate(), 0);
        assertFalse(i.hasBounds(), "3 pairs cannot give a 95 % signed-rank interval");
    }

    @Test
    void criticalCountsMatchTheSignedRankTable() {
        assertEquals(0, SignedRankDistribution.lowerCriticalCount(5, 0.05)); // 1/32 > 0.025
        assertEquals(1, SignedRankDistribution.lowerCriticalCount(6, 0.05)); // 1/64 <= 0.025
        assertEquals(9, SignedRankDistribution.lowerCriticalCount(10, 0.05)); // table: reject at W <= 8
        assertEquals(30, SignedRankDistribution.lowerCriticalCount(16, 0.05)); // table: reject at W <= 29
        assertEquals(53, SignedRankDistribution.lowerCriticalCount(20, 0.05)); // table: reject at W <= 52
    }

    @Test
    void sixPairsGiveTheRangeOfTheWalshAverages() {
        HodgesLehmann.Interval i = HodgesLehmann.of(new double[] {1, 2, 3, 4, 5, 6}, 0.05);
        assertEquals(1.0, i.low(), 0);
        assertEquals(6.0, i.high(), 0);
        assertEquals(3.5, i.estimate(), 0);
    }

    @Test
    void intervalExcludesZeroExactlyWhenTheExactTestRejects() {
        SplittableRandom random = new SplittableRandom(3);
        int rejections = 0;
        for (int trial = 0; trial < 400; trial++) {
            int n = 6 + random.nextInt(35);
            double shift = random.nextDouble(-0.8, 0.8);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = shift + random.nextDouble(-1, 1);
            }
            HodgesLehmann.Interval interval = HodgesLehmann.of(d, 0.05);
            double p = SignedRankTest.test(d).pValue();
            boolean excludesZero = interval.low() > 0 || interval.high() < 0;
            assertEquals(p <= 0.05, excludesZero, "n = " + n + ", p = " + p);
            assertTrue(interval.low() <= interval.estimate() && interval.estimate() <= interval.high());
            rejections += excludesZero ? 1 : 0;
        }
        assertTrue(rejections > 50 && rejections < 350, "both outcomes exercised: " + rejections);
    }
}
