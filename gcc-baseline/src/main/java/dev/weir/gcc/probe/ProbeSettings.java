package dev.weir.gcc.probe;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;

/**
 * Settings of probing: {@link ProbeController} (libwebrtc {@code ProbeControllerConfig},
 * probe_controller.cc) and {@link ProbeBitrateEstimator} (constants of
 * probe_bitrate_estimator.cc), with libwebrtc's defaults.
 *
 * <p>Mutable settings object: not thread-safe; components copy the values they need.
 */
public final class ProbeSettings implements Validatable {
    /** Whether probe clusters are requested at all (off: the estimate grows by AIMD alone). */
    public boolean enabled = true;
    /** First initial probe, multiple of the start rate (p1). */
    public double firstExponentialProbeScale = 3.0;
    /** Second initial probe, multiple of the start rate (p2); 0 sends only the first. */
    public double secondExponentialProbeScale = 6.0;
    /** Further probe, multiple of the estimate a successful probe produced (step_size). */
    public double furtherExponentialProbeScale = 2.0;
    /** Probe further while the estimate exceeds this share of the last probed rate. */
    public double furtherProbeThreshold = 0.7;
    /**
     * Whether to probe periodically while application-limited. libwebrtc leaves it off unless a
     * stream asks for it (EnablePeriodicAlrProbing: screen share), so off for camera video.
     */
    public boolean periodicAlrProbing = false;
    /** Time between ALR probes, ms (alr_interval). */
    public long alrProbingIntervalMs = 5000;
    /** ALR probe, multiple of the current estimate (alr_scale). */
    public double alrProbeScale = 2.0;
    /**
     * Repeated initial probing (libwebrtc EnableRepeatedInitialProbing, off unless the application
     * enables it): for {@code repeatedInitialProbingPeriodMs} after the first probes, probe again
     * at 3x the estimate every second, with clusters of {@code initialProbeDurationMs}.
     */
    public boolean repeatedInitialProbing = false;
    /** How long repeated initial probing lasts, ms (initial_probing). */
    public long repeatedInitialProbingPeriodMs = 5_000;
    /** Cluster duration during repeated initial probing, ms (initial_probe_duration). */
    public long initialProbeDurationMs = 100;
    /** Minimum duration of any other probe cluster, ms (min_probe_duration). */
    public long minProbeDurationMs = 15;
    /** Minimum packets per probe cluster (min_probe_packets_sent). */
    public int minProbePacketsSent = 5;
    /**
     * Probe rate cap when the call configures no maximum bitrate, bps (kDefaultMaxProbingBitrate).
     * A configured maximum is the cap otherwise.
     */
    public long defaultMaxProbingBitrateBps = 5_000_000;
    /**
     * While LossBasedBweV2 is increasing, probes are capped at this multiple of the estimate
     * (loss_limited_scale).
     */
    public double lossLimitedProbeScale = 1.5;
    /** Stop probing further once the estimate exceeds the maximum (abort_further, off). */
    public boolean abortFurtherProbeIfMaxLowerThanCurrent = false;
    /**
     * Skip a probe when the estimate already exceeds this fraction of the maximum probe rate;
     * 0 never skips (skip_if_est_larger_than_fraction_of_max).
     */
    public double skipIfEstimateLargerThanFractionOfMax = 0.0;
    /**
     * After the estimate drops to this fraction of its value or below and then recovers within
     * {@code bitrateDropTimeoutMs}, a probe at {@code probeFractionAfterDrop} of the old rate is
     * sent, if in ALR or ALR ended within 3 s (kBitrateDropThreshold).
     */
    public double bitrateDropThreshold = 0.66;
    /** See {@link #bitrateDropThreshold}, ms (kBitrateDropTimeout). */
    public long bitrateDropTimeoutMs = 5_000;
    /** Probe rate after a drop, share of the rate before it (kProbeFractionAfterDrop). */
    public double probeFractionAfterDrop = 0.85;
    /** A drop probe only when ALR ended at most this long ago, ms (kAlrEndedTimeout). */
    public long alrEndedTimeoutMs = 3_000;
    /** Least time between two drop probes, ms (kMinTimeBetweenAlrProbes). */
    public long minTimeBetweenDropProbesMs = 5_000;
    /** Expected uncertainty of a probe result, share of its rate (kProbeUncertainty). */
    public double probeUncertainty = 0.05;
    /** Waiting this long (ms) without a further-probe trigger ends the probing sequence. */
    public long maxWaitingForProbingResultMs = 1000;
    /** Share of a cluster's min probes that must be acknowledged for an estimate. */
    public double minReceivedProbesRatio = 0.80;
    /** Share of a cluster's min bytes that must be acknowledged for an estimate. */
    public double minReceivedBytesRatio = 0.80;
    /** Receive/send rate ratios above this are measurement errors and discarded. */
    public double maxValidRatio = 2.0;
    /** Received below this share of the send rate means the probe found the link capacity. */
    public double minRatioForUnsaturatedLink = 0.9;
    /** At the found capacity, the estimate is this share of the receive rate (headroom). */
    public double targetUtilizationFraction = 0.95;
    /** Clusters not updated for this long (ms) are forgotten (kMaxClusterHistory). */
    public long maxClusterHistoryMs = 1000;
    /** Send or receive spans of one cluster longer than this (ms) are invalid (kMaxProbeInterval). */
    public long maxProbeIntervalMs = 1000;

    /** A copy with the same values. */
    public ProbeSettings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("first_exponential_probe_scale", firstExponentialProbeScale, 1.0, 100.0);
        check.range("second_exponential_probe_scale", secondExponentialProbeScale, 0.0, 100.0);
        check.range("further_exponential_probe_scale", furtherExponentialProbeScale, 1.0, 100.0);
        check.range("further_probe_threshold", furtherProbeThreshold, 0.0, 1.0);
        // periodic_alr_probing: a boolean, any value is valid.
        check.range("alr_probing_interval_ms", alrProbingIntervalMs, 100, 600_000);
        check.range("alr_probe_scale", alrProbeScale, 1.0, 100.0);
        check.range("repeated_initial_probing_period_ms", repeatedInitialProbingPeriodMs, 0, 600_000);
        check.range("initial_probe_duration_ms", initialProbeDurationMs, 1, 10_000);
        check.range("min_probe_duration_ms", minProbeDurationMs, 1, 10_000);
        check.range("min_probe_packets_sent", minProbePacketsSent, 1, 1000);
        check.range("default_max_probing_bitrate_bps", defaultMaxProbingBitrateBps, 10_000, 100_000_000_000L);
        check.range("loss_limited_probe_scale", lossLimitedProbeScale, 1.0, 100.0);
        check.range("skip_if_estimate_larger_than_fraction_of_max", skipIfEstimateLargerThanFractionOfMax, 0.0, 1.0);
        check.range("bitrate_drop_threshold", bitrateDropThreshold, 0.0, 1.0);
        check.range("bitrate_drop_timeout_ms", bitrateDropTimeoutMs, 0, 600_000);
        check.range("probe_fraction_after_drop", probeFractionAfterDrop, 0.0, 1.0);
        check.range("alr_ended_timeout_ms", alrEndedTimeoutMs, 0, 600_000);
        check.range("min_time_between_drop_probes_ms", minTimeBetweenDropProbesMs, 0, 600_000);
        check.range("probe_uncertainty", probeUncertainty, 0.0, 1.0);
        check.range("max_waiting_for_probing_result_ms", maxWaitingForProbingResultMs, 10, 60_000);
        check.range("min_received_probes_ratio", minReceivedProbesRatio, 0.0, 1.0);
        check.range("min_received_bytes_ratio", minReceivedBytesRatio, 0.0, 1.0);
        check.range("max_valid_ratio", maxValidRatio, 1.0, 100.0);
        check.range("min_ratio_for_unsaturated_link", minRatioForUnsaturatedLink, 0.0, 1.0);
        check.range("target_utilization_fraction", targetUtilizationFraction, 0.1, 1.0);
        check.range("max_cluster_history_ms", maxClusterHistoryMs, 10, 60_000);
        check.range("max_probe_interval_ms", maxProbeIntervalMs, 10, 60_000);
    }
}
