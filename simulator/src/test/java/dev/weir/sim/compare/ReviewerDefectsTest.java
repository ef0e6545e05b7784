package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The defects issue 10 measured in the hand-written statistics, reproduced on fixed data. The
 * figures in the comments are what the replaced delta-method / t-test code gave on the same data.
 */
class ReviewerDefectsTest {
    @Test
    void relativeIntervalCannotFallBelowMinusHundredPercent() {
        // One seed with a standing queue (568 ms). The delta method gave [-102.2 %, -22.5 %].
        double[] a = {60, 96, 568, 63, 86, 87, 59, 86};
        double[] b = {55, 42, 55, 52, 75, 42, 58, 37};
        MetricComparison m = PairedComparison.compare("delay_p95_ms", a, b);
        assertEquals(Scale.RELATIVE, m.scale());
        assertTrue(m.ci95Low() > -1, "low end " + m.ci95Low());
        assertTrue(m.ci95Low() <= m.change() && m.change() <= m.ci95High());
    }

    @Test
    void intervalAndPValueAgree() {
        // The delta-method interval [-98.1 %, -61.2 %] excluded 0 while the t-test said p = 0.071.
        double[] a = {77, 405, 823, 559, 52, 83, 91, 96};
        double[] b = {55, 36, 76, 46, 82, 43, 71, 36};
        MetricComparison m = PairedComparison.compare("delay_p95_ms", a, b);
        boolean excludesZero = m.ci95High() < 0 || m.ci95Low() > 0;
        assertEquals(m.pValue() <= PairedComparison.SIGNIFICANCE_LEVEL, excludesZero,
                "interval [" + m.ci95Low() + ", " + m.ci95High() + "], p = " + m.pValue());
        // One seed of eight got worse (rank 3 of 8): W+ = 3, exact p = 2 x 5 / 256.
        assertEquals(10.0 / 256, m.pValue(), 1e-15);
    }

    @Test
    void threeSeedsNeverPrintATinyPValue() {
        // Consistent differences on 3 seeds: the t-test printed p<0.001 here (zero variance gave p = 0).
        MetricComparison m = PairedComparison.compare("time_to_80pct_capacity_s", new double[] {1.2, 1.2, 1.2},
                new double[] {1.0, 1.0, 1.0});
        assertEquals(0.25, m.pValue(), 1e-15);
        assertEquals("0.25", ReportFormat.p(m.pValue()));
    }

    @Test
    void consoleAndMarkdownPrintTheSameChange() {
        ComparisonBuilder builder = new ComparisonBuilder("gcc", "oracle");
        double[] a = {60, 96, 568, 63, 86, 87, 59, 86};
        double[] b = {55, 42, 55, 52, 75, 42, 58, 37};
        for (int i = 0; i < a.length; i++) {
            builder.add("s", i + 1, java.util.Map.of("delay_p95_ms", a[i]), java.util.Map.of("delay_p95_ms", b[i]));
        }
        ComparisonReport report = builder.build();
        MetricComparison m = report.comparisons().get(0).overall().metrics().get(0);
        String change = ReportFormat.change(m);
        assertTrue(change.endsWith("%"), change);
        assertTrue(MarkdownReport.of(report).contains("| " + change + " | " + ReportFormat.interval(m) + " |"));
        assertTrue(TextReport.of(report).contains(change + " ") && TextReport.of(report).contains(
                ReportFormat.interval(m)));
    }
}
