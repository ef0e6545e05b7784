package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import org.junit.jupiter.api.Test;

class SimulatorSettingsTest {

    @Test
    void shouldAcceptTheDefaults() {
        ConfigCheck check = ConfigCheck.of("simulator");
        new SimulatorSettings().validate(check);
        assertTrue(check.isValid(), check.problems().toString());
    }

    @Test
    void shouldReadSnakeCaseJsonAndReportEveryBrokenField() {
        SimulatorSettings read = SettingsJson.read("{\"pacing_factor\": 3.0, \"nack_max_retries\": 4}",
                SimulatorSettings.class, "sim.json");
        assertEquals(3.0, read.pacingFactor);
        assertEquals(4, read.nackMaxRetries);
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"pacing_factor\": 0.5, \"sample_interval_us\": 1}", SimulatorSettings.class, "sim.json"));
        assertEquals(2, error.problems().size(), error.getMessage());
        assertTrue(error.getMessage().contains("pacing_factor"));
    }

    @Test
    void shouldRefuseToRunWithInvalidSettings() {
        SimulatorSettings settings = new SimulatorSettings();
        settings.freezeGapFactor = 0;
        assertThrows(InvalidSettingsException.class, () -> CallSimulator.run(TestScenarios.constant(1_000_000,
                1_000_000), "fixed", new dev.weir.sim.estimators.FixedRateEstimator(300_000), 1, settings));
    }
}
