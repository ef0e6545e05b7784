package dev.weir.gcc.loss;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;
import dev.weir.gcc.loss.v2.LossBasedBweV2;
import dev.weir.gcc.loss.v2.LossBasedBweV2Settings;

/**
 * Settings of the loss-based controller {@link SendSideBandwidthEstimation}, with the defaults of
 * libwebrtc's {@code send_side_bandwidth_estimation.cc} (constants and the
 * {@code WebRTC-BweLossExperiment} / {@code WebRTC-Bwe-MaxRttLimit} field trials) for the classic
 * rule, and {@link #v2} for {@link LossBasedBweV2}, which replaces the classic rule once it is
 * ready (libwebrtc's default; {@code "v2": {"enabled": false}} keeps the classic controller alone).
 *
 * <p>These are the parameters a steering layer may swap at run time
 * ({@link SendSideBandwidthEstimation#applySettings}); call bounds (min/start/max bitrate) are not
 * here but in {@link SendSideBandwidthEstimation#setBitrates}.
 *
 * <p>Mutable settings object: not thread-safe; the estimator keeps its own copy.
 */
public final class LossBasedSettings implements Validatable {
    /** Loss fraction at or below which the rate increases (libwebrtc kDefaultLowLossThreshold 2%). */
    public double lowLossThreshold = 0.02;
    /** Loss fraction above which the rate decreases (libwebrtc kDefaultHighLossThreshold 10%). */
    public double highLossThreshold = 0.10;
    /** Multiplier on the minimum rate of the last increase interval when loss is low (8% per second). */
    public double increaseFactor = 1.08;
    /** Added on every increase, bps, so very low rates do not get stuck (libwebrtc: 1 kbps). */
    public long increaseAdditiveBps = 1000;
    /** Window of the minimum-rate history the increase starts from, ms (kBweIncreaseInterval). */
    public long increaseIntervalMs = 1000;
    /** Decrease is {@code rate * (1 - decreaseFactor * loss)}; 0.5 halves the loss fraction's bite. */
    public double decreaseFactor = 0.5;
    /** Minimum time between decreases, ms, plus the RTT (kBweDecreaseInterval). */
    public long decreaseIntervalMs = 300;
    /**
     * Rate multiplier per second in the moderate-loss band (between the thresholds); 1.0 holds the
     * rate as libwebrtc does, values above creep up, below creep down.
     */
    public double moderateLossRateFactorPerSecond = 1.0;
    /** Expected packets needed before a loss fraction is computed; reports accumulate until then. */
    public int minPacketsPerReport = 20;
    /** Below this rate (bps) loss is ignored and the rate increases (libwebrtc bitrate_threshold, 0). */
    public long lossIgnoredBelowBps = 0;
    /** After the first report, for this long (ms) a loss-free call trusts the delay-based estimate (kStartPhase). */
    public long startPhaseMs = 2000;
    /** Loss reports older than this (ms) no longer drive the rate (1.2 x kMaxRtcpFeedbackInterval of 5 s). */
    public long lossReportTimeoutMs = 6000;
    /** Whether to back off when the RTT exceeds {@link #rttBackoffLimitMs} (WebRTC-Bwe-MaxRttLimit). */
    public boolean rttBackoffEnabled = true;
    /** RTT above which the rate backs off, ms; 3 s means feedback is effectively stalled. */
    public long rttBackoffLimitMs = 3000;
    /** Rate multiplier per backoff step. */
    public double rttBackoffFactor = 0.8;
    /** Time between backoff steps, ms. */
    public long rttBackoffIntervalMs = 1000;
    /** The backoff never goes below this rate, bps. */
    public long rttBackoffFloorBps = 5000;
    /** Time constant of the link-capacity tracker's EWMA, ms (WebRTC-Bwe-LinkCapacity rate). */
    public long linkCapacityTrackingMs = 10_000;
    /** LossBasedBweV2 (field trial {@code WebRTC-Bwe-LossBasedBweV2}); enabled by default, as in libwebrtc. */
    public LossBasedBweV2Settings v2 = new LossBasedBweV2Settings();

    /** A copy with the same values. */
    public LossBasedSettings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.range("low_loss_threshold", lowLossThreshold, 0.0, 1.0);
        check.range("high_loss_threshold", highLossThreshold, 0.0, 1.0);
        check.require(!(lowLossThreshold > highLossThreshold), "low_loss_threshold", lowLossThreshold,
                "must be <= high_loss_threshold (" + highLossThreshold + ")");
        check.range("increase_factor", increaseFactor, 1.0, 2.0);
        check.range("increase_additive_bps", increaseAdditiveBps, 0, 1_000_000);
        check.range("increase_interval_ms", increaseIntervalMs, 100, 10_000);
        check.range("decrease_factor", decreaseFactor, 0.0, 1.0);
        check.range("decrease_interval_ms", decreaseIntervalMs, 0, 10_000);
        check.range("moderate_loss_rate_factor_per_second", moderateLossRateFactorPerSecond, 0.5, 1.5);
        check.range("min_packets_per_report", minPacketsPerReport, 1, 10_000);
        check.range("loss_ignored_below_bps", lossIgnoredBelowBps, 0, 1_000_000_000);
        check.range("start_phase_ms", startPhaseMs, 0, 60_000);
        check.range("loss_report_timeout_ms", lossReportTimeoutMs, 100, 600_000);
        // rtt_backoff_enabled: a boolean, any value is valid.
        check.range("rtt_backoff_limit_ms", rttBackoffLimitMs, 100, 600_000);
        check.range("rtt_backoff_factor", rttBackoffFactor, 0.01, 1.0);
        check.range("rtt_backoff_interval_ms", rttBackoffIntervalMs, 10, 600_000);
        check.range("rtt_backoff_floor_bps", rttBackoffFloorBps, 0, 1_000_000_000);
        check.range("link_capacity_tracking_ms", linkCapacityTrackingMs, 100, 600_000);
        check.notNull("v2", v2);
        if (v2 != null) {
            v2.validate(check.child("v2"));
        }
    }
}
