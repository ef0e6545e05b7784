package dev.weir.sim.compare;

/**
 * Paired A/B statistics for one metric: A and B ran on the same seeds, so pair i is
 * (a[i], b[i]) and the analysis works on the differences d[i] = b[i] - a[i].
 *
 * <p>Method:
 * <ul>
 *   <li>p-value: two-sided paired t-test, t = mean(d) / (sd(d) / sqrt(n)) with n - 1 degrees of
 *       freedom (Student 1908). If every difference is the same, sd(d) = 0: p = 1 when that
 *       difference is 0, else p = 0 (the change is exact on every seed).</li>
 *   <li>rel_change r = (mean(b) - mean(a)) / mean(a) = mean(d) / mean(a).</li>
 *   <li>95% CI of r: delta method for the ratio of the two correlated means mean(d) and mean(a):
 *       Var(r) ~ (Var(d) - 2 r Cov(d, a) + r^2 Var(a)) / (n mean(a)^2) with sample
 *       (co)variances, and r +/- t(0.975, n - 1) sqrt(Var(r)). The interval is symmetric, so it
 *       always contains r; when every difference is 0 it is [0, 0].</li>
 *   <li>95% CI of mean(d): mean(d) +/- t(0.975, n - 1) sd(d) / sqrt(n).</li>
 * </ul>
 * Edge cases: n = 0 gives only nulls; n = 1 gives means but no CI or p-value; mean(a) = 0 leaves
 * r and its CI null (the p-value and the difference CI remain). Any non-finite result becomes
 * null with a note, so reports never carry NaN or Infinity.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class PairedComparison {
    /** Two-sided significance level of verdicts and confidence intervals (95%). */
    public static final double SIGNIFICANCE_LEVEL = 0.05;

    private PairedComparison() {
    }

    /**
     * Compares B with A on paired finite samples: {@code a[i]} and {@code b[i]} come from the same
     * seed. Both arrays must have the same length and only finite values.
     */
    public static MetricComparison compare(String metric, double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("paired samples differ in length: " + a.length
                    + " vs " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || !Double.isFinite(b[i])) {
                throw new IllegalArgumentException(metric + ": pair " + i + " is not finite");
            }
        }
        MetricDirection direction = MetricDirection.of(metric);
        int n = a.length;
        if (n == 0) {
            return new MetricComparison(metric, direction, 0, null, null, null, null, null, null,
                    null, null, null, Verdict.UNDETERMINED,
                    "no pair has a finite value in both variants");
        }
        double aMean = mean(a);
        double bMean = mean(b);
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = b[i] - a[i];
        }
        double diffMean = mean(d);
        Double relChange = aMean == 0 ? null : finiteOrNull((bMean - aMean) / aMean);
        String relNote = aMean == 0 ? "a_mean is 0: relative change undefined" : null;
        if (n < 2) {
            return new MetricComparison(metric, direction, n, aMean, bMean, relChange, null, null,
                    null, diffMean, null, null, Verdict.UNDETERMINED,
                    join("n < 2: no confidence interval or p-value", relNote));
        }
        double varD = covariance(d, diffMean, d, diffMean);
        double varA = covariance(a, aMean, a, aMean);
        double covDa = covariance(d, diffMean, a, aMean);
        double tQuantile = StudentT.quantile(1 - SIGNIFICANCE_LEVEL / 2, n - 1);

        double pValue;
        if (varD == 0) {
            pValue = diffMean == 0 ? 1 : 0;
        } else {
            pValue = StudentT.twoSidedP(diffMean / Math.sqrt(varD / n), n - 1);
        }
        double diffHalfWidth = tQuantile * Math.sqrt(varD / n);

        Double ciLow = null;
        Double ciHigh = null;
        String note = relNote;
        if (relChange != null) {
            double r = relChange;
            double varR = (varD - 2 * r * covDa + r * r * varA) / (n * aMean * aMean);
            // A covariance quadratic form is >= 0; rounding may push it just below.
            double halfWidth = tQuantile * Math.sqrt(Math.max(0, varR));
            ciLow = finiteOrNull(r - halfWidth);
            ciHigh = finiteOrNull(r + halfWidth);
            if (ciLow == null || ciHigh == null) {
                ciLow = null;
                ciHigh = null;
                note = "confidence interval of rel_change overflowed";
            }
        }
        Verdict verdict = Verdict.of(direction, diffMean, pValue);
        return new MetricComparison(metric, direction, n, aMean, bMean, relChange, ciLow, ciHigh,
                pValue, diffMean, finiteOrNull(diffMean - diffHalfWidth),
                finiteOrNull(diffMean + diffHalfWidth), verdict, note);
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    /** Sample covariance (divisor n - 1). */
    private static double covariance(double[] x, double xMean, double[] y, double yMean) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += (x[i] - xMean) * (y[i] - yMean);
        }
        return sum / (x.length - 1);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String join(String first, String second) {
        return second == null ? first : first + "; " + second;
    }
}
