package dev.weir.sim.compare;

import java.util.List;
import java.util.Locale;

/**
 * Which way a per-call metric improves, so a report can call a significant change an improvement
 * or a regression. Also fixes the order metrics appear in reports.
 *
 * <p>Immutable and thread-safe.
 */
public enum MetricDirection {
    /** More is better (bitrate, utilization, quality, frame rate). */
    HIGHER_IS_BETTER,
    /** Less is better (freezes, delay, loss, bad experience, drops, ramp-up time). */
    LOWER_IS_BETTER,
    /** No preferred direction (metrics this table does not know). */
    NEUTRAL;

    /** Metrics the call engine reports, in report order; unknown metrics follow, sorted by name. */
    public static final List<String> KNOWN_METRICS = List.of(
            "avg_sent_bitrate_bps",
            "avg_recv_bitrate_bps",
            "utilization",
            "freeze_pct",
            "freeze_500ms_pct",
            "connection_drop",
            "delay_p50_ms",
            "delay_p95_ms",
            "loss_pct",
            "video_quality_score",
            "avg_encode_fps",
            "bad_experience_pct",
            "time_to_80pct_capacity_s");

    /** The direction of {@code metric}; {@link #NEUTRAL} for metrics not in the table. */
    public static MetricDirection of(String metric) {
        switch (metric) {
            case "avg_sent_bitrate_bps":
            case "avg_recv_bitrate_bps":
            case "utilization":
            case "video_quality_score":
            case "avg_encode_fps":
            // The speed gate's figures (not call metrics, so not in KNOWN_METRICS).
            case "simulator_x_realtime":
                return HIGHER_IS_BETTER;
            case "freeze_pct":
            case "freeze_500ms_pct":
            case "connection_drop":
            case "delay_p50_ms":
            case "delay_p95_ms":
            case "loss_pct":
            case "bad_experience_pct":
            case "time_to_80pct_capacity_s":
            case "gcc_ns_per_packet":
            case "model_decision_us":
            case "cold_start_ms":
                return LOWER_IS_BETTER;
            default:
                return NEUTRAL;
        }
    }

    /** Lower-case name for JSON and text ({@code higher_is_better}, ...). */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
