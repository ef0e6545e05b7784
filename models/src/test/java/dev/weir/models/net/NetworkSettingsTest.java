package dev.weir.models.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkSettingsTest {

    @Test
    void shouldReadSnakeCaseJsonAndKeepDefaultsForMissingFields() {
        NetworkSettings settings = SettingsJson.read("{\"learning_rate\": 0.01}", NetworkSettings.class, "test");
        assertEquals(0.01, settings.learningRate);
        assertEquals(42, settings.seed);
        assertEquals(0, settings.tbpttSteps);
    }

    @Test
    void shouldRejectLearningRateOutOfRange() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> SettingsJson.read("{\"learning_rate\": 5}", NetworkSettings.class, "test"));
        assertTrue(e.getMessage().contains("learning_rate = 5: must be in"), e.getMessage());
    }

    @Test
    void shouldRefuseToBuildWithInvalidSettings() {
        NetworkSettings settings = new NetworkSettings();
        settings.learningRate = 0;
        ModelArchitecture arch = new ModelArchitecture(1, 1, 1, 1, 1, 1,
                List.of(new HeadSpec("h", List.of("a", "b"))));
        assertThrows(InvalidSettingsException.class, () -> ClassifierNetwork.configuration(arch, settings));
    }

    @Test
    void shouldWireOneOutputPerHeadInArchitectureOrder() {
        ModelArchitecture arch = new ModelArchitecture(1, 2, 4, 2, 3, 5, List.of(
                new HeadSpec("loss_attribution", List.of("pure_random", "mixed", "congestion")),
                new HeadSpec("link", List.of("wifi", "cellular", "wired"))));
        assertEquals(List.of("head_loss_attribution", "head_link"),
                ClassifierNetwork.configuration(arch, new NetworkSettings()).getNetworkOutputs());
    }
}
