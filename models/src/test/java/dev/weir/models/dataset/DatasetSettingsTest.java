package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import org.junit.jupiter.api.Test;

class DatasetSettingsTest {
    @Test
    void shouldReadSettingsWrittenBeforeTheFecHorizonWithItsDefault() {
        DatasetSettings settings = SettingsJson.read("{\"congestion_horizon_ms\": 1000}", DatasetSettings.class, "d");
        assertEquals(2_000, settings.fecHorizonMs);
        assertEquals(1_000, settings.congestionHorizonMs);
    }

    @Test
    void shouldRejectAnFecHorizonOutsideTheHorizonsRange() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"fec_horizon_ms\": 100}", DatasetSettings.class, "d"));
        assertTrue(e.problems().stream().anyMatch(p -> p.contains("fec_horizon_ms")), e.problems().toString());
        assertEquals(500, SettingsJson.read("{\"fec_horizon_ms\": 500}", DatasetSettings.class, "d").fecHorizonMs);
    }
}
