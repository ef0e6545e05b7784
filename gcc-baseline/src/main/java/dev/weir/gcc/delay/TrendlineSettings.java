package dev.weir.gcc.delay;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link TrendlineEstimator} and its overuse detector with adaptive threshold, with
 * libwebrtc's defaults (goog_cc {@code trendline_estimator.cc}). The threshold values are in the
 * unit of the modified trend, which libwebrtc treats as milliseconds.
 *
 * <p>Not thread-safe: a plain mutable bean; components copy the values they need when built.
 */
public final class TrendlineSettings implements Validatable {
    /** Packet groups in the least-squares window (kDefaultTrendlineWindowSize; libwebrtc accepts 10..200). */
    public int windowSize = 20;
    /** EWMA coefficient of the accumulated delay (kDefaultTrendlineSmoothingCoeff). */
    public double smoothingCoef = 0.9;
    /** Gain applied to the slope before comparing it with the threshold (kDefaultTrendlineThresholdGain). */
    public double thresholdGain = 4.0;
    /** Adaptive threshold at start (libwebrtc threshold_ = 12.5). */
    public double initialThresholdMs = 12.5;
    /** Lower clamp of the adaptive threshold (libwebrtc 6). */
    public double minThresholdMs = 6.0;
    /** Upper clamp of the adaptive threshold (libwebrtc 600). */
    public double maxThresholdMs = 600.0;
    /** Adaptation gain, per ms, when |modified trend| exceeds the threshold (k_up_). */
    public double kUp = 0.0087;
    /** Adaptation gain, per ms, when |modified trend| is below the threshold (k_down_). */
    public double kDown = 0.039;
    /** The threshold ignores samples further than this above it: latency spikes (kMaxAdaptOffsetMs). */
    public double maxAdaptOffsetMs = 15.0;
    /** Longest time step, ms, one threshold update may integrate (kMaxTimeDeltaMs). */
    public long maxThresholdTimeDeltaMs = 100;
    /** Overuse must last longer than this before it is signalled (kOverUsingTimeThreshold). */
    public double overusingTimeThresholdMs = 10.0;
    /** Overuse must be seen in more than this many consecutive groups (overuse_counter_ > 1). */
    public int overuseCountThreshold = 1;
    /** The slope's weight grows with the delta count up to this cap (kMinNumDeltas). */
    public int minNumDeltas = 60;
    /** The delta counter saturates here (kDeltaCounterMax). */
    public int deltaCounterMax = 1000;

    @Override
    public void validate(ConfigCheck check) {
        check.range("window_size", windowSize, 10, 200)
                .range("smoothing_coef", smoothingCoef, 0.0, 0.999)
                .range("threshold_gain", thresholdGain, 0.01, 1000.0)
                .range("initial_threshold_ms", initialThresholdMs, 0.01, 10_000.0)
                .range("min_threshold_ms", minThresholdMs, 0.01, 10_000.0)
                .range("max_threshold_ms", maxThresholdMs, 0.01, 10_000.0)
                .require(minThresholdMs <= initialThresholdMs && initialThresholdMs <= maxThresholdMs,
                        "initial_threshold_ms", initialThresholdMs,
                        "must be in [min_threshold_ms, max_threshold_ms] = [" + minThresholdMs + ", "
                                + maxThresholdMs + "]")
                .range("k_up", kUp, 0.0, 1.0)
                .range("k_down", kDown, 0.0, 1.0)
                .range("max_adapt_offset_ms", maxAdaptOffsetMs, 0.0, 10_000.0)
                .range("max_threshold_time_delta_ms", maxThresholdTimeDeltaMs, 1, 10_000)
                .range("overusing_time_threshold_ms", overusingTimeThresholdMs, 0.0, 10_000.0)
                .range("overuse_count_threshold", overuseCountThreshold, 0, 1000)
                .range("min_num_deltas", minNumDeltas, 1, 100_000)
                .range("delta_counter_max", deltaCounterMax, 2, 1_000_000);
    }
}
