package dev.weir.gcc.delay;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link InterArrivalDelta} (packet grouping) and of the delay-based stream timeout,
 * with libwebrtc's defaults (goog_cc {@code inter_arrival_delta.cc}, {@code delay_based_bwe.cc}).
 *
 * <p>Not thread-safe: a plain mutable bean; components copy the values they need when built.
 */
public final class InterArrivalSettings implements Validatable {
    /** A packet sent more than this after its group's first packet starts a new group (kTimestampGroupLengthMs). */
    public long sendTimeGroupLengthMs = 5;
    /** A packet arriving within this of the group's last arrival may join it as a burst (kBurstDeltaThreshold). */
    public long burstDeltaThresholdMs = 5;
    /** A burst stops growing once it spans this much arrival time (kMaxBurstDuration). */
    public long maxBurstDurationMs = 100;
    /** This many consecutive reordered groups reset the grouping (kReorderedResetThreshold). */
    public int reorderedResetThreshold = 3;
    /** An arrival-clock jump this much larger than the local clock's resets the grouping (kArrivalTimeOffsetThreshold). */
    public long arrivalTimeOffsetThresholdMs = 3000;
    /** No feedback for longer than this restarts grouping and trendline (kStreamTimeOut). */
    public long streamTimeoutMs = 2000;

    @Override
    public void validate(ConfigCheck check) {
        check.range("send_time_group_length_ms", sendTimeGroupLengthMs, 0, 1000)
                .range("burst_delta_threshold_ms", burstDeltaThresholdMs, 0, 1000)
                .range("max_burst_duration_ms", maxBurstDurationMs, 0, 10_000)
                .range("reordered_reset_threshold", reorderedResetThreshold, 1, 1000)
                .range("arrival_time_offset_threshold_ms", arrivalTimeOffsetThresholdMs, 10, 600_000)
                .range("stream_timeout_ms", streamTimeoutMs, 10, 600_000);
    }
}
