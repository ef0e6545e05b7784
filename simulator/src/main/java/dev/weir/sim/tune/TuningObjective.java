package dev.weir.sim.tune;

import dev.weir.sim.call.CallMetrics;

/**
 * What tuning minimises, per call (lower is better), in points of the video quality score:
 * <pre>
 *   J = - video_quality_score                          (bitrate on a log scale, frame rate, freezes; 0..100)
 *       + 2 x freeze_500ms_pct                         (long freezes hurt beyond their share of time)
 *       + 0.1 x max(0, delay_p95_ms - 150)             (one point per 10 ms of p95 delay above 150 ms,
 *                                                      ITU-T G.114's comfortable one-way delay)
 *       + 50 x connection_drop                         (a call that drops is worse than any freeze)
 * </pre>
 * The quality score already weighs sent bitrate (log scale) and freezes; the extra terms add what
 * users notice beyond it: long freezes, talking over each other, dropped calls. A candidate is
 * scored by the mean of J over its calls.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class TuningObjective {
    /** Text describing the objective, recorded in a tuned set's provenance. */
    public static final String DESCRIPTION = "J = -video_quality_score + 2 x freeze_500ms_pct"
            + " + 0.1 x max(0, delay_p95_ms - 150) + 50 x connection_drop (per call, lower is better)";
    /** Weight of the share of time in freezes longer than 500 ms, points per percent. */
    static final double LONG_FREEZE_WEIGHT = 2.0;
    /** p95 one-way delay users start to notice, ms (ITU-T G.114). */
    static final double DELAY_BUDGET_MS = 150;
    /** Points per ms of p95 delay above the budget. */
    static final double DELAY_WEIGHT_PER_MS = 0.1;
    /** Points for a dropped connection. */
    static final double DROP_PENALTY = 50;

    private TuningObjective() {
    }

    /** J of one call. */
    public static double of(CallMetrics metrics) {
        return -metrics.value("video_quality_score")
                + LONG_FREEZE_WEIGHT * metrics.value("freeze_500ms_pct")
                + DELAY_WEIGHT_PER_MS * Math.max(0, metrics.value("delay_p95_ms") - DELAY_BUDGET_MS)
                + DROP_PENALTY * metrics.value("connection_drop");
    }
}
