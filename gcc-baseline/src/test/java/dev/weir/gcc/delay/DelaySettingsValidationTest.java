package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import org.junit.jupiter.api.Test;

/** Validation and JSON form of the delay-based settings. */
class DelaySettingsValidationTest {

    @Test
    void shouldAcceptLibwebrtcDefaults() {
        ConfigCheck check = ConfigCheck.of("delay_based");
        new DelayBasedSettings().validate(check);
        assertTrue(check.isValid(), () -> String.join("\n", check.problems()));
    }

    @Test
    void shouldNameFieldValueAndRangeOfABadValue() {
        DelayBasedSettings settings = new DelayBasedSettings();
        settings.trendline.windowSize = 5;
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> new DelayBasedBwe(settings));
        assertEquals(1, e.problems().size());
        assertEquals("delay_based.trendline.window_size = 5: must be in [10, 200]", e.problems().get(0));
    }

    @Test
    void shouldListEveryBadFieldAcrossComponents() {
        DelayBasedSettings settings = new DelayBasedSettings();
        settings.interArrival.reorderedResetThreshold = 0;
        settings.trendline.smoothingCoef = Double.NaN;
        settings.trendline.kUp = -1;
        settings.aimd.backoffFactor = 1.5;
        settings.aimd.maxBitrateBps = 1_000;
        ConfigCheck check = ConfigCheck.of("delay_based");
        settings.validate(check);
        String all = String.join("\n", check.problems());
        assertTrue(all.contains("delay_based.inter_arrival.reordered_reset_threshold = 0: must be in [1, 1000]"), all);
        assertTrue(all.contains("delay_based.trendline.smoothing_coef = NaN: must be in [0, 0.999]"), all);
        assertTrue(all.contains("delay_based.trendline.k_up = -1: must be in [0, 1]"), all);
        assertTrue(all.contains("delay_based.aimd.backoff_factor = 1.5: must be in (0, 1)"), all);
        assertTrue(all.contains("delay_based.aimd.max_bitrate_bps = 1000: must be in [5000, 100000000000]"), all);
    }

    @Test
    void shouldReportMissingChildren() {
        DelayBasedSettings settings = new DelayBasedSettings();
        settings.aimd = null;
        ConfigCheck check = ConfigCheck.of("delay_based");
        settings.validate(check);
        assertEquals(java.util.List.of("delay_based.aimd is missing"), check.problems());
    }

    @Test
    void shouldReadSnakeCaseJsonAndValidateIt() {
        String json = "{\"trendline\": {\"window_size\": 30, \"k_down\": 0.02},"
                + " \"aimd\": {\"backoff_factor\": 0.9}, \"inter_arrival\": {\"stream_timeout_ms\": 1500}}";
        DelayBasedSettings settings = SettingsJson.read(json, DelayBasedSettings.class, "test.json");
        assertEquals(30, settings.trendline.windowSize);
        assertEquals(0.02, settings.trendline.kDown);
        assertEquals(12.5, settings.trendline.initialThresholdMs);
        assertEquals(0.9, settings.aimd.backoffFactor);
        assertEquals(1500, settings.interArrival.streamTimeoutMs);

        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"trendline\": {\"window_size\": 500}}", DelayBasedSettings.class, "bad.json"));
        assertEquals("bad.json.trendline.window_size = 500: must be in [10, 200]", e.problems().get(0));
    }

    @Test
    void shouldRoundTripThroughJson() {
        DelayBasedSettings settings = new DelayBasedSettings();
        settings.aimd.maxBitrateBps = 10_000_000;
        String json = SettingsJson.write(settings);
        assertTrue(json.contains("\"max_bitrate_bps\" : 10000000"), json);
        assertTrue(json.contains("\"inter_arrival\""), json);
        DelayBasedSettings back = SettingsJson.read(json, DelayBasedSettings.class, "roundtrip");
        assertEquals(SettingsJson.write(settings), SettingsJson.write(back));
    }
}
