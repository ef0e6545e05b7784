package dev.weir.sim.closedloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Regression record, as quiche's congestion-control simulator keeps one: GCC's key metrics on a
 * few short scenarios with fixed seeds are stored in {@code closedloop/baseline-metrics.json}, and
 * this test re-runs them and fails when any metric moves beyond its tolerance. The simulation is
 * deterministic, so the tolerances are tight: they only absorb last-digit floating-point noise
 * (e.g. another JDK's {@code Math.pow}), never a behaviour change.
 *
 * <p>A deliberate change (a GCC fix, a simulator change) regenerates the record from this test:
 * <pre>
 *   ./mvnw -B -q -o -pl simulator -am test -Dtest=BaselineMetricsRegressionTest \
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dweir.updateBaselines=true
 * </pre>
 * which rewrites {@code simulator/src/test/resources/closedloop/baseline-metrics.json}; review
 * the diff and commit it with the change that caused it.
 *
 * <p>All four scenarios share the bottleneck of {@link ClosedLoop#bottleneck}:
 * <pre>
 *   sender --pacer--> [drop-tail queue, 300 ms] --capacity, loss--> 40 ms --> receiver
 *      ^                                                                        |
 *      +----------------- 40 ms, transport feedback every 100 ms ---------------+
 * </pre>
 */
class BaselineMetricsRegressionTest {
    /** System property that rewrites the record instead of checking it. */
    static final String UPDATE_PROPERTY = "weir.updateBaselines";
    private static final String RESOURCE = "/closedloop/baseline-metrics.json";
    /** The record in the source tree, relative to the simulator module (surefire's basedir). */
    private static final Path SOURCE_FILE = Path.of("src", "test", "resources", "closedloop", "baseline-metrics.json");
    private static final String ESTIMATOR = "gcc";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Recorded metrics and their absolute tolerances: utilization as a fraction, delays in ms,
     * freeze share in percent points, time in s (one 100 ms series row moves it by 0.1).
     */
    private static final Map<String, Double> TOLERANCES = new LinkedHashMap<>();

    static {
        TOLERANCES.put("utilization", 0.002);
        TOLERANCES.put("delay_p95_ms", 1.0);
        TOLERANCES.put("freeze_pct", 0.1);
        TOLERANCES.put("time_to_80pct_capacity_s", 0.05);
    }

    private record Case(String name, long seed, Scenario scenario) {
    }

    private static List<Case> cases() {
        return List.of(
                new Case("constant-2500k", 71, ClosedLoop.constant("constant-2500k", 2_500_000, 0.0, 300_000, 30)),
                new Case("step-2000k-to-500k", 72, ClosedLoop.bottleneck("step-2000k-to-500k",
                        new TestScenarios.StepCapacity(2_000_000, 15_000_000, 500_000), 0.0, 300_000, 30)),
                new Case("random-loss-15pct", 73, ClosedLoop.constant("random-loss-15pct", 5_000_000, 0.15, 300_000, 30)),
                new Case("ramp-300k-on-4000k", 74, ClosedLoop.constant("ramp-300k-on-4000k", 4_000_000, 0.0, 300_000, 20)));
    }

    @Test
    void shouldReproduceTheRecordedGccMetrics() throws IOException {
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        Map<String, Map<String, Double>> measured = new LinkedHashMap<>();
        for (Case c : cases()) {
            CallResult result = ClosedLoop.run(c.scenario(), ESTIMATOR,
                    registry.create(ESTIMATOR, new EstimatorContext(c.scenario())), c.seed());
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (String key : TOLERANCES.keySet()) {
                metrics.put(key, result.metrics().value(key));
            }
            measured.put(c.name(), metrics);
        }

        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(SOURCE_FILE, MAPPER.writeValueAsString(record(measured)) + "\n", StandardCharsets.UTF_8);
            System.out.println("[closedloop] rewrote " + SOURCE_FILE.toAbsolutePath() + "; review and commit the diff");
            return;
        }

        JsonNode recorded = readRecord();
        List<String> drift = new ArrayList<>();
        assertEquals(measured.keySet().toString(), fieldNames(recorded.path("scenarios")).toString(),
                "recorded scenarios differ from the test's; " + howToUpdate());
        for (Case c : cases()) {
            JsonNode entry = recorded.path("scenarios").path(c.name());
            assertEquals(c.seed(), entry.path("seed").asLong(), "seed of " + c.name() + "; " + howToUpdate());
            for (Map.Entry<String, Double> tolerance : TOLERANCES.entrySet()) {
                String key = tolerance.getKey();
                JsonNode value = entry.path("metrics").path(key);
                if (!value.isNumber()) {
                    drift.add(c.name() + "." + key + ": not recorded");
                    continue;
                }
                double now = measured.get(c.name()).get(key);
                double then = value.asDouble();
                if (Math.abs(now - then) > tolerance.getValue()) {
                    drift.add(String.format("%s.%s: recorded %s, now %s (tolerance +-%s)", c.name(), key, then, now,
                            tolerance.getValue()));
                }
            }
        }
        if (!drift.isEmpty()) {
            fail("GCC's closed-loop metrics moved:\n  " + String.join("\n  ", drift) + "\n" + howToUpdate());
        }
    }

    private static ObjectNode record(Map<String, Map<String, Double>> measured) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("description", "GCC closed-loop regression record, checked by dev.weir.sim.closedloop."
                + "BaselineMetricsRegressionTest; regenerate with -D" + UPDATE_PROPERTY + "=true (see its Javadoc)");
        root.put("estimator", ESTIMATOR);
        ObjectNode tolerances = root.putObject("tolerances");
        TOLERANCES.forEach(tolerances::put);
        ObjectNode scenarios = root.putObject("scenarios");
        for (Case c : cases()) {
            ObjectNode entry = scenarios.putObject(c.name());
            entry.put("seed", c.seed());
            entry.put("scenario", c.scenario().link().capacity().describe() + ", loss "
                    + c.scenario().link().loss().describe() + ", " + c.scenario().durationUs() / 1_000_000 + " s");
            ObjectNode metrics = entry.putObject("metrics");
            measured.get(c.name()).forEach(metrics::put);
        }
        return root;
    }

    private static JsonNode readRecord() throws IOException {
        try (InputStream in = BaselineMetricsRegressionTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing; " + howToUpdate());
            return MAPPER.readTree(in);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String howToUpdate() {
        return "if the change is intended, regenerate the record with -D" + UPDATE_PROPERTY + "=true (./mvnw -B -q -o"
                + " -pl simulator -am test -Dtest=BaselineMetricsRegressionTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true), review the diff of"
                + " simulator/" + SOURCE_FILE + " and commit it";
    }
}
