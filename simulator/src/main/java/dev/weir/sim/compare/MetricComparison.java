package dev.weir.sim.compare;

/**
 * The paired comparison of one metric between a candidate (B) and the baseline (A), see
 * {@link PairedComparison}. Values that cannot be computed are {@code null} (never NaN or
 * infinite) and {@link #note} says why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric metric name
 * @param direction which way the metric improves
 * @param n pairs in which both reported a finite value
 * @param baselineMean mean of A over those pairs (null when n = 0)
 * @param candidateMean mean of B over those pairs (null when n = 0)
 * @param scale relative (log ratio) or absolute (difference); null when n = 0
 * @param change Hodges-Lehmann estimate: B / A - 1 on the relative scale, B - A on the absolute
 * @param ci95Low lower end of the 95 % interval of {@code change} (null when n is too small)
 * @param ci95High upper end of that interval
 * @param pValue two-sided Wilcoxon signed-rank p-value, uncorrected (null when n = 0)
 * @param pMethod how {@code pValue} was computed ({@link SignedRankTest.Method#jsonName})
 * @param pAdjusted Benjamini-Hochberg adjusted p-value over the whole report (null when n = 0
 *     or before correction)
 * @param tTestP two-sided paired t-test p-value on the same scale, for reference (null when
 *     n < 2 or every difference is equal)
 * @param verdict what the corrected p-value says
 * @param note why some values are null or how the scale was chosen; null when nothing to say
 */
public record MetricComparison(
        String metric,
        MetricDirection direction,
        int n,
        Double baselineMean,
        Double candidateMean,
        Scale scale,
        Double change,
        Double ci95Low,
        Double ci95High,
        Double pValue,
        String pMethod,
        Double pAdjusted,
        Double tTestP,
        Verdict verdict,
        String note) {

    /** This comparison with the corrected p-value and the verdict it gives at {@code level}. */
    public MetricComparison corrected(double adjusted, double level) {
        return new MetricComparison(metric, direction, n, baselineMean, candidateMean, scale, change,
                ci95Low, ci95High, pValue, pMethod, adjusted,
                tTestP, Verdict.of(direction, change, adjusted, level), note);
    }
}
