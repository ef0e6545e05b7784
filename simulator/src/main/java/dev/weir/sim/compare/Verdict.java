package dev.weir.sim.compare;

import java.util.Locale;

/**
 * What a paired comparison says about B relative to A for one metric, at the
 * {@link PairedComparison#SIGNIFICANCE_LEVEL} significance level.
 *
 * <p>Immutable and thread-safe.
 */
public enum Verdict {
    /** B differs significantly from A in the metric's good direction. */
    BETTER,
    /** B differs significantly from A in the metric's bad direction. */
    WORSE,
    /** B differs significantly from A, but the metric has no preferred direction. */
    CHANGED,
    /** The difference is not significant. */
    NOT_SIGNIFICANT,
    /** Too few pairs (n < 2) for a test. */
    UNDETERMINED;

    /** The verdict for a mean difference (B - A) with two-sided p-value {@code pValue}. */
    static Verdict of(MetricDirection direction, double diffMean, Double pValue) {
        if (pValue == null) {
            return UNDETERMINED;
        }
        if (!(pValue < PairedComparison.SIGNIFICANCE_LEVEL) || diffMean == 0) {
            return NOT_SIGNIFICANT;
        }
        switch (direction) {
            case HIGHER_IS_BETTER:
                return diffMean > 0 ? BETTER : WORSE;
            case LOWER_IS_BETTER:
                return diffMean < 0 ? BETTER : WORSE;
            default:
                return CHANGED;
        }
    }

    /** Lower-case name for JSON and text ({@code better}, {@code not_significant}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
