package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairedComparisonTest {
    @Test
    void positiveMetricsAreComparedAsRatios() {
        // b = 2 a on every seed: every log ratio is ln 2, so the change is exactly +100 %.
        double[] a = {10, 20, 30, 40, 50, 60};
        double[] b = {20, 40, 60, 80, 100, 120};
        MetricComparison m = PairedComparison.compare("avg_recv_bitrate_bps", a, b);
        assertEquals(Scale.RELATIVE, m.scale());
        assertEquals(1.0, m.change(), 1e-12);
        assertEquals(1.0, m.ci95Low(), 1e-12);
        assertEquals(1.0, m.ci95High(), 1e-12);
        assertEquals(2.0 / 64, m.pValue(), 1e-15); // six equal differences: exact conditional
        assertEquals("exact_conditional", m.pMethod());
        assertEquals(35.0, m.baselineMean(), 1e-12);
        assertEquals(70.0, m.candidateMean(), 1e-12);
        assertNull(m.tTestP(), "every difference is equal: the t statistic is undefined");
        assertNull(m.note());
        assertEquals(Verdict.UNDETERMINED, m.verdict(), "verdicts wait for the correction");
        assertEquals(Verdict.BETTER, m.corrected(0.03, 0.05).verdict());
        assertEquals(Verdict.NOT_SIGNIFICANT, m.corrected(0.06, 0.05).verdict());
    }

    @Test
    void zerosSwitchToAbsoluteDifferencesWithANote() {
        double[] a = {0, 2, 1, 0, 3, 1};
        double[] b = {0, 1, 0, 0, 1, 0};
        MetricComparison m = PairedComparison.compare("freeze_pct", a, b);
        assertEquals(Scale.ABSOLUTE, m.scale());
        assertTrue(m.change() < 0, "B freezes less");
        assertTrue(m.note().contains("B - A"), m.note());
        assertEquals(Verdict.BETTER, m.corrected(0.01, 0.05).verdict());
    }

    @Test
    void fewerThanSixPairsHaveNoIntervalButAPValue() {
        MetricComparison m = PairedComparison.compare("delay_p95_ms", new double[] {50, 60, 70},
                new double[] {40, 45, 50});
        assertNull(m.ci95Low());
        assertNull(m.ci95High());
        assertEquals(0.25, m.pValue(), 1e-15);
        assertTrue(m.note().contains("needs 6 pairs"), m.note());
        assertNotNull(m.tTestP());
    }

    @Test
    void verdictFollowsTheMetricDirection() {
        double[] a = {10, 12, 9, 11, 8, 10};
        double[] b = {8, 10, 8, 9, 5, 7};
        assertEquals(Verdict.WORSE, PairedComparison.compare("utilization", a, b).corrected(0.01, 0.05).verdict());
        assertEquals(Verdict.BETTER, PairedComparison.compare("delay_p50_ms", a, b).corrected(0.01, 0.05).verdict());
        assertEquals(Verdict.CHANGED, PairedComparison.compare("custom", a, b).corrected(0.01, 0.05).verdict());
    }

    @Test
    void identicalVariantsGivePOneAndAZeroChange() {
        double[] a = {10, 12, 9, 11, 8, 10};
        MetricComparison m = PairedComparison.compare("delay_p50_ms", a, a.clone());
        assertEquals(0.0, m.change(), 0);
        assertEquals(1.0, m.pValue(), 0);
        assertEquals(Verdict.NOT_SIGNIFICANT, m.corrected(1.0, 0.05).verdict());
    }

    @Test
    void noPairsGiveOnlyNulls() {
        MetricComparison m = PairedComparison.compare("freeze_pct", new double[0], new double[0]);
        assertEquals(0, m.n());
        assertNull(m.baselineMean());
        assertNull(m.pValue());
        assertEquals(Verdict.UNDETERMINED, m.verdict());
        assertNotNull(m.note());
    }

    @Test
    void rejectsUnpairedOrNonFiniteSamples() {
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare("x", new double[] {1, 2}, new double[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> PairedComparison.compare("x", new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void intervalsContainTheEstimateAndPIsAProbability(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 6 + random.nextInt(40);
        double scale = Math.pow(10, random.nextInt(-3, 7));
        double effect = random.nextDouble(-0.5, 0.5);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = scale * random.nextDouble(0.1, 2);
            b[i] = Math.max(scale * 1e-3, a[i] * (1 + effect) + scale * random.nextDouble(-0.3, 0.3));
        }
        MetricComparison m = PairedComparison.compare("avg_recv_bitrate_bps", a, b);
        assertTrue(m.ci95Low() <= m.change() && m.change() <= m.ci95High(),
                m.ci95Low() + " <= " + m.change() + " <= " + m.ci95High());
        assertTrue(m.ci95Low() > -1, "a ratio interval stays above -100 %: " + m.ci95Low());
        assertTrue(m.pValue() >= 0 && m.pValue() <= 1, "p = " + m.pValue());
    }

    @Test
    void forcedAbsoluteScaleGivesDifferencesEvenForPositiveValues() {
        double[] a = {10, 20, 30, 40, 50, 60};
        double[] b = {11, 21, 31, 41, 51, 61};
        MetricComparison m = PairedComparison.compare("delay_p95_ms", a, b, Scale.ABSOLUTE,
                AlternativeHypothesis.TWO_SIDED);
        assertEquals(Scale.ABSOLUTE, m.scale());
        assertEquals(1.0, m.change(), 1e-12);
        assertEquals(Scale.RELATIVE, PairedComparison.compare("delay_p95_ms", a, b).scale());
    }

    @Test
    void oneSidedPValueAsksWhetherBIsLarger() {
        double[] a = {10, 20, 30, 40, 50, 60};
        double[] b = {11, 22, 33, 44, 55, 66};
        MetricComparison up = PairedComparison.compare("delay_p95_ms", a, b, Scale.RELATIVE,
                AlternativeHypothesis.GREATER_THAN);
        MetricComparison down = PairedComparison.compare("delay_p95_ms", a, b, Scale.RELATIVE,
                AlternativeHypothesis.LESS_THAN);
        // Six equal log ratios (ties): all-plus is 1 of 64 sign patterns.
        assertEquals(1.0 / 64, up.pValue(), 1e-12);
        assertEquals(1.0, down.pValue(), 1e-12);
        assertEquals(0.1, up.change(), 1e-9);
    }
}
