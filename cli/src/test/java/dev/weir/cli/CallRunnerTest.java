package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallRunnerTest {
    private static final String SCENARIO = """
            {"name": "short", "duration_s": 8,
             "link": {"capacity": {"type": "constant", "kbps": 1500}, "one_way_delay_ms": 30, "queue_ms": 200,
                      "loss": {"type": "random", "rate": 0.02}}}
            """;

    private static Scenario scenario(Path dir) throws Exception {
        return ScenarioLoader.load(Files.writeString(dir.resolve("short.json"), SCENARIO), null);
    }

    /** The committed bundle: it steers the weir estimator differently from GCC's defaults. */
    private static Bundle committedBundle() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(BundleOption.COMMITTED))) {
                return BundleLoader.load(dir.resolve(BundleOption.COMMITTED));
            }
        }
        throw new IllegalStateException("no configs/bundle above " + Path.of("").toAbsolutePath());
    }

    @Test
    void shouldLoadTheBundleOnlyForTheEstimatorsThatReadIt(@TempDir Path dir) throws Exception {
        Scenario scenario = scenario(dir);
        AtomicInteger loads = new AtomicInteger();
        CallRunner runner = new CallRunner(() -> {
            loads.incrementAndGet();
            return Bundle.gccDefaults();
        });
        for (String estimator : CliEstimators.registry().names()) {
            if (!CliEstimators.readsBundle(estimator)) {
                runner.run(scenario, estimator, 1);
            }
        }
        assertEquals(0, loads.get(), "no estimator outside CliEstimators.STEERING may wait for the bundle");
        runner.run(scenario, "weir", 1);
        assertEquals(1, loads.get());
    }

    @Test
    void shouldListEveryEstimatorWhoseCallsTheBundleChanges(@TempDir Path dir) throws Exception {
        Scenario scenario = scenario(dir);
        Bundle committed = committedBundle();
        EstimatorRegistry registry = CliEstimators.registry();
        for (String estimator : registry.names()) {
            String withDefaults = CallSimulator.run(scenario, estimator,
                    registry.create(estimator, new EstimatorContext(scenario, Bundle.gccDefaults())), 3)
                    .series().toCsv();
            String withCommitted = CallSimulator.run(scenario, estimator,
                    registry.create(estimator, new EstimatorContext(scenario, committed)), 3).series().toCsv();
            if (!withDefaults.equals(withCommitted)) {
                assertTrue(CliEstimators.readsBundle(estimator),
                        estimator + " reads the bundle: add it to CliEstimators.STEERING");
            }
        }
        assertTrue(CliEstimators.registry().names().containsAll(CliEstimators.STEERING));
    }
}
