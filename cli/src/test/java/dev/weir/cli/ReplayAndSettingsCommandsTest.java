package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate --event-log, replay, --settings on simulate and compare, scenarios on a fresh clone. */
class ReplayAndSettingsCommandsTest {
    /** An 8 s call whose capacity halves at 4 s: GCC probes, backs off and recovers. */
    private static final String SCENARIO = """
            {"name": "drop", "duration_s": 8,
             "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 1500}, {"at_s": 4, "kbps": 600}]},
                      "one_way_delay_ms": 30, "jitter_ms": 0, "queue_ms": 200,
                      "loss": {"type": "random", "rate": 0.01}},
             "return_delay_ms": 30,
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path write(Path dir, String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void replayingTheRecordedEstimatorReproducesSimulatesTargetColumnExactly(@TempDir Path dir) throws Exception {
        Path scenario = write(dir, "drop.json", SCENARIO);
        Path log = dir.resolve("call.weirlog");
        assertEquals(0, run("simulate", "--scenario", scenario.toString(), "--estimator", "gcc", "--seed", "3",
                "--out", dir.resolve("sim").toString(), "--event-log", log.toString()), err.toString());
        assertEquals(0, run("replay", log.toString(), "--out", dir.resolve("replay").toString()), err.toString());

        JsonNode summary = JSON.readTree(dir.resolve("replay/replay.json").toFile());
        assertEquals("gcc", summary.get("replayed").get("estimator").asText());
        assertEquals("recorded", summary.get("replayed").get("settings").asText());
        assertTrue(summary.get("results").asLong() > 300, summary.toString());
        assertEquals(summary.get("results").asLong(), summary.get("identical_results").asLong(), summary.toString());
        assertTrue(summary.get("first_difference_s").isNull());
        List<String[]> simulated = csv(dir.resolve("sim/timeseries.csv"));
        List<String[]> replayed = csv(dir.resolve("replay/timeseries.csv"));
        assertEquals(simulated.size(), replayed.size(), "one row per 100 ms, as simulate");
        int simTime = column(simulated, "time_s");
        int simTarget = column(simulated, "target_bps");
        int time = column(replayed, "time_s");
        int target = column(replayed, "target_bps");
        int recorded = column(replayed, "recorded_target_bps");
        for (int row = 1; row < simulated.size(); row++) {
            assertEquals(simulated.get(row)[simTime], replayed.get(row)[time], "time_s of row " + row);
            assertEquals(simulated.get(row)[simTarget], replayed.get(row)[target], "target_bps of row " + row);
            assertEquals(replayed.get(row)[target], replayed.get(row)[recorded], "recorded beside replayed, row " + row);
        }
        assertTrue(Files.size(dir.resolve("replay/plot.png")) > 1_000);
    }

    @Test
    void anotherEstimatorReplaysTheSameInputsAndDiffers(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("call.weirlog");
        assertEquals(0, run("simulate", "--scenario", write(dir, "drop.json", SCENARIO).toString(), "--out",
                dir.resolve("sim").toString(), "--event-log", log.toString()), err.toString());
        Path trial = write(dir, "trial.json", "{\"loss_based\": {\"v2\": {\"enabled\": false}}, \"pacing_factor\": 2.0}");
        assertEquals(0, run("replay", log.toString(), "--estimator", "gcc", "--settings", trial.toString(), "--out",
                dir.resolve("trial").toString()), err.toString());
        JsonNode summary = JSON.readTree(dir.resolve("trial/replay.json").toFile());
        assertEquals(trial.toString(), summary.get("replayed").get("settings").asText());
        assertTrue(summary.get("identical_results").asLong() < summary.get("results").asLong(), summary.toString());
        assertEquals(0, run("replay", log.toString(), "--estimator", "fixed", "--out",
                dir.resolve("fixed").toString()), err.toString());
        assertEquals(2, run("replay", log.toString(), "--estimator", "oracle", "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("reads the true network") && err.toString().contains("gcc-classic"),
                err.toString());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void aBadEventLogExitsTwoNamingTheFileAndWritesNothing(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("call.weirlog");
        assertEquals(0, run("simulate", "--scenario", write(dir, "drop.json", SCENARIO).toString(), "--out",
                dir.resolve("sim").toString(), "--event-log", log.toString()), err.toString());
        byte[] bytes = Files.readAllBytes(log);
        Path cut = Files.write(dir.resolve("cut.weirlog"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertEquals(2, run("replay", cut.toString(), "--out", dir.resolve("r1").toString()));
        assertTrue(err.toString().contains("cut.weirlog") && err.toString().contains("truncated"), err.toString());
        Path text = write(dir, "notes.weirlog", "not a log");
        assertEquals(2, run("replay", text.toString(), "--out", dir.resolve("r2").toString()));
        assertTrue(err.toString().contains("notes.weirlog: header") && err.toString().contains("magic"), err.toString());
        assertEquals(2, run("replay", dir.resolve("absent.weirlog").toString(), "--out", dir.resolve("r3").toString()));
        assertTrue(err.toString().contains("absent.weirlog"), err.toString());
        assertFalse(Files.exists(dir.resolve("r1")) || Files.exists(dir.resolve("r2")) || Files.exists(dir.resolve("r3")));
    }

    @Test
    void simulateRunsGccWithASettingsFileAndRecordsWhatWasInForce(@TempDir Path dir) throws Exception {
        Path scenario = write(dir, "drop.json", SCENARIO);
        Path trial = write(dir, "trial.json", "{\"pacing_factor\": 1.7}");
        assertEquals(0, run("simulate", "--scenario", scenario.toString(), "--estimator", "gcc-classic", "--settings",
                trial.toString(), "--out", dir.resolve("s").toString()), err.toString());
        JsonNode settings = JSON.readTree(dir.resolve("s/settings.json").toFile());
        assertEquals(1.7, settings.get("pacing_factor").asDouble());
        assertEquals(30_000, settings.get("min_bitrate_bps").asLong(), "the scenario's bitrates");
        assertFalse(settings.get("loss_based").get("v2").get("enabled").asBoolean(), "gcc-classic's switches stay");

        Path bad = write(dir, "bad.json", "{\"pacing_factor\": -1}");
        assertEquals(2, run("simulate", "--scenario", scenario.toString(), "--settings", bad.toString(), "--out",
                dir.resolve("b").toString()));
        assertTrue(err.toString().contains("bad.json") && err.toString().contains("pacing_factor"), err.toString());
        assertEquals(2, run("simulate", "--scenario", scenario.toString(), "--estimator", "oracle", "--settings",
                trial.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("takes no GCC settings"), err.toString());
        assertFalse(Files.exists(dir.resolve("b")) || Files.exists(dir.resolve("o")));
    }

    @Test
    void compareAbTestsASettingsChangeUnderALabel(@TempDir Path dir) throws Exception {
        Path scenario = write(dir, "drop.json", SCENARIO);
        Path trial = write(dir, "trial.json", "{\"loss_based\": {\"v2\": {\"enabled\": false}}}");
        assertEquals(0, run("compare", "--scenarios", scenario.toString(), "--a", "gcc", "--b", "gcc@trial",
                "--settings-b", trial.toString(), "--seeds", "2", "--threads", "2", "--out",
                dir.resolve("ab").toString()), err.toString());
        JsonNode report = JSON.readTree(dir.resolve("ab/report.json").toFile());
        assertEquals("gcc@trial", report.get("comparisons").get(0).get("estimator").asText());
        JsonNode recorded = JSON.readTree(dir.resolve("ab/run.json").toFile()).get("settings").get("gcc@trial");
        assertEquals(trial.toString(), recorded.get("file").asText());
        assertEquals(64, recorded.get("sha256").asText().length());

        assertEquals(2, run("compare", "--scenarios", scenario.toString(), "--estimators", "gcc,oracle", "--settings",
                "gcc-classic=" + trial, "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("not among the compared estimators"), err.toString());
        assertEquals(2, run("compare", "--scenarios", scenario.toString(), "--a", "gcc", "--b", "gcc", "--out",
                dir.resolve("x").toString()));
        assertTrue(err.toString().contains("NAME@LABEL"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void scenariosWithoutATracesRootListsTheLibraryAndMarksTraceScenarios(@TempDir Path dir) throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        write(library, "a-drop.json", SCENARIO);
        write(library, "b-trace.json", SCENARIO.replace("\"drop\"", "\"trace\"").replace(
                "{\"type\": \"steps\", \"steps\": [{\"at_s\": 0, \"kbps\": 1500}, {\"at_s\": 4, \"kbps\": 600}]}",
                "{\"type\": \"cooked\", \"file\": \"traces:hsdpa-3g/x\"}"));
        // Run where no ../shared/traces exists, and only when the environment names no traces root.
        if (System.getenv("WEIR_TRACES_ROOT") == null && !Files.isDirectory(Path.of("..", "shared", "traces"))) {
            assertEquals(0, run("scenarios", "--scenarios", library.toString()), err.toString());
            assertTrue(out.toString().contains("drop ") && out.toString().contains("b-trace")
                    && out.toString().contains("needs --traces-root"), out.toString());
            assertTrue(out.toString().contains("1 of 2 scenarios need --traces-root"), out.toString());
        }
        write(library, "c-bad.json", SCENARIO.replace("\"jitter_ms\"", "\"jitter_msec\""));
        assertEquals(2, run("scenarios", "--scenarios", library.toString(), "--traces-root", dir.toString()));
        assertTrue(err.toString().contains("jitter_msec") || err.toString().contains("b-trace"), err.toString());
    }

    private static List<String[]> csv(Path file) throws Exception {
        List<String[]> rows = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            rows.add(line.split(","));
        }
        return rows;
    }

    private static int column(List<String[]> rows, String name) {
        return List.of(rows.get(0)).indexOf(name);
    }
}
