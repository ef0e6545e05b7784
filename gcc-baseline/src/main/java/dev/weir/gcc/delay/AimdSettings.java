package dev.weir.gcc.delay;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of {@link AimdRateControl} and its {@link LinkCapacityEstimator}, with libwebrtc's
 * defaults ({@code modules/remote_bitrate_estimator/aimd_rate_control.cc},
 * goog_cc {@code link_capacity_estimator.cc}).
 *
 * <p>Not thread-safe: a plain mutable bean; components copy the values they need when built.
 */
public final class AimdSettings implements Validatable {
    /** On overuse the rate drops to this fraction of the acknowledged rate (kDefaultBackoffFactor). */
    public double backoffFactor = 0.85;
    /** Subtracted after the back-off to drain self-induced queues (WebRTC-Bwe-SubtractAdditionalBackoffTerm, on). */
    public long additionalBackoffBps = 5_000;
    /**
     * Ceiling of every delay-based estimate (libwebrtc's max_configured_bitrate_, 30 Mbps). The
     * call's own minimum, start and maximum are not AIMD settings: goog_cc hands them over per
     * call ({@code SetMinBitrate}, {@code SetStartBitrate}) and caps the target in the loss-based
     * controller.
     */
    public long maxBitrateBps = 30_000_000;
    /** Round-trip time assumed until {@code setRtt} is called (kDefaultRtt). */
    public long defaultRttMs = 200;
    /** Per-second growth factor while no link capacity is known (alpha = 1.08). */
    public double multiplicativeIncreaseFactor = 1.08;
    /** Smallest multiplicative step, so low rates still grow (1000 bps). */
    public long minMultiplicativeIncreaseBps = 1_000;
    /** Smallest additive slope near the link capacity (kMinIncreaseRateBpsPerSecond). */
    public double minAdditiveIncreaseBpsPerSecond = 4_000.0;
    /** Frame rate assumed when sizing the additive step: one packet per frame per response time (30 fps). */
    public int assumedFrameRateFps = 30;
    /** Packet size assumed when splitting a frame into packets (kPacketSize = 1200 bytes). */
    public int assumedPacketSizeBytes = 1200;
    /** Approximate reaction delay of the overuse detector added to the RTT (100 ms). */
    public long overuseDetectorDelayMs = 100;
    /** Increases stop at this multiple of the acknowledged rate ... (1.5). */
    public double increaseLimitFactor = 1.5;
    /** ... plus this, so low rates with uneven encoders do not get stuck (10 kbps). */
    public long increaseLimitOffsetBps = 10_000;
    /** A further decrease needs at least clamp(rtt, min, max) since the last change: min (10 ms). */
    public long minReductionIntervalMs = 10;
    /** ... and max (200 ms). */
    public long maxReductionIntervalMs = 200;
    /** A further decrease is allowed at once when throughput falls below this fraction of the estimate (0.5). */
    public double reduceFurtherThroughputRatio = 0.5;
    /** Without a start rate, the estimate is taken from throughput after this long (kInitializationTime). */
    public long initializationTimeMs = 5_000;
    /** Expected time between decreases: lower clamp (kMinPeriod). */
    public long minBandwidthPeriodMs = 2_000;
    /** ... before the first decrease (kDefaultPeriod). */
    public long defaultBandwidthPeriodMs = 3_000;
    /** ... upper clamp (kMaxPeriod). */
    public long maxBandwidthPeriodMs = 50_000;
    /** Hold the estimate while application-limited (WebRTC-DontIncreaseDelayBasedBweInAlr, off by default). */
    public boolean noIncreaseInAlr = false;
    /** EWMA weight of an acknowledged rate at overuse in the link-capacity estimate (0.05). */
    public double linkCapacityAlpha = 0.05;
    /** EWMA weight of a probe result in the link-capacity estimate (0.5). */
    public double linkCapacityProbeAlpha = 0.5;
    /** Lower clamp of the normalised link-capacity variance, kbps (0.4 ~ 14 kbps sigma at 500 kbps). */
    public double linkCapacityMinDeviationKbps = 0.4;
    /** Upper clamp of the normalised link-capacity variance, kbps (2.5 ~ 35 kbps sigma at 500 kbps). */
    public double linkCapacityMaxDeviationKbps = 2.5;
    /** Width of the link-capacity bounds in standard deviations (3). */
    public double linkCapacityBoundSigmas = 3.0;

    @Override
    public void validate(ConfigCheck check) {
        check.require(backoffFactor > 0.0 && backoffFactor < 1.0, "backoff_factor", backoffFactor, "must be in (0, 1)")
                .range("additional_backoff_bps", additionalBackoffBps, 0, 100_000_000)
                .range("max_bitrate_bps", maxBitrateBps, 5_000, 100_000_000_000L)
                .range("default_rtt_ms", defaultRttMs, 1, 60_000)
                .range("multiplicative_increase_factor", multiplicativeIncreaseFactor, 1.0, 2.0)
                .range("min_multiplicative_increase_bps", minMultiplicativeIncreaseBps, 0, 10_000_000)
                .range("min_additive_increase_bps_per_second", minAdditiveIncreaseBpsPerSecond, 0.0, 100_000_000.0)
                .range("assumed_frame_rate_fps", assumedFrameRateFps, 1, 1000)
                .range("assumed_packet_size_bytes", assumedPacketSizeBytes, 50, 65_535)
                .range("overuse_detector_delay_ms", overuseDetectorDelayMs, 0, 10_000)
                .range("increase_limit_factor", increaseLimitFactor, 1.0, 100.0)
                .range("increase_limit_offset_bps", increaseLimitOffsetBps, 0, 100_000_000)
                .range("min_reduction_interval_ms", minReductionIntervalMs, 0, 60_000)
                .range("max_reduction_interval_ms", maxReductionIntervalMs, 0, 60_000)
                .require(minReductionIntervalMs <= maxReductionIntervalMs, "min_reduction_interval_ms",
                        minReductionIntervalMs, "must not exceed max_reduction_interval_ms = " + maxReductionIntervalMs)
                .range("reduce_further_throughput_ratio", reduceFurtherThroughputRatio, 0.0, 1.0)
                .range("initialization_time_ms", initializationTimeMs, 0, 600_000)
                .range("min_bandwidth_period_ms", minBandwidthPeriodMs, 1, 600_000)
                .range("default_bandwidth_period_ms", defaultBandwidthPeriodMs, 1, 600_000)
                .range("max_bandwidth_period_ms", maxBandwidthPeriodMs, 1, 600_000)
                .require(minBandwidthPeriodMs <= defaultBandwidthPeriodMs && defaultBandwidthPeriodMs <= maxBandwidthPeriodMs,
                        "default_bandwidth_period_ms", defaultBandwidthPeriodMs,
                        "must be in [min_bandwidth_period_ms, max_bandwidth_period_ms] = [" + minBandwidthPeriodMs
                                + ", " + maxBandwidthPeriodMs + "]")
                .range("link_capacity_alpha", linkCapacityAlpha, 0.0001, 1.0)
                .range("link_capacity_probe_alpha", linkCapacityProbeAlpha, 0.0001, 1.0)
                .range("link_capacity_min_deviation_kbps", linkCapacityMinDeviationKbps, 0.0, 1000.0)
                .range("link_capacity_max_deviation_kbps", linkCapacityMaxDeviationKbps, 0.0, 1000.0)
                .require(linkCapacityMinDeviationKbps <= linkCapacityMaxDeviationKbps,
                        "link_capacity_min_deviation_kbps", linkCapacityMinDeviationKbps,
                        "must not exceed link_capacity_max_deviation_kbps = " + linkCapacityMaxDeviationKbps)
                .range("link_capacity_bound_sigmas", linkCapacityBoundSigmas, 0.0, 100.0);
    }
}
