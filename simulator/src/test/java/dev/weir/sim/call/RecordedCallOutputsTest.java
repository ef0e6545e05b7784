package dev.weir.sim.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.sim.trace.TestFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact bytes of {@code timeseries.csv} and {@code metrics.json} (SHA-256 of each) for calls
 * over scenarios that cover every simulator path (steps with an outage, random and bursty loss,
 * cross traffic, jitter and return loss over looping traces, audio, a 10-minute call), recorded
 * from the simulator that kept every packet until the end of the call, and compared with what the
 * simulator writes today. The estimators are the capacity-knowing oracles and the fixed rate: they
 * do not change when GCC does, so the record only moves when the simulator itself changes.
 *
 * <p>A deliberate simulator change regenerates the record:
 * <pre>
 *   ./mvnw -B -q -pl simulator -am test -Dtest=RecordedCallOutputsTest \
 *       -Dsurefire.failIfNoSpecifiedTests=false -Dweir.updateRecordedOutputs=true
 * </pre>
 * which rewrites {@code simulator/src/test/resources/call/recorded-outputs.json}; review the
 * diff and commit it with the change that caused it.
 */
class RecordedCallOutputsTest {
    /** System property that rewrites the record instead of checking it. */
    static final String UPDATE_PROPERTY = "weir.updateRecordedOutputs";
    private static final String RESOURCE = "/call/recorded-outputs.json";
    /** The record in the source tree, relative to the simulator module (surefire's basedir). */
    private static final Path SOURCE_FILE = Path.of("src", "test", "resources", "call", "recorded-outputs.json");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final List<String> ESTIMATORS = List.of("oracle", "oracle-causal", "fixed");
    private static final long[] SEEDS = {1, 2};

    /** Scenario files, written to a temporary directory beside copies of the trace fixtures. */
    private static final Map<String, String> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("wired-audio", """
                {"name": "wired-audio", "duration_s": 60,
                 "link": {"capacity": {"type": "constant", "kbps": 2500}, "one_way_delay_ms": 20, "queue_ms": 300},
                 "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 5000, "audio": true}}
                """);
        SCENARIOS.put("steps-outage", """
                {"name": "steps-outage", "duration_s": 90,
                 "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 2000}, {"at_s": 20, "kbps": 500},
                          {"at_s": 40, "kbps": 0}, {"at_s": 52, "kbps": 1500}]},
                          "one_way_delay_ms": 40, "queue_ms": 300},
                 "media": {"start_kbps": 800, "min_kbps": 30, "max_kbps": 5000, "key_frame_interval_s": 10}}
                """);
        SCENARIOS.put("random-loss-20", """
                {"name": "random-loss-20", "duration_s": 60,
                 "link": {"capacity": {"type": "constant", "kbps": 2000}, "one_way_delay_ms": 40, "queue_ms": 300,
                          "loss": {"type": "random", "rate": 0.2}},
                 "media": {"start_kbps": 1000, "min_kbps": 30, "max_kbps": 5000}}
                """);
        SCENARIOS.put("bursty-loss", """
                {"name": "bursty-loss", "duration_s": 60,
                 "link": {"capacity": {"type": "constant", "kbps": 2000}, "one_way_delay_ms": 40, "queue_ms": 300,
                          "loss": {"type": "gilbert", "p_good_bad": 0.01, "p_bad_good": 0.25, "loss_bad": 1.0}},
                 "media": {"start_kbps": 1500, "min_kbps": 30, "max_kbps": 5000}}
                """);
        SCENARIOS.put("cross-traffic", """
                {"name": "cross-traffic", "duration_s": 60,
                 "link": {"capacity": {"type": "alternating", "high_kbps": 3000, "low_kbps": 1200, "period_s": 15},
                          "one_way_delay_ms": 30, "queue_ms": 200},
                 "feedback_interval_ms": 50,
                 "media": {"start_kbps": 1200, "min_kbps": 30, "max_kbps": 5000, "fps": 25},
                 "cross_traffic": {"type": "onoff", "kbps": 1500, "on_s": 10, "off_s": 10}}
                """);
        SCENARIOS.put("cooked-jitter", """
                {"name": "cooked-jitter", "duration_s": 60,
                 "link": {"capacity": {"type": "cooked", "file": "tiny.cooked"}, "one_way_delay_ms": 60,
                          "jitter_ms": 8, "queue_ms": 500, "loss": {"type": "random", "rate": 0.01}},
                 "return_delay_ms": 35, "return_loss": 0.05,
                 "media": {"start_kbps": 600, "min_kbps": 30, "max_kbps": 3000, "audio": true}}
                """);
        SCENARIOS.put("mahimahi-bytes", """
                {"name": "mahimahi-bytes", "duration_s": 60,
                 "link": {"capacity": {"type": "mahimahi", "file": "tiny.up"}, "one_way_delay_ms": 25,
                          "jitter_ms": 3, "queue_bytes": 60000},
                 "feedback_interval_ms": 200,
                 "media": {"start_kbps": 400, "min_kbps": 30, "max_kbps": 2000, "fps": 15}}
                """);
        SCENARIOS.put("long-10min", """
                {"name": "long-10min", "duration_s": 600,
                 "link": {"capacity": {"type": "constant", "kbps": 4000}, "one_way_delay_ms": 30, "queue_ms": 300,
                          "loss": {"type": "random", "rate": 0.01}},
                 "media": {"start_kbps": 2500, "min_kbps": 30, "max_kbps": 5000, "audio": true,
                           "key_frame_interval_s": 30}}
                """);
    }

    @Test
    void shouldWriteTheRecordedTimeSeriesAndMetricsBytes(@TempDir Path dir) throws IOException {
        Files.copy(TestFiles.trace("tiny.cooked"), dir.resolve("tiny.cooked"));
        Files.copy(TestFiles.trace("tiny.up"), dir.resolve("tiny.up"));
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        Map<String, Map<String, String>> measured = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : SCENARIOS.entrySet()) {
            Path file = dir.resolve(entry.getKey() + ".json");
            Files.writeString(file, entry.getValue());
            Scenario scenario = ScenarioLoader.load(file, null);
            for (String estimator : ESTIMATORS) {
                for (long seed : SEEDS) {
                    CallResult result = CallSimulator.run(scenario, estimator,
                            registry.create(estimator, new EstimatorContext(scenario)), seed);
                    Map<String, String> digests = new LinkedHashMap<>();
                    digests.put("timeseries_csv_sha256", sha256(result.series().toCsv()));
                    digests.put("metrics_json_sha256", sha256(result.metrics().toJson()));
                    measured.put(entry.getKey() + "/" + estimator + "/" + seed, digests);
                }
            }
        }

        if (Boolean.getBoolean(UPDATE_PROPERTY)) {
            Files.writeString(SOURCE_FILE, MAPPER.writeValueAsString(record(measured)) + "\n", StandardCharsets.UTF_8);
            System.out.println("[recorded] rewrote " + SOURCE_FILE.toAbsolutePath() + "; review and commit the diff");
            return;
        }
        JsonNode recorded = readRecord().path("calls");
        List<String> moved = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> call : measured.entrySet()) {
            for (Map.Entry<String, String> digest : call.getValue().entrySet()) {
                String then = recorded.path(call.getKey()).path(digest.getKey()).asText("(not recorded)");
                if (!then.equals(digest.getValue())) {
                    moved.add(call.getKey() + " " + digest.getKey() + ": recorded " + then + ", now " + digest.getValue());
                }
            }
        }
        assertEquals(measured.size(), recorded.size(), "recorded calls differ from the test's; " + howToUpdate());
        if (!moved.isEmpty()) {
            fail("the simulator's output bytes changed:\n  " + String.join("\n  ", moved) + "\n" + howToUpdate());
        }
    }

    private static ObjectNode record(Map<String, Map<String, String>> measured) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("description", "SHA-256 of timeseries.csv (TimeSeries.toCsv) and metrics.json without its run block"
                + " (CallMetrics.toJson) per scenario/estimator/seed; checked by dev.weir.sim.call."
                + "RecordedCallOutputsTest, regenerated with -D" + UPDATE_PROPERTY + "=true (see its Javadoc)");
        ObjectNode calls = root.putObject("calls");
        measured.forEach((name, digests) -> {
            ObjectNode call = calls.putObject(name);
            digests.forEach(call::put);
        });
        return root;
    }

    private static JsonNode readRecord() throws IOException {
        try (InputStream in = RecordedCallOutputsTest.class.getResourceAsStream(RESOURCE)) {
            assertNotNull(in, RESOURCE + " is missing; " + howToUpdate());
            return MAPPER.readTree(in);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String howToUpdate() {
        return "if the change is intended, regenerate the record with -D" + UPDATE_PROPERTY + "=true (./mvnw -B -q"
                + " -pl simulator -am test -Dtest=RecordedCallOutputsTest -Dsurefire.failIfNoSpecifiedTests=false -D"
                + UPDATE_PROPERTY + "=true), review the diff of simulator/" + SOURCE_FILE + " and commit it";
    }
}
