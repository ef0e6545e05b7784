package dev.weir.gcc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GccSettingsTest {

    /** The repository's configs/ directory, found from the module's working directory. */
    static Path configs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("configs/gcc"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("configs/gcc not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("configs");
    }

    @Test
    void shouldShipTheDefaultParameterSetAsJsonThatMatchesTheCode() throws Exception {
        Path file = configs().resolve("gcc/default.json");
        String expected = SettingsJson.write(GccSettings.defaults()) + "\n";
        if (Boolean.getBoolean("weir.updateDefaults")) {
            Files.writeString(file, expected); // deliberate: -Dweir.updateDefaults=true, then review the diff
        }
        assertEquals(expected, Files.readString(file),
                "configs/gcc/default.json drifted from GccSettings' defaults; regenerate it");
        GccSettings read = GccSettings.read(file);
        assertEquals(0.85, read.delayBased.aimd.backoffFactor);
        assertEquals(0.10, read.lossBased.highLossThreshold);
    }

    @Test
    void shouldListEveryBrokenFieldAcrossComponents() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class, () -> SettingsJson.read(
                "{\"pacing_factor\": 0.5, \"delay_based\": {\"trendline\": {\"window_size\": 5}},"
                        + " \"loss_based\": {\"high_loss_threshold\": 2.0}}",
                GccSettings.class, "gcc.json"));
        String message = error.getMessage();
        assertTrue(message.contains("gcc.json.pacing_factor = 0.5: must be in [1, 10]"), message);
        assertTrue(message.contains("gcc.json.delay_based.trendline.window_size = 5: must be in [10, 200]"), message);
        assertTrue(message.contains("gcc.json.loss_based.high_loss_threshold = 2"), message);
    }

    @Test
    void shouldRejectAStartRateOutsideTheBounds() {
        InvalidSettingsException error = assertThrows(InvalidSettingsException.class,
                () -> new GoogCcEstimator(GccSettings.defaults().withBitrates(100_000, 50_000, 1_000_000)));
        assertTrue(error.getMessage().contains("start_bitrate_bps = 50000: must lie in [min_bitrate_bps, max_bitrate_bps]"),
                error.getMessage());
    }

    @Test
    void shouldKeepItsOwnCopyOfTheSettings() {
        GccSettings settings = GccSettings.defaults();
        GoogCcEstimator estimator = new GoogCcEstimator(settings);
        settings.lossBased.highLossThreshold = 0.5;
        assertEquals(0.10, estimator.settings().lossBased.highLossThreshold);
    }
}
