package dev.weir.sim.compare;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.TDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.TTest;

/**
 * Paired statistics for one metric: baseline A and candidate B ran on the same seeds, so pair i
 * is (a[i], b[i]).
 *
 * <ul>
 *   <li>Scale: log ratios d[i] = ln(b[i] / a[i]) when every value is > 0, so the change is a
 *       ratio and its interval can never fall below -100 %; otherwise (a 0 % freeze share, a
 *       0/1 drop) differences d[i] = b[i] - a[i] in the metric's unit, with a note.</li>
 *   <li>Test: the Wilcoxon signed-rank test of d ({@link SignedRankTest}): no normality
 *       assumption (freeze and delay metrics are skewed and zero-heavy) and exact p-values for
 *       small n.</li>
 *   <li>Estimate and 95 % interval: Hodges-Lehmann with the interval that inverts the same test
 *       ({@link HodgesLehmann}), mapped back by exp(x) - 1 on the relative scale. Interval and
 *       p-value therefore agree (without ties exactly). Fewer than 6 pairs have no 95 %
 *       interval. Above {@link HodgesLehmann#MAX_PAIRS} pairs: mean and t interval of d.</li>
 *   <li>Reference: the paired t-test p-value of d (Commons Statistics) is reported beside it.</li>
 * </ul>
 * The verdict needs the multiple-comparison correction, which {@link ComparisonBuilder} applies
 * over the whole report; results from here carry {@link Verdict#UNDETERMINED} until then.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class PairedComparison {
    /** Two-sided level of intervals and of the false discovery rate of verdicts (5 %). */
    public static final double SIGNIFICANCE_LEVEL = 0.05;
    /** Pairs a 95 % signed-rank interval needs: with 5, 2 / 2^5 = 0.0625 > 0.05. */
    static final int MIN_PAIRS_FOR_INTERVAL = 6;
    /** Differences whose spread is below this share of their mean count as all equal (rounding). */
    private static final double EQUAL_DIFFERENCES_RELATIVE = 1e-9;

    private PairedComparison() {
    }

    /** Compares B with A on paired finite samples of equal length (two-sided, scale chosen by the data). */
    public static MetricComparison compare(String metric, double[] a, double[] b) {
        return compare(metric, a, b, Scale.RELATIVE, AlternativeHypothesis.TWO_SIDED);
    }

    /**
     * Compares B with A as {@link #compare(String, double[], double[])} does, with two choices the
     * regression gate needs: {@code preferred} {@link Scale#ABSOLUTE} forces differences (so a
     * noise threshold measured on that scale applies), {@link Scale#RELATIVE} uses log ratios when
     * every value is > 0; and the test's {@code alternative} about d = ln(b / a) or b - a
     * ({@code GREATER_THAN}: B tends to be larger). The reference t-test p-value follows the same
     * alternative; the interval stays the two-sided 95 % one.
     */
    public static MetricComparison compare(String metric, double[] a, double[] b, Scale preferred,
            AlternativeHypothesis alternative) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length + " vs " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException(metric + ": pair " + i + " is not finite");
            }
        }
        MetricDirection direction = MetricDirection.of(metric);
        int n = a.length;
        if (n == 0) {
            return new MetricComparison(metric, direction, 0, null, null, null, null, null, null, null, null,
                    null, null, Verdict.UNDETERMINED, "no pair has a finite value in both variants");
        }
        List<String> notes = new ArrayList<>();
        boolean relative = preferred == Scale.RELATIVE && allPositive(a) && allPositive(b);
        if (!relative) {
            notes.add(preferred == Scale.RELATIVE ? "values <= 0: change is B - A in the metric's unit"
                    : "change is B - A in the metric's unit");
        }
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = relative ? Math.log(b[i]) - Math.log(a[i]) : b[i] - a[i];
        }
        SignedRankTest.Result test = SignedRankTest.test(d, alternative);
        double estimate;
        double low;
        double high;
        if (n <= HodgesLehmann.MAX_PAIRS) {
            HodgesLehmann.Interval hl = HodgesLehmann.of(d, SIGNIFICANCE_LEVEL);
            estimate = hl.estimate();
            low = hl.low();
            high = hl.high();
            if (!hl.hasBounds()) {
                notes.add("n = " + n + ": a 95 % interval needs " + MIN_PAIRS_FOR_INTERVAL + " pairs");
            }
        } else {
            estimate = mean(d);
            double half = tHalfWidth(d, estimate);
            low = estimate - half;
            high = estimate + half;
            notes.add("n > " + HodgesLehmann.MAX_PAIRS + ": mean and t interval");
        }
        Double tTestP = null;
        double dMean = mean(d);
        // Equal differences up to rounding (ln 40 - ln 20 vs ln 20 - ln 10): t is undefined, not huge.
        if (n >= 2 && Math.sqrt(variance(d, dMean)) > EQUAL_DIFFERENCES_RELATIVE * Math.abs(dMean)) {
            tTestP = TTest.withDefaults().with(alternative).test(d).getPValue();
        }
        return new MetricComparison(metric, direction, n, mean(a), mean(b),
                relative ? Scale.RELATIVE : Scale.ABSOLUTE, back(estimate, relative),
                Double.isNaN(low) ? null : back(low, relative), Double.isNaN(high) ? null : back(high, relative),
                test.pValue(), test.method().jsonName(), null, tTestP, Verdict.UNDETERMINED,
                notes.isEmpty() ? null : String.join("; ", notes));
    }

    /** From the analysis scale back to the reported change. */
    private static double back(double x, boolean relative) {
        return relative ? Math.expm1(x) : x;
    }

    private static boolean allPositive(double[] x) {
        for (double v : x) {
            if (!(v > 0)) {
                return false;
            }
        }
        return true;
    }

    static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Sample variance (divisor n - 1). */
    static double variance(double[] x, double mean) {
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / (x.length - 1);
    }

    /** Half width of the 95 % t interval of the mean of {@code x} (n >= 2). */
    static double tHalfWidth(double[] x, double mean) {
        int n = x.length;
        double t = TDistribution.of(n - 1).inverseSurvivalProbability(SIGNIFICANCE_LEVEL / 2);
        return t * Math.sqrt(variance(x, mean) / n);
    }
}
