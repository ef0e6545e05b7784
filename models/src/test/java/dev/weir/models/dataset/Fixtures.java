package dev.weir.models.dataset;

import dev.weir.models.data.SampleSource;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test fixtures under src/test/resources/dataset. */
final class Fixtures {
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

    static CallPlan plan(String name, long seed) {
        Scenario scenario = scenario(name);
        return new CallPlan(scenario, seed, new SampleSource(name, scenario.family(), name, seed, "train"), "test");
    }
}
