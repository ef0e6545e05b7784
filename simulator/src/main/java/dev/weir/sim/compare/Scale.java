package dev.weir.sim.compare;

import java.util.Locale;

/**
 * The scale a paired comparison works on.
 *
 * <p>Immutable and thread-safe.
 */
public enum Scale {
    /** Log ratios log(B / A): the change is a ratio minus 1 and its interval stays above -100 %. */
    RELATIVE,
    /** Differences B - A in the metric's unit: used when a value is 0 or negative (no ratio). */
    ABSOLUTE;

    /** Lower-case name for JSON. */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
