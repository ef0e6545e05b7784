package dev.weir.sim.compare;

import java.util.Locale;

/**
 * What a paired comparison says about a candidate relative to the baseline for one metric, after
 * the multiple-comparison correction: significant when the Benjamini-Hochberg adjusted
 * signed-rank p-value is at most the report's level, in the direction of the Hodges-Lehmann
 * estimate.
 *
 * <p>Immutable and thread-safe.
 */
public enum Verdict {
    /** Significantly different in the metric's good direction. */
    BETTER("better"),
    /** Significantly different in the metric's bad direction. */
    WORSE("worse"),
    /** Significantly different, but the metric has no preferred direction. */
    CHANGED("changed"),
    /** The corrected p-value is above the level. */
    NOT_SIGNIFICANT("no significant difference"),
    /** No pair to compare. */
    UNDETERMINED("no data");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    /** The verdict for a change estimate with the corrected p-value {@code pAdjusted}. */
    static Verdict of(MetricDirection direction, double change, Double pAdjusted, double level) {
        if (pAdjusted == null) {
            return UNDETERMINED;
        }
        if (!(pAdjusted <= level) || change == 0) {
            return NOT_SIGNIFICANT;
        }
        switch (direction) {
            case HIGHER_IS_BETTER:
                return change > 0 ? BETTER : WORSE;
            case LOWER_IS_BETTER:
                return change < 0 ? BETTER : WORSE;
            default:
                return CHANGED;
        }
    }

    /** Lower-case name for JSON ({@code better}, {@code not_significant}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The words reports print ("better", "worse", "no significant difference", ...). */
    public String words() {
        return words;
    }
}
