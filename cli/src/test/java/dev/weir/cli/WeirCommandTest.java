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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeirCommandTest {
    /** A 6 s call on a 1 Mbps link: long enough for GCC to act, short enough for a unit test. */
    private static final String SHORT_SCENARIO = """
            {"name": "short", "duration_s": 6,
             "link": {"capacity": {"type": "constant", "kbps": 1000},
                      "one_way_delay_ms": 30, "jitter_ms": 0, "queue_ms": 200,
                      "loss": {"type": "random", "rate": 0.01}},
             "return_delay_ms": 30,
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path scenario(Path dir, String json) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void shouldWriteTimeseriesMetricsAndPlotForOneCall(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("run");
        int code = run("simulate", "--scenario", scenario(dir, SHORT_SCENARIO).toString(), "--estimator", "gcc",
                "--seed", "7", "--out", result.toString(), "--plot");
        assertEquals(0, code, err.toString());
        List<String> csv = Files.readAllLines(result.resolve("timeseries.csv"));
        assertTrue(csv.get(0).startsWith("time_s,capacity_bps"), csv.get(0));
        for (String column : List.of("target_bps", "send_bps", "recv_bps", "rtt_ms", "queue_delay_ms",
                "loss_fraction")) {
            assertTrue(csv.get(0).contains(column), column + " missing from " + csv.get(0));
        }
        assertEquals(61, csv.size(), "header + one row per 100 ms of a 6 s call");
        JsonNode metrics = new ObjectMapper().readTree(result.resolve("metrics.json").toFile());
        assertTrue(metrics.has("freeze_pct") && metrics.has("time_to_80pct_capacity_s"), metrics.toString());
        assertTrue(Files.size(result.resolve("plot.png")) > 1_000);
        assertTrue(out.toString().contains("utilization"), out.toString());
    }

    @Test
    void shouldWritePairedReportWithConfidenceIntervals(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("ab");
        int code = run("compare", "--scenarios", scenario(dir, SHORT_SCENARIO).toString(), "--a", "gcc", "--b",
                "oracle", "--seeds", "6", "--threads", "2", "--out", report.toString());
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("gcc", json.get("baseline").asText());
        assertEquals("oracle", json.get("comparisons").get(0).get("estimator").asText());
        assertEquals(6, json.get("seeds").size());
        JsonNode utilization = json.get("comparisons").get(0).get("scenarios").get(0).get("metrics")
                .get("utilization");
        for (String key : List.of("baseline_mean", "candidate_mean", "change", "ci95_low", "ci95_high", "p_value",
                "p_adjusted", "verdict")) {
            assertTrue(utilization.has(key), key + " missing: " + utilization);
        }
        assertTrue(utilization.get("ci95_low").asDouble() <= utilization.get("change").asDouble()
                && utilization.get("change").asDouble() <= utilization.get("ci95_high").asDouble());
        assertTrue(json.get("comparisons").get(0).get("overall").get("metrics").has("freeze_pct"));
        assertTrue(Files.readString(report.resolve("report.md")).contains("utilization"));
        assertTrue(Files.readString(report.resolve("report.html")).contains("<svg"));
    }

    @Test
    void comparesManyEstimatorsAgainstABaselineWithALeaderboard(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("n");
        assertEquals(0, run("compare", "--scenarios", scenario(dir, SHORT_SCENARIO).toString(), "--estimators",
                "gcc,gcc-classic,oracle", "--baseline", "gcc-classic", "--seeds", "2", "--threads", "2", "--out",
                report.toString()), err.toString());
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("gcc-classic", json.get("baseline").asText());
        assertEquals(List.of("gcc", "oracle"), names(json.get("comparisons"), "estimator"));
        JsonNode overall = json.get("leaderboards").get(0);
        assertEquals("overall", overall.get("group").asText());
        assertEquals(3, overall.get("rows").size());
        assertTrue(out.toString().contains("leaderboard overall"), out.toString());
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertEquals("gcc-classic", run.get("baseline").asText());
        assertEquals(3, run.get("estimators").size());
    }

    @Test
    void compareRejectsAnUnknownEstimatorOrBaselineWritingNothing(@TempDir Path dir) throws Exception {
        Path file = scenario(dir, SHORT_SCENARIO);
        assertEquals(2, run("compare", "--scenarios", file.toString(), "--estimators", "gcc,bbr", "--out",
                dir.resolve("x").toString()));
        assertTrue(err.toString().contains("unknown estimator 'bbr'") && err.toString().contains("oracle-causal"),
                err.toString());
        assertEquals(2, run("compare", "--scenarios", file.toString(), "--estimators", "gcc,oracle", "--baseline",
                "fixed", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("--baseline 'fixed'"), err.toString());
        assertEquals(2, run("compare", "--scenarios", file.toString(), "--estimators", "gcc", "--out",
                dir.resolve("x").toString()));
        assertFalse(Files.exists(dir.resolve("x")), "nothing may be written for bad input");
    }

    @Test
    void helpListsTheRegistrysEstimatorsAndPicocliFormatsEveryDescription() throws Exception {
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (String command : List.of("compare", "demo", "simulate", "soak", "dataset", "train",
                    "calibration-study", "eval-model", "model-info", "default-model", "bench-sim", "scenarios", "replay",
                    "bundle")) {
                assertEquals(0, run(command, "--help"), command);
            }
            assertEquals(0, run("--help"));
        } finally {
            System.setErr(original);
        }
        assertEquals("", stderr.toString(java.nio.charset.StandardCharsets.UTF_8), "picocli warnings");
        String help = out.toString();
        for (String name : CliEstimators.registry().names()) {
            assertTrue(help.contains(name + ",") || help.contains(name + "."), name + " missing from help");
        }
        assertTrue(help.contains("95% interval"), help);
    }

    @Test
    void topLevelCommandListEndsEverySummaryWithAFullStop() {
        assertEquals(0, run("--help"));
        String commands = out.toString().substring(out.toString().indexOf("Commands:"));
        // Each summary (a command line plus its indented continuation lines) is one whole sentence.
        String[] entries = commands.substring(commands.indexOf('\n') + 1).split("\n(?=  \\S)");
        for (String entry : entries) {
            assertTrue(entry.strip().endsWith("."), "cut mid-sentence: " + entry);
        }
    }

    @Test
    void shouldGiveTheSameReportBytesForTheSameSeedsWhateverTheThreads(@TempDir Path dir) throws Exception {
        Path file = scenario(dir, SHORT_SCENARIO);
        assertEquals(0, run("compare", "--scenarios", file.toString(), "--estimators", "gcc,oracle-causal,oracle",
                "--seeds", "2", "--threads", "2", "--out", dir.resolve("one").toString()));
        assertEquals(0, run("compare", "--scenarios", file.toString(), "--estimators", "gcc,oracle-causal,oracle",
                "--seeds", "2", "--threads", "1", "--out", dir.resolve("two").toString()));
        for (String name : List.of("report.json", "report.md", "report.html")) {
            assertEquals(Files.readString(dir.resolve("one").resolve(name)),
                    Files.readString(dir.resolve("two").resolve(name)), name);
        }
    }

    @Test
    void shouldExitTwoNamingTheUnknownFieldInABadScenario(@TempDir Path dir) throws Exception {
        Path bad = scenario(dir, SHORT_SCENARIO.replace("\"jitter_ms\"", "\"jitter_msec\""));
        int code = run("simulate", "--scenario", bad.toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("scenario.json") && err.toString().contains("jitter_msec"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")), "nothing may be written for bad input");
    }

    @Test
    void shouldExitTwoForAMissingScenarioFile(@TempDir Path dir) {
        int code = run("simulate", "--scenario", dir.resolve("absent.json").toString(), "--out", dir.toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("absent.json"), err.toString());
    }

    @Test
    void shouldExitTwoListingKnownEstimatorsForAnUnknownOne(@TempDir Path dir) throws Exception {
        int code = run("simulate", "--scenario", scenario(dir, SHORT_SCENARIO).toString(), "--estimator", "bbr",
                "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("unknown estimator 'bbr'") && err.toString().contains("gcc"),
                err.toString());
    }

    @Test
    void shouldExitTwoWhenATraceScenarioHasNoTracesRoot(@TempDir Path dir) throws Exception {
        String json = SHORT_SCENARIO.replace("{\"type\": \"constant\", \"kbps\": 1000}",
                "{\"type\": \"cooked\", \"file\": \"traces:hsdpa-3g/test/x\"}");
        int code = run("simulate", "--scenario", scenario(dir, json).toString(), "--traces-root",
                dir.resolve("no-such-dir").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--traces-root"), err.toString());
    }

    @Test
    void shouldExitTwoOnMissingRequiredOptions() {
        assertEquals(2, run("compare", "--a", "gcc"));
        assertTrue(err.toString().contains("--scenarios") || err.toString().contains("--out"), err.toString());
    }

    @Test
    void metricsRecordScenarioDigestEstimatorSeedAndVersion(@TempDir Path dir) throws Exception {
        Path file = scenario(dir, SHORT_SCENARIO);
        Path result = dir.resolve("run");
        assertEquals(0, run("simulate", "--scenario", file.toString(), "--estimator", "oracle", "--seed", "3",
                "--out", result.toString()), err.toString());
        JsonNode run = new ObjectMapper().readTree(result.resolve("metrics.json").toFile()).get("run");
        assertEquals("short", run.get("scenario").asText());
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(file))), run.get("scenario_sha256").asText());
        assertEquals("oracle", run.get("estimator").asText());
        assertEquals(3, run.get("seed").asLong());
        assertTrue(run.get("weir_version").asText().matches("\\d+\\.\\d+\\.\\d+.*"), run.toString());
    }

    @Test
    void simulateReplacesAnEarlierOutputSetAsAWhole(@TempDir Path dir) throws Exception {
        Path file = scenario(dir, SHORT_SCENARIO);
        Path result = dir.resolve("run");
        assertEquals(0, run("simulate", "--scenario", file.toString(), "--seed", "1", "--out", result.toString(),
                "--plot"), err.toString());
        assertEquals(0, run("simulate", "--scenario", file.toString(), "--seed", "2", "--out", result.toString()),
                err.toString());
        assertFalse(Files.exists(result.resolve("plot.png")), "the first run's plot must not outlive its set");
        assertEquals(List.of("metrics.json", "timeseries.csv"), names(result));
        assertEquals(List.of("run", "scenario.json"), names(dir), "no staging directory left behind");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(result.resolve("metrics.json"))));
    }

    @Test
    void simulateRefusesAnOutputDirectoryOfOtherFiles(@TempDir Path dir) throws Exception {
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("todo.txt"), "keep me");
        assertEquals(2, run("simulate", "--scenario", scenario(dir, SHORT_SCENARIO).toString(), "--out",
                notes.toString()));
        assertTrue(err.toString().contains("not an earlier output"), err.toString());
        assertEquals(List.of("todo.txt"), names(notes));
    }

    @Test
    void staleStagingDirectoryOfAKilledRunIsRemovedByTheNextRun(@TempDir Path dir) throws Exception {
        // What a run killed before its rename leaves: a staging directory named after a dead pid.
        Path stale = Files.createDirectories(dir.resolve(".run.2147483647.0123456789abcdef.weir-tmp"));
        Files.writeString(stale.resolve("timeseries.csv"), "half");
        assertEquals(0, run("simulate", "--scenario", scenario(dir, SHORT_SCENARIO).toString(), "--out",
                dir.resolve("run").toString()), err.toString());
        assertFalse(Files.exists(stale));
    }

    @Test
    void compareRecordsVariantsSeedsScenarioDigestsAndVersion(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("ab");
        assertEquals(0, run("compare", "--scenarios", scenario(dir, SHORT_SCENARIO).toString(), "--seeds", "1",
                "--threads", "1", "--out", report.toString()), err.toString());
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertEquals("gcc", run.get("baseline").asText());
        assertEquals("oracle", run.get("estimators").get(1).asText());
        assertEquals("short", run.get("scenarios").get(0).get("name").asText());
        assertEquals(64, run.get("scenarios").get(0).get("sha256").asText().length());
    }

    @Test
    void absoluteTracePathNeedsAllowAbsolutePaths(@TempDir Path dir) throws Exception {
        Path trace = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("t.cooked"),
                "0 1\n1 2\n");
        Path scenarioDir = Files.createDirectories(dir.resolve("scenarios"));
        String json = SHORT_SCENARIO.replace("{\"type\": \"constant\", \"kbps\": 1000}",
                "{\"type\": \"cooked\", \"file\": \"" + trace + "\"}");
        Path file = scenario(scenarioDir, json);
        assertEquals(2, run("scenarios", "--scenarios", file.toString()));
        assertTrue(err.toString().contains("--allow-absolute-paths"), err.toString());
        assertEquals(0, run("scenarios", "--scenarios", file.toString(), "--allow-absolute-paths"), err.toString());
        assertTrue(out.toString().contains("short"), out.toString());
    }

    @Test
    void soakRunsEstimatorsFromTheRegistryAndReportsBytesPerEstimator() {
        assertEquals(0, run("soak", "--estimators", "gcc,oracle", "--count", "8", "--threads", "2",
                "--simulated-minutes", "1"), err.toString());
        String text = out.toString();
        assertTrue(text.contains("soak: 8 estimators (gcc, oracle)"), text);
        assertTrue(text.contains("bytes per estimator") && text.contains("minute   1: heap after GC"), text);
        assertTrue(text.contains(" 0 anomalies"), text);
    }

    @Test
    void soakRejectsAnEstimatorTheRegistryDoesNotKnow() {
        assertEquals(2, run("soak", "--estimators", "weir-ml", "--count", "1", "--simulated-minutes", "1"));
        assertTrue(err.toString().contains("unknown estimator 'weir-ml'"), err.toString());
    }

    private static List<String> names(JsonNode array, String field) {
        List<String> names = new java.util.ArrayList<>();
        array.forEach(node -> names.add(node.get(field).asText()));
        return names;
    }

    private static List<String> names(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
