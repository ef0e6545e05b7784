package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairedComparisonTest {
    /** t(0.975, 4), from the t table (2.776) to full precision. */
    private static final double T_975_DF4 = 2.7764451051977934;

    // Hand-computed 5-pair example:
    // a = 10 12 9 11 8 (mean 10), b = 8 10 8 9 5 (mean 8), d = b - a = -2 -2 -1 -2 -3 (mean -2).
    // d deviations 0 0 1 0 -1 -> Var(d) = 2/4 = 0.5; a deviations 0 2 -1 1 -2 -> Var(a) = 10/4 = 2.5;
    // Cov(d, a) = (0 + 0 - 1 + 0 + 2)/4 = 0.25.
    // t = -2 / sqrt(0.5/5) = -2 / 0.316228 = -6.324555; df = 4, whose two-sided p has the closed form
    // 1 - t(t^2 + 6)/(t^2 + 4)^1.5 = 1 - sqrt(40)*46/44^1.5 = 0.0031982.
    // r = -0.2; Var(r) = (0.5 - 2(-0.2)(0.25) + 0.04*2.5) / (5 * 100) = 0.7/500 = 0.0014,
    // half width = 2.776445 * sqrt(0.0014) = 0.1038851 -> CI [-0.3038851, -0.0961149].
    // Difference CI: -2 +/- 2.776445 * sqrt(0.5/5) = -2 +/- 0.8779889.
    private static final double[] A5 = {10, 12, 9, 11, 8};
    private static final double[] B5 = {8, 10, 8, 9, 5};

    @Test
    void shouldMatchTheHandComputedFivePairExample() {
        MetricComparison m = PairedComparison.compare("freeze_pct", A5, B5);
        assertEquals(5, m.n());
        assertEquals(10.0, m.aMean(), 1e-12);
        assertEquals(8.0, m.bMean(), 1e-12);
        assertEquals(-0.2, m.relChange(), 1e-12);
        assertEquals(1 - Math.sqrt(40) * 46 / Math.pow(44, 1.5), m.pValue(), 1e-12);
        assertEquals(0.0031982, m.pValue(), 1e-7);
        double half = T_975_DF4 * Math.sqrt(0.0014);
        assertEquals(0.1038851, half, 1e-7);
        assertEquals(-0.2 - half, m.ci95Low(), 1e-12);
        assertEquals(-0.2 + half, m.ci95High(), 1e-12);
        assertEquals(-2.0, m.diffMean(), 1e-12);
        assertEquals(-2 - 0.8779889, m.diffCi95Low(), 1e-6);
        assertEquals(-2 + 0.8779889, m.diffCi95High(), 1e-6);
        assertEquals(Verdict.BETTER, m.verdict());
        assertNull(m.note());
    }

    @Test
    void verdictShouldFollowTheMetricDirection() {
        assertEquals(Verdict.WORSE, PairedComparison.compare("utilization", A5, B5).verdict());
        assertEquals(Verdict.BETTER, PairedComparison.compare("utilization", B5, A5).verdict());
        assertEquals(Verdict.WORSE, PairedComparison.compare("delay_p95_ms", B5, A5).verdict());
        assertEquals(Verdict.CHANGED, PairedComparison.compare("custom_metric", A5, B5).verdict());
    }

    @Test
    void noisyDifferencesShouldNotBeSignificant() {
        // d = +1 -1 +1 -1 +0.5: mean 0.1, clearly not significant.
        double[] a = {5, 5, 5, 5, 5};
        double[] b = {6, 4, 6, 4, 5.5};
        MetricComparison m = PairedComparison.compare("freeze_pct", a, b);
        assertTrue(m.pValue() > 0.5, "p = " + m.pValue());
        assertEquals(Verdict.NOT_SIGNIFICANT, m.verdict());
        assertTrue(m.ci95Low() < 0 && m.ci95High() > 0);
    }

    @Test
    void identicalVariantsShouldGivePOneAndAZeroWidthInterval() {
        MetricComparison m = PairedComparison.compare("delay_p50_ms", A5, A5.clone());
        assertEquals(0.0, m.relChange(), 0);
        assertEquals(1.0, m.pValue(), 0);
        assertEquals(0.0, m.ci95Low(), 0);
        assertEquals(0.0, m.ci95High(), 0);
        assertEquals(0.0, m.diffCi95Low(), 0);
        assertEquals(0.0, m.diffCi95High(), 0);
        assertEquals(Verdict.NOT_SIGNIFICANT, m.verdict());
    }

    @Test
    void aConstantNonZeroDifferenceShouldBeExactlySignificant() {
        MetricComparison m = PairedComparison.compare("loss_pct",
                new double[] {1, 2, 3}, new double[] {0, 1, 2});
        assertEquals(0.0, m.pValue(), 0);
        assertEquals(-0.5, m.relChange(), 1e-12);
        assertTrue(m.ci95Low() <= -0.5 && m.ci95High() >= -0.5);
        assertEquals(Verdict.BETTER, m.verdict());
    }

    @Test
    void zeroBaselineMeanShouldLeaveTheRelativeChangeNullWithAReason() {
        MetricComparison m = PairedComparison.compare("connection_drop",
                new double[] {0, 0, 0, 0}, new double[] {1, 0, 1, 1});
        assertEquals(0.0, m.aMean(), 0);
        assertEquals(0.75, m.bMean(), 1e-12);
        assertNull(m.relChange());
        assertNull(m.ci95Low());
        assertNull(m.ci95High());
        assertNotNull(m.pValue());
        // d = 1 0 1 1: mean 0.75, Var = 0.25, t = 0.75 / 0.25 = 3, df = 3 -> p = 0.0577 (t table).
        assertEquals(0.0577, m.pValue(), 1e-4);
        assertTrue(m.note().contains("a_mean is 0"), m.note());
    }

    @Test
    void singlePairShouldGiveMeansButNoIntervalOrPValue() {
        MetricComparison m = PairedComparison.compare("freeze_pct", new double[] {4},
                new double[] {3});
        assertEquals(1, m.n());
        assertEquals(-0.25, m.relChange(), 1e-12);
        assertNull(m.pValue());
        assertNull(m.ci95Low());
        assertNull(m.diffCi95Low());
        assertEquals(Verdict.UNDETERMINED, m.verdict());
        assertTrue(m.note().contains("n < 2"), m.note());
    }

    @Test
    void noPairsShouldGiveOnlyNulls() {
        MetricComparison m = PairedComparison.compare("freeze_pct", new double[0], new double[0]);
        assertEquals(0, m.n());
        assertNull(m.aMean());
        assertNull(m.relChange());
        assertNull(m.pValue());
        assertEquals(Verdict.UNDETERMINED, m.verdict());
        assertNotNull(m.note());
    }

    @Test
    void shouldRejectUnpairedOrNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare("x", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare("x", new double[] {1, Double.NaN},
                        new double[] {1, 2}));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void intervalsShouldAlwaysContainTheEstimateAndPShouldBeAProbability(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 2 + random.nextInt(40);
        double scale = Math.pow(10, random.nextInt(-3, 7));
        double effect = random.nextDouble(-0.5, 0.5);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * random.nextDouble(0.1, 2);
            b[i] = a[i] * (1 + effect) + scale * random.nextDouble(-0.3, 0.3);
        }
        MetricComparison m = PairedComparison.compare("avg_recv_bitrate_bps", a, b);
        assertTrue(m.ci95Low() <= m.relChange() && m.relChange() <= m.ci95High(),
                m.ci95Low() + " <= " + m.relChange() + " <= " + m.ci95High());
        assertTrue(m.diffCi95Low() <= m.diffMean() && m.diffMean() <= m.diffCi95High());
        assertTrue(m.pValue() >= 0 && m.pValue() <= 1, "p = " + m.pValue());
        // The difference CI excludes 0 exactly when the t-test rejects at 5%.
        boolean excludesZero = m.diffCi95Low() > 0 || m.diffCi95High() < 0;
        assertEquals(excludesZero, m.pValue() < 0.05, "p = " + m.pValue());
    }
}
