package dev.weir.sim.compare;

/**
 * The paired A/B comparison of one metric. Values that cannot be computed are {@code null} (never
 * NaN or infinite) and {@link #note} says why.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric metric name
 * @param direction which way the metric improves
 * @param n pairs in which both variants reported a finite value
 * @param aMean mean of A over those pairs (null when n = 0)
 * @param bMean mean of B over those pairs (null when n = 0)
 * @param relChange (bMean - aMean) / aMean (null when n = 0 or aMean = 0)
 * @param ci95Low lower end of the 95% confidence interval of relChange (null when relChange is
 *     null or n < 2)
 * @param ci95High upper end of that interval
 * @param pValue two-sided paired t-test p-value for mean(B - A) = 0 (null when n < 2)
 * @param diffMean mean of B - A (null when n = 0)
 * @param diffCi95Low lower end of the 95% confidence interval of diffMean (null when n < 2)
 * @param diffCi95High upper end of that interval
 * @param verdict significant improvement, regression, or neither
 * @param note why some values are null, or null when all are present
 */
public record MetricComparison(
        String metric,
        MetricDirection direction,
        int n,
        Double aMean,
        Double bMean,
        Double relChange,
        Double ci95Low,
        Double ci95High,
        Double pValue,
        Double diffMean,
        Double diffCi95Low,
        Double diffCi95High,
        Verdict verdict,
        String note) {
}
