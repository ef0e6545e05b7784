package dev.weir.sim.gate;

import dev.weir.sim.compare.MetricComparison;
import dev.weir.sim.compare.MetricDirection;

/**
 * One (group, metric) test of a gate run: the paired comparison with its one-sided p-value in the
 * metric's bad direction, that p-value adjusted by Benjamini-Hochberg over the run's family, how
 * far the change goes in the bad direction, and the noise threshold it must exceed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group group name (a family, {@link GateGroup#OVERALL}, ...)
 * @param metric metric name
 * @param comparison the paired comparison; its {@code pValue} is one-sided ("B is worse"), its
 *     change and 95 % interval are the usual two-sided Hodges-Lehmann ones
 * @param pAdjusted Benjamini-Hochberg adjusted one-sided p-value; null when untested (no pair)
 * @param worsening the change in the bad direction on the analysis scale (natural-log ratio or the
 *     metric's unit): positive means worse
 * @param noiseSd the metric's run-to-run noise on the same scale
 * @param threshold the worsening a regression must exceed: {@link RegressionGate#THRESHOLD_SIGMAS}
 *     times {@code noiseSd}
 * @param flagged significant at {@link RegressionGate#LEVEL} after adjustment and beyond the
 *     threshold
 */
public record GateTest(String group, String metric, MetricComparison comparison, Double pAdjusted, double worsening,
                       double noiseSd, double threshold, boolean flagged) {
    /** Which way the metric improves. */
    public MetricDirection direction() {
        return comparison.direction();
    }

    /**
     * Whether the change is an improvement beyond the noise threshold with a 95 % interval wholly
     * on the good side: reported for information, never gated.
     */
    public boolean improved() {
        if (comparison.ci95Low() == null || !(-worsening > threshold)) {
            return false;
        }
        return direction() == MetricDirection.HIGHER_IS_BETTER ? comparison.ci95Low() > 0
                : comparison.ci95High() < 0;
    }
}
