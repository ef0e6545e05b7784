package dev.weir.gcc.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class LossBasedSettingsTest {
    @Test
    void shouldAcceptLibwebrtcDefaults() {
        ConfigCheck check = ConfigCheck.of("loss_based");
        new LossBasedSettings().validate(check);
        assertTrue(check.isValid(), check.problems().toString());
    }

    @Test
    void shouldListEveryBrokenFieldWithValueAndRange() {
        LossBasedSettings s = new LossBasedSettings();
        s.lowLossThreshold = -0.1;
        s.increaseFactor = Double.NaN;
        s.minPacketsPerReport = 0;
        s.rttBackoffFactor = 1.5;
        ConfigCheck check = ConfigCheck.of("loss_based");
        s.validate(check);
        List<String> problems = check.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.contains("loss_based.low_loss_threshold = -0.1: must be in [0, 1]"), problems.toString());
        assertTrue(problems.get(1).startsWith("loss_based.increase_factor = NaN"), problems.toString());
        assertTrue(problems.contains("loss_based.min_packets_per_report = 0: must be in [1, 10000]"));
        assertTrue(problems.contains("loss_based.rtt_backoff_factor = 1.5: must be in [0.01, 1]"));
    }

    @Test
    void shouldRejectLowThresholdAboveHighThreshold() {
        LossBasedSettings s = new LossBasedSettings();
        s.lowLossThreshold = 0.2;
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new SendSideBandwidthEstimation(s));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().contains("low_loss_threshold = 0.2: must be <= high_loss_threshold (0.1)"),
                e.getMessage());
    }

    @Test
    void shouldRoundTripThroughSnakeCaseJson() {
        LossBasedSettings s = SettingsJson.read("{\"low_loss_threshold\": 0.05, \"decrease_factor\": 0.3}",
                LossBasedSettings.class, "test");
        assertEquals(0.05, s.lowLossThreshold);
        assertEquals(0.3, s.decreaseFactor);
        assertEquals(0.10, s.highLossThreshold);
        String json = SettingsJson.write(s);
        assertTrue(json.contains("\"rtt_backoff_limit_ms\""), json);
        assertEquals(s.lowLossThreshold, SettingsJson.read(json, LossBasedSettings.class, "again").lowLossThreshold);
    }
}
