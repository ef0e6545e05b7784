package dev.weir.models.dataset;

import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/** Paths of the test fixtures under src/test/resources/dataset, and their frozen test split. */
final class Fixtures {
    /** The fixture traces' test groups: cell/test/tram_1 and lte/test/short (both directions). */
    static final TestSplit TEST_SPLIT = new TestSplit("fixture split", List.of("cell:tram_1", "lte:short",
            "synthetic:steps 2000->250 kbps"));

    private Fixtures() {
    }

    static Path root() {
        try {
            return Path.of(Fixtures.class.getResource("/dataset").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path scenarios() {
        return root().resolve("scenarios");
    }

    static Path traces() {
        return root().resolve("traces");
    }

    static Scenario scenario(String name) {
        return ScenarioLoader.load(scenarios().resolve(name + ".json"), traces());
    }
}
