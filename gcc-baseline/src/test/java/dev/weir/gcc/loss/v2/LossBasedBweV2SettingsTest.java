package dev.weir.gcc.loss.v2;

import static dev.weir.gcc.loss.v2.LossBasedBweV2Fixture.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Settings of {@link LossBasedBweV2}: libwebrtc's CreateConfig defaults, its IsConfigValid
 * constraints (the configuration tests of loss_based_bwe_v2_test.cc), every broken constraint
 * listed by field name, and snake_case JSON.
 */
class LossBasedBweV2SettingsTest {
    private static List<String> problems(LossBasedBweV2Settings settings) {
        ConfigCheck check = ConfigCheck.of("v2");
        settings.validate(check);
        return check.problems();
    }

    @Test
    void shouldHaveLibwebrtcCreateConfigDefaults() {
        LossBasedBweV2Settings s = new LossBasedBweV2Settings();
        assertTrue(s.enabled);
        assertArrayEquals(new double[] {1.02, 1.0, 0.95}, s.candidateFactors);
        assertEquals(15, s.observationWindowSize);
        assertEquals(250, s.observationDurationLowerBoundMs);
        assertEquals(3, s.minNumObservations);
        assertEquals(2000, s.paddingDurationMs);
        assertTrue(s.useByteLossRate && s.boundBestCandidate && s.useInStartPhase && s.notUseAckedRateInAlr);
        assertTrue(problems(s).isEmpty(), problems(s).toString());
    }

    @Test // EnabledWhenGivenValidConfigurationValues
    void shouldBeEnabledWithValidSettings() {
        assertTrue(new LossBasedBweV2(config(true, true)).isEnabled());
    }

    @Test // DisabledWhenGivenDisabledConfiguration
    void shouldBeDisabledWhenSwitchedOff() {
        assertFalse(new LossBasedBweV2(config(false, true)).isEnabled());
    }

    /**
     * DisabledWhenGivenNonValidConfigurationValues and
     * ReturnsDelayBasedEstimateWhenWhenGivenNonValidConfigurationValues: libwebrtc disables an
     * estimator with an invalid configuration; weir refuses the settings and names the field.
     */
    @Test
    void shouldRejectARampupFactorNotAboveOne() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new LossBasedBweV2(config(true, false)));
        assertEquals(List.of("loss_based_v2.bandwidth_rampup_upper_bound_factor = 0.0: must be in (1.0, 1000.0]"),
                e.problems());
    }

    @Test // DisabledWhenGivenNonPositiveCandidateFactor
    void shouldRejectNonPositiveCandidateFactors() {
        LossBasedBweV2Settings negative = new LossBasedBweV2Settings();
        negative.candidateFactors = new double[] {-1.3, 1.1};
        assertEquals(List.of("v2.candidate_factors[0] = -1.3: must be in (0.0, 1000.0]"), problems(negative));
        LossBasedBweV2Settings zero = new LossBasedBweV2Settings();
        zero.candidateFactors = new double[] {0.0, 1.1};
        assertEquals(List.of("v2.candidate_factors[0] = 0.0: must be in (0.0, 1000.0]"), problems(zero));
    }

    @Test // DisabledWhenGivenConfigurationThatDoesNotAllowGeneratingCandidates
    void shouldRejectSettingsThatCannotGenerateACandidate() {
        LossBasedBweV2Settings s = new LossBasedBweV2Settings();
        s.candidateFactors = new double[] {1.0};
        s.appendAcknowledgedRateCandidate = false;
        s.appendDelayBasedEstimateCandidate = false;
        List<String> problems = problems(s);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("v2.candidate_factors = [1.0]: with append_acknowledged_rate_candidate"),
                problems.toString());
    }

    @Test
    void shouldListEveryBrokenConstraintByFieldName() {
        LossBasedBweV2Settings s = new LossBasedBweV2Settings();
        s.bandwidthRampupUpperBoundFactor = 1.0;
        s.bandwidthRampupUpperBoundFactorInHold = Double.NaN;
        s.bandwidthRampupHoldThreshold = -0.1;
        s.rampupAccelerationMaxFactor = -1;
        s.rampupAccelerationMaxoutTimeMs = 0;
        s.higherBandwidthBiasFactor = -0.1;
        s.higherLogBandwidthBiasFactor = Double.POSITIVE_INFINITY;
        s.inherentLossLowerBound = 1.0;
        s.lossThresholdOfHighBandwidthPreference = 1.0;
        s.bandwidthPreferenceSmoothingFactor = 0.0;
        s.inherentLossUpperBoundBandwidthBalanceBps = 0;
        s.inherentLossUpperBoundOffset = 0.5; // below the (broken) lower bound of 1.0
        s.initialInherentLossEstimate = 1.0;
        s.newtonIterations = 0;
        s.newtonStepSize = 0.0;
        s.observationDurationLowerBoundMs = 0;
        s.observationWindowSize = 1;
        s.sendingRateSmoothingFactor = 1.0;
        s.instantUpperBoundTemporalWeightFactor = 0.0;
        s.instantUpperBoundBandwidthBalanceBps = 0;
        s.instantUpperBoundLossOffset = 1.0;
        s.temporalWeightFactor = 1.5;
        s.bandwidthBackoffLowerBoundFactor = 1.5;
        s.maxIncreaseFactor = 0.0;
        s.delayedIncreaseWindowMs = 0;
        s.minNumObservations = 0;
        s.lowerBoundByAckedRateFactor = -1;
        s.holdDurationFactor = Double.NaN;
        s.paddingDurationMs = -1;
        s.medianSendingRateFactor = -1;
        List<String> fields = problems(s).stream().map(p -> p.substring(3, p.indexOf(' '))).toList();
        assertEquals(List.of("bandwidth_rampup_upper_bound_factor", "bandwidth_rampup_upper_bound_factor_in_hold",
                "bandwidth_rampup_hold_threshold", "rampup_acceleration_max_factor",
                "rampup_acceleration_maxout_time_ms", "higher_bandwidth_bias_factor",
                "higher_log_bandwidth_bias_factor", "inherent_loss_lower_bound",
                "loss_threshold_of_high_bandwidth_preference", "bandwidth_preference_smoothing_factor",
                "inherent_loss_upper_bound_bandwidth_balance_bps", "inherent_loss_upper_bound_offset",
                "initial_inherent_loss_estimate", "newton_iterations", "newton_step_size",
                "observation_duration_lower_bound_ms", "observation_window_size", "sending_rate_smoothing_factor",
                "instant_upper_bound_temporal_weight_factor", "instant_upper_bound_bandwidth_balance_bps",
                "instant_upper_bound_loss_offset", "temporal_weight_factor", "bandwidth_backoff_lower_bound_factor",
                "max_increase_factor", "delayed_increase_window_ms", "min_num_observations",
                "lower_bound_by_acked_rate_factor", "hold_duration_factor", "padding_duration_ms",
                "median_sending_rate_factor"), fields);
    }

    @Test
    void shouldRejectMissingOrTooManyCandidateFactorsAndAnOversizedWindow() {
        LossBasedBweV2Settings missing = new LossBasedBweV2Settings();
        missing.candidateFactors = null;
        assertEquals(List.of("v2.candidate_factors is missing"), problems(missing));
        LossBasedBweV2Settings tooMany = new LossBasedBweV2Settings();
        tooMany.candidateFactors = new double[LossBasedBweV2Settings.MAX_CANDIDATE_FACTORS + 1];
        java.util.Arrays.fill(tooMany.candidateFactors, 1.1);
        tooMany.observationWindowSize = LossBasedBweV2Settings.MAX_OBSERVATION_WINDOW_SIZE + 1;
        assertEquals(List.of("v2.candidate_factors.length = 33: must be in [1, 32]",
                "v2.observation_window_size = 1001: must be in [2, 1000]"), problems(tooMany));
    }

    @Test
    void shouldRoundTripThroughSnakeCaseJson() {
        LossBasedBweV2Settings s = SettingsJson.read(
                "{\"enabled\": false, \"candidate_factors\": [1.1, 0.9], \"padding_duration_ms\": 1000}",
                LossBasedBweV2Settings.class, "v2.json");
        assertFalse(s.enabled);
        assertArrayEquals(new double[] {1.1, 0.9}, s.candidateFactors);
        assertEquals(1000, s.paddingDurationMs);
        String json = SettingsJson.write(s);
        assertTrue(json.contains("\"bandwidth_rampup_upper_bound_factor_in_hold\""), json);
        assertTrue(json.contains("\"not_increase_if_inherent_loss_less_than_average_loss\""), json);
        assertArrayEquals(s.candidateFactors,
                SettingsJson.read(json, LossBasedBweV2Settings.class, "again").candidateFactors);
    }
}
