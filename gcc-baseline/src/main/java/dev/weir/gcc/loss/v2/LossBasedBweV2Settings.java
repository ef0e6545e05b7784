package dev.weir.gcc.loss.v2;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.config.Validatable;
import java.util.Arrays;

/**
 * Settings of {@link LossBasedBweV2}, with the defaults of libwebrtc's
 * {@code LossBasedBweV2::CreateConfig} (modules/congestion_controller/goog_cc/loss_based_bwe_v2.cc,
 * https://webrtc.googlesource.com/src; field trial {@code WebRTC-Bwe-LossBasedBweV2}). Each field
 * names its field-trial key. Times are milliseconds, rates bits per second.
 *
 * <p>{@link #validate} mirrors libwebrtc's {@code IsConfigValid} constraint for constraint (where
 * libwebrtc disables an invalid estimator, weir rejects the settings up front) and adds what a
 * port without optional values needs: every double finite, rates and times positive where
 * libwebrtc's units would be, and upper bounds on the sizes weir preallocates (observation window,
 * candidate factors) and on the per-report work (Newton iterations).
 *
 * <p>Mutable settings object: not thread-safe; the estimator keeps its own copy.
 */
public final class LossBasedBweV2Settings implements Validatable {
    /** Largest observation window weir preallocates (libwebrtc has no bound; 15 by default). */
    public static final int MAX_OBSERVATION_WINDOW_SIZE = 1000;
    /** Most candidate factors weir preallocates (libwebrtc has no bound; 3 by default). */
    public static final int MAX_CANDIDATE_FACTORS = 32;
    /** Most Newton iterations per candidate and report: each costs one pass over the window. */
    public static final int MAX_NEWTON_ITERATIONS = 100;
    /** Upper bound on the free-form factors below: large enough for every libwebrtc test value. */
    private static final double MAX_FACTOR = 1000.0;
    /** Upper bound on the configured rates, bps (1 Tbps): keeps rate arithmetic far from overflow. */
    private static final long MAX_RATE_BPS = 1_000_000_000_000L;
    /** Upper bound on the configured durations, ms (1 h). */
    private static final long MAX_DURATION_MS = 3_600_000L;

    /** Whether the estimator runs at all ({@code Enabled}, on since 2022). */
    public boolean enabled = true;
    /** While loss-limited, an increase is capped at this factor times the acked rate ({@code BwRampupUpperBoundFactor}). */
    public double bandwidthRampupUpperBoundFactor = 1.5;
    /** The same cap while the acked rate is below the hold threshold ({@code BwRampupUpperBoundInHoldFactor}). */
    public double bandwidthRampupUpperBoundFactorInHold = 1.2;
    /** The in-hold cap applies while acked rate {@code <} this factor x the hold rate ({@code BwRampupUpperBoundHoldThreshold}). */
    public double bandwidthRampupHoldThreshold = 1.3;
    /** Extra candidate headroom, as a multiple of the acked rate, reached after the maxout time ({@code BwRampupAccelMaxFactor}; 0 = off). */
    public double rampupAccelerationMaxFactor = 0.0;
    /** Time since the last reduction over which the acceleration grows to its maximum, ms ({@code BwRampupAccelMaxoutTime}). */
    public long rampupAccelerationMaxoutTimeMs = 60_000;
    /** Candidate bandwidths as factors of the current estimate ({@code CandidateFactors}). */
    public double[] candidateFactors = {1.02, 1.0, 0.95};
    /** Objective bonus per kbps of a candidate, scaled by how far loss is below the preference threshold ({@code HigherBwBiasFactor}). */
    public double higherBandwidthBiasFactor = 0.0002;
    /** Objective bonus per log(1 + kbps) of a candidate, scaled likewise ({@code HigherLogBwBiasFactor}). */
    public double higherLogBandwidthBiasFactor = 0.02;
    /** Lowest inherent (random) loss the fit may return ({@code InherentLossLowerBound}). */
    public double inherentLossLowerBound = 1.0e-3;
    /** Average loss below which higher bandwidths are preferred, above which lower ones ({@code LossThresholdOfHighBandwidthPreference}). */
    public double lossThresholdOfHighBandwidthPreference = 0.2;
    /** Softens the preference switch around that threshold ({@code BandwidthPreferenceSmoothingFactor}). */
    public double bandwidthPreferenceSmoothingFactor = 0.002;
    /** Inherent-loss ceiling is offset + this rate / bandwidth, bps ({@code InherentLossUpperBoundBwBalance}). */
    public long inherentLossUpperBoundBandwidthBalanceBps = 100_000;
    /** Inherent-loss ceiling at infinite bandwidth ({@code InherentLossUpperBoundOffset}). */
    public double inherentLossUpperBoundOffset = 0.05;
    /** Inherent loss assumed before any fit ({@code InitialInherentLossEstimate}). */
    public double initialInherentLossEstimate = 0.01;
    /** Newton steps on the inherent loss per candidate and report ({@code NewtonIterations}). */
    public int newtonIterations = 1;
    /** Damping of each Newton step ({@code NewtonStepSize}). */
    public double newtonStepSize = 0.75;
    /** Whether the acked rate (x backoff lower bound factor) is a candidate ({@code AckedRateCandidate}). */
    public boolean appendAcknowledgedRateCandidate = true;
    /** Whether a higher delay-based estimate is a candidate ({@code DelayBasedCandidate}). */
    public boolean appendDelayBasedEstimateCandidate = true;
    /** Whether the instant upper bound is a candidate in ALR ({@code UpperBoundCandidateInAlr}). */
    public boolean appendUpperBoundCandidateInAlr = false;
    /** Shortest send-time span of one observation, ms; shorter reports accumulate ({@code ObservationDurationLowerBound}). */
    public long observationDurationLowerBoundMs = 250;
    /** Observations kept for the fit ({@code ObservationWindowSize}). */
    public int observationWindowSize = 15;
    /** Weight of the previous observation's sending rate in the next one ({@code SendingRateSmoothingFactor}). */
    public double sendingRateSmoothingFactor = 0.0;
    /** Per-observation decay of the weights of the average loss ({@code InstantUpperBoundTemporalWeightFactor}). */
    public double instantUpperBoundTemporalWeightFactor = 0.9;
    /** Instant upper bound is this rate / (average loss - offset), bps ({@code InstantUpperBoundBwBalance}). */
    public long instantUpperBoundBandwidthBalanceBps = 100_000;
    /** Average loss below which no instant upper bound applies ({@code InstantUpperBoundLossOffset}). */
    public double instantUpperBoundLossOffset = 0.05;
    /** Per-observation decay of the likelihood weights ({@code TemporalWeightFactor}). */
    public double temporalWeightFactor = 0.9;
    /**
     * The acked-rate candidate is the acked rate times this ({@code BwBackoffLowerBoundFactor}).
     * libwebrtc only requires {@code <= 1}; weir also requires {@code >= 0} (a negative rate is no candidate).
     */
    public double bandwidthBackoffLowerBoundFactor = 1.0;
    /** After a loss-limited change, candidates are capped at this factor x the estimate for a window ({@code MaxIncreaseFactor}). */
    public double maxIncreaseFactor = 1.3;
    /** That window, ms ({@code DelayedIncreaseWindow}). */
    public long delayedIncreaseWindowMs = 300;
    /** Do not increase while the average loss exceeds the fitted inherent loss ({@code NotIncreaseIfInherentLossLessThanAverageLoss}). */
    public boolean notIncreaseIfInherentLossLessThanAverageLoss = true;
    /** In ALR the acked rate says nothing about capacity: no acked-rate candidate ({@code NotUseAckedRateInAlr}). */
    public boolean notUseAckedRateInAlr = true;
    /** The estimate may replace the delay-based start-up rule once ready ({@code UseInStartPhase}). */
    public boolean useInStartPhase = true;
    /** Observations needed before the estimate is used ({@code MinNumObservations}). */
    public int minNumObservations = 3;
    /** The estimate never drops below this factor x the acked rate; 0 = off ({@code LowerBoundByAckedRateFactor}). */
    public double lowerBoundByAckedRateFactor = 1.0;
    /** Each new hold lasts this factor x the previous one (from 300 ms, at most 60 s); 0 = no hold ({@code HoldDurationFactor}). */
    public double holdDurationFactor = 2.0;
    /** Fit and average byte loss instead of packet loss ({@code UseByteLossRate}). */
    public boolean useByteLossRate = true;
    /** How long an increase asks for padding to probe the new rate, ms; 0 = never pad ({@code PaddingDuration}). */
    public long paddingDurationMs = 2000;
    /** Reset the fit to the bounded estimate when a bound cuts it ({@code BoundBestCandidate}). */
    public boolean boundBestCandidate = true;
    /** A loss spike is ignored only while the median sending rate x this exceeds the spike's rate ({@code MedianSendingRateFactor}). */
    public double medianSendingRateFactor = 2.0;

    /** A deep copy. */
    public LossBasedBweV2Settings copy() {
        return SettingsCopy.copy(this);
    }

    @Override
    public void validate(ConfigCheck check) {
        // enabled: a boolean, any value is valid.
        openClosed(check, "bandwidth_rampup_upper_bound_factor", bandwidthRampupUpperBoundFactor, 1.0, MAX_FACTOR);
        openClosed(check, "bandwidth_rampup_upper_bound_factor_in_hold", bandwidthRampupUpperBoundFactorInHold, 1.0,
                MAX_FACTOR);
        check.range("bandwidth_rampup_hold_threshold", bandwidthRampupHoldThreshold, 0.0, MAX_FACTOR);
        check.range("rampup_acceleration_max_factor", rampupAccelerationMaxFactor, 0.0, MAX_FACTOR);
        check.range("rampup_acceleration_maxout_time_ms", rampupAccelerationMaxoutTimeMs, 1, MAX_DURATION_MS);
        validateCandidateFactors(check);
        check.range("higher_bandwidth_bias_factor", higherBandwidthBiasFactor, 0.0, MAX_FACTOR);
        check.range("higher_log_bandwidth_bias_factor", higherLogBandwidthBiasFactor, -MAX_FACTOR, MAX_FACTOR);
        closedOpen(check, "inherent_loss_lower_bound", inherentLossLowerBound, 0.0, 1.0);
        closedOpen(check, "loss_threshold_of_high_bandwidth_preference", lossThresholdOfHighBandwidthPreference, 0.0,
                1.0);
        openClosed(check, "bandwidth_preference_smoothing_factor", bandwidthPreferenceSmoothingFactor, 0.0, 1.0);
        check.range("inherent_loss_upper_bound_bandwidth_balance_bps", inherentLossUpperBoundBandwidthBalanceBps, 1,
                MAX_RATE_BPS);
        check.require(inherentLossUpperBoundOffset >= inherentLossLowerBound && inherentLossUpperBoundOffset < 1.0,
                "inherent_loss_upper_bound_offset", inherentLossUpperBoundOffset,
                "must be in [inherent_loss_lower_bound (" + inherentLossLowerBound + "), 1)");
        closedOpen(check, "initial_inherent_loss_estimate", initialInherentLossEstimate, 0.0, 1.0);
        check.range("newton_iterations", newtonIterations, 1, MAX_NEWTON_ITERATIONS);
        openClosed(check, "newton_step_size", newtonStepSize, 0.0, MAX_FACTOR);
        // append_*_candidate: booleans, checked together in validateCandidateFactors.
        check.range("observation_duration_lower_bound_ms", observationDurationLowerBoundMs, 1, MAX_DURATION_MS);
        check.range("observation_window_size", observationWindowSize, 2, MAX_OBSERVATION_WINDOW_SIZE);
        closedOpen(check, "sending_rate_smoothing_factor", sendingRateSmoothingFactor, 0.0, 1.0);
        openClosed(check, "instant_upper_bound_temporal_weight_factor", instantUpperBoundTemporalWeightFactor, 0.0,
                1.0);
        check.range("instant_upper_bound_bandwidth_balance_bps", instantUpperBoundBandwidthBalanceBps, 1,
                MAX_RATE_BPS);
        closedOpen(check, "instant_upper_bound_loss_offset", instantUpperBoundLossOffset, 0.0, 1.0);
        openClosed(check, "temporal_weight_factor", temporalWeightFactor, 0.0, 1.0);
        check.range("bandwidth_backoff_lower_bound_factor", bandwidthBackoffLowerBoundFactor, 0.0, 1.0);
        openClosed(check, "max_increase_factor", maxIncreaseFactor, 0.0, MAX_FACTOR);
        check.range("delayed_increase_window_ms", delayedIncreaseWindowMs, 1, MAX_DURATION_MS);
        check.range("min_num_observations", minNumObservations, 1, Integer.MAX_VALUE);
        check.range("lower_bound_by_acked_rate_factor", lowerBoundByAckedRateFactor, 0.0, MAX_FACTOR);
        check.range("hold_duration_factor", holdDurationFactor, 0.0, MAX_FACTOR);
        check.range("padding_duration_ms", paddingDurationMs, 0, MAX_DURATION_MS);
        check.range("median_sending_rate_factor", medianSendingRateFactor, 0.0, MAX_FACTOR);
    }

    private void validateCandidateFactors(ConfigCheck check) {
        check.notNull("candidate_factors", candidateFactors);
        if (candidateFactors == null) {
            return;
        }
        check.range("candidate_factors.length", candidateFactors.length, 1, MAX_CANDIDATE_FACTORS);
        boolean anyOtherThanOne = false;
        for (int i = 0; i < candidateFactors.length; i++) {
            openClosed(check, "candidate_factors[" + i + "]", candidateFactors[i], 0.0, MAX_FACTOR);
            anyOtherThanOne |= candidateFactors[i] != 1.0;
        }
        // libwebrtc: at least one candidate other than the current estimate must be possible.
        check.require(appendAcknowledgedRateCandidate || appendDelayBasedEstimateCandidate || anyOtherThanOne,
                "candidate_factors", Arrays.toString(candidateFactors),
                "with append_acknowledged_rate_candidate and append_delay_based_estimate_candidate both false,"
                        + " at least one factor must differ from 1.0");
    }

    private static void openClosed(ConfigCheck check, String field, double value, double min, double max) {
        check.require(value > min && value <= max, field, value, "must be in (" + min + ", " + max + "]");
    }

    private static void closedOpen(ConfigCheck check, String field, double value, double min, double max) {
        check.require(value >= min && value < max, field, value, "must be in [" + min + ", " + max + ")");
    }
}
