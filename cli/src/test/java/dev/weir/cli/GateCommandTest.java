package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.gate.GateRecord;
import dev.weir.sim.gate.SuiteResults;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GateCommandTest {
    private static final Path ROOT = GateSuites.repositoryRoot();
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

    private static String settings(Path dir, String json) throws Exception {
        Path file = dir.resolve("settings-" + Math.abs(json.hashCode()) + ".json");
        Files.writeString(file, json);
        return "settings:" + file;
    }

    private static String defaults() {
        return "settings:" + ROOT.resolve("configs/gcc/default.json");
    }

    @Test
    void theCommittedQuickRecordWasMeasuredOnTheSuiteAsItIs() {
        GateRecord record = GateRecord.read(ROOT.resolve(GateSuites.QUICK.recordFile()));
        GateSuites.requireMatches(record, GateSuites.QUICK.recordFile(), GateSuites.QUICK,
                GateSuites.load(ROOT, GateSuites.QUICK, null));
        for (String variant : List.of("gcc", "weir")) {
            GateRecord.Variant v = record.variant(variant);
            assertTrue(v != null && v.noise() != null && v.expected() != null, variant + " is recorded");
            assertEquals(GateSuites.QUICK.main().count(), v.noise().seedsPerReplicate());
        }
    }

    @Test
    void theCommittedFullRecordHoldsNoiseMeasuredOnTheSuiteAsItIs() {
        // Without ../shared only the synthetic scenarios load; their digests must match, and the
        // record must hold every scenario of the suite, trace ones included.
        GateRecord record = GateRecord.read(ROOT.resolve(GateSuites.FULL.recordFile()));
        GateSuites.requireMatches(record, GateSuites.FULL.recordFile(), GateSuites.FULL,
                GateSuites.load(ROOT, GateSuites.FULL, null));
        assertEquals(GateSuites.FULL.files().size(), record.scenarios().size());
        for (String variant : List.of("gcc", "weir")) {
            GateRecord.Variant v = record.variant(variant);
            assertTrue(v != null && v.noise() != null, variant + " has noise");
            assertEquals(GateSuites.FULL.main().count(), v.noise().seedsPerReplicate());
            assertTrue(v.noise().groups().containsKey("overall"), variant + " has the overall group with traces");
        }
    }

    @Test
    void aHeavierAimdBackOffIsAConfirmedRegressionWithExitCodeThree(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("gate");
        int code = run("gate", "--baseline", defaults(), "--candidate",
                settings(dir, "{\"delay_based\": {\"aimd\": {\"backoff_factor\": 0.5}}}"), "--out", report.toString(),
                "--threads", "2");
        assertEquals(GateCommand.EXIT_REGRESSION, code, out + "\n" + err);
        String md = Files.readString(report.resolve("gate.md"));
        assertTrue(md.startsWith("# Regression gate (quality): regression"), md);
        assertTrue(md.contains("### Confirmed regressions"), md);
        assertTrue(out.toString().contains("REGRESSION"), out.toString());
        assertTrue(Files.readString(report.resolve("gate.json")).contains("\"verdict\": \"regression\""));
    }

    @Test
    void badReferencesAreBadInputNamingTheProblem(@TempDir Path dir) throws Exception {
        String out = dir.resolve("x").toString();
        assertEquals(2, run("gate", "--baseline", "nonsense", "--candidate", "tree", "--out", out));
        assertTrue(err.toString().contains("expected settings:FILE, bundle:DIR, rev:GIT_REV or tree"), err.toString());
        assertEquals(2, run("gate", "--baseline", "rev:no-such-revision-anywhere", "--candidate", "tree", "--out", out));
        assertTrue(err.toString().contains("git does not know this revision"), err.toString());
        assertEquals(2, run("gate", "--baseline", defaults(), "--candidate",
                settings(dir, "{\"delay_based\": {\"aimd\": {\"backoff_factor\": 1.5}}}"), "--out", out));
        assertTrue(err.toString().contains("backoff_factor"), err.toString());
        assertEquals(2, run("gate", "--baseline", "bundle:" + dir.resolve("none"), "--candidate", "tree", "--out", out));
        assertTrue(err.toString().contains("no such bundle"), err.toString());
        assertEquals(2, run("gate", "--baseline", "tree", "--estimator", "oracle", "--candidate", "tree", "--out", out));
        assertTrue(err.toString().contains("no noise profile for oracle"), err.toString());
        assertEquals(2, run("gate", "--candidate", "tree", "--out", out));
        assertTrue(err.toString().contains("--baseline REF"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")), "nothing written");
    }

    @Test
    void aRecordMeasuredOnAnotherVersionOfAScenarioIsRefused(@TempDir Path dir) throws Exception {
        String json = Files.readString(ROOT.resolve(GateSuites.QUICK.recordFile()));
        GateRecord record = GateRecord.read(ROOT.resolve(GateSuites.QUICK.recordFile()));
        String sha = record.scenarios().get(0).sha256();
        Path stale = dir.resolve("stale.json");
        Files.writeString(stale, json.replace(sha, "0".repeat(64)));
        assertEquals(2, run("gate", "check", "--record", stale.toString(), "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("was measured on another version of configs/scenarios/wired-stable.json"),
                err.toString());
        assertTrue(err.toString().contains("./weir gate calibrate"), err.toString());
    }

    @Test
    void theWorkerWritesWhatAGateOnAnotherRevisionReads(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("short.json");
        Files.writeString(scenario, SHORT_SCENARIO);
        Path file = dir.resolve("calls.json");
        assertEquals(0, run("gate", "worker", "--estimator", "gcc", "--scenario", scenario.toString(), "--seeds", "1,2",
                "--threads", "1", "--out", file.toString()), err.toString());
        SuiteResults read = new SuiteResults();
        GateCallsFile.read(file, read);
        GateSuites.SuiteScenario s = new GateSuites.SuiteScenario(
                dev.weir.sim.scenario.ScenarioLoader.load(scenario, null), scenario, null);
        SuiteResults direct = GateRef.tree("gcc", dev.weir.steer.Bundle.gccDefaults()).run(List.of(s), List.of(1L, 2L),
                1, new PrintWriter(new StringWriter()));
        assertEquals(direct.metrics("short", 2), read.metrics("short", 2));
        assertNotEquals(read.metrics("short", 1), read.metrics("short", 2));
    }

    @Test
    void aRevisionsBuildKeyFollowsItsSourcesNotItsDocsOrTests(@TempDir Path dir) throws Exception {
        git(dir, "init", "-q");
        Files.createDirectories(dir.resolve("core/src/main/java"));
        Files.createDirectories(dir.resolve("core/src/test/java"));
        Files.writeString(dir.resolve("pom.xml"), "<project/>");
        Files.writeString(dir.resolve("core/src/main/java/A.java"), "class A {}");
        Files.writeString(dir.resolve("core/src/test/java/ATest.java"), "class ATest {}");
        Files.writeString(dir.resolve("README.md"), "one");
        commit(dir, "first");
        BuildCache cache = new BuildCache(dir, dir.resolve("cache"));
        String first = cache.key(cache.resolve("HEAD"));
        Files.writeString(dir.resolve("README.md"), "two");
        Files.writeString(dir.resolve("core/src/test/java/ATest.java"), "class ATest { }");
        commit(dir, "docs and tests");
        assertEquals(first, cache.key(cache.resolve("HEAD")));
        Files.writeString(dir.resolve("core/src/main/java/A.java"), "class A { }");
        commit(dir, "source");
        assertNotEquals(first, cache.key(cache.resolve("HEAD")));
        assertEquals(first, cache.key(cache.resolve("HEAD~2")));
    }

    @Test
    void theSpeedGateComparesCodeOnly(@TempDir Path dir) throws Exception {
        assertEquals(2, run("gate", "speed", "--baseline", defaults(), "--candidate", "tree", "--out",
                dir.resolve("x").toString(), "--record", dir.resolve("none.json").toString()));
        assertTrue(err.toString().contains("no speed noise record"), err.toString());
        Path record = dir.resolve("speed.json");
        Files.writeString(record, "{\"format\": \"weir-gate-speed/1\", \"pairs\": 12, \"figures\": {"
                + "\"cold_start_ms\": {\"pair_log_ratio_sd\": 0.05, \"pair_difference_sd\": 20}}}");
        assertEquals(2, run("gate", "speed", "--baseline", defaults(), "--candidate", "tree", "--figures",
                "cold_start_ms", "--out", dir.resolve("x").toString(), "--record", record.toString()));
        assertTrue(err.toString().contains("the speed gate compares code: rev:GIT_REV or tree"), err.toString());
    }

    @Test
    void oneSlowerFigureInEveryPairIsFlaggedWithTheMinimumPairsAndNeverWithOneFewer() {
        List<String> figures = SpeedSampler.METRICS;
        int minimum = GateSpeedCommand.minimumPairs(figures.size());
        assertEquals(7, minimum);
        assertEquals(5, GateSpeedCommand.minimumPairs(1));
        assertTrue(speedScreenFlagsGccOnly(minimum), "flagged with " + minimum + " pairs");
        assertFalse(speedScreenFlagsGccOnly(minimum - 1), "cannot be flagged with " + (minimum - 1) + " pairs");
    }

    /** GCC per packet 20 % slower in each of n pairs, the other figures jittering around no change. */
    private static boolean speedScreenFlagsGccOnly(int n) {
        java.util.Random random = new java.util.Random(14);
        SuiteResults a = new SuiteResults();
        SuiteResults b = new SuiteResults();
        java.util.Map<String, dev.weir.sim.gate.MetricNoise> noise = new java.util.LinkedHashMap<>();
        List<Long> pairs = new java.util.ArrayList<>();
        for (long i = 1; i <= n; i++) {
            pairs.add(i);
            java.util.Map<String, Object> x = new java.util.LinkedHashMap<>();
            java.util.Map<String, Object> y = new java.util.LinkedHashMap<>();
            for (String figure : SpeedSampler.METRICS) {
                double base = 100 * (1 + 0.02 * random.nextGaussian());
                x.put(figure, base);
                y.put(figure, figure.equals("gcc_ns_per_packet") ? base * 1.2 : base * (1 + 0.01 * random.nextGaussian()));
            }
            a.add("speed", "speed", i, x);
            b.add("speed", "speed", i, y);
        }
        for (String figure : SpeedSampler.METRICS) {
            noise.put(figure, new dev.weir.sim.gate.MetricNoise(dev.weir.sim.compare.Scale.RELATIVE, 0.01, 1));
        }
        dev.weir.sim.gate.NoiseProfile profile = new dev.weir.sim.gate.NoiseProfile(1, n,
                java.util.Map.of("speed", new dev.weir.sim.gate.NoiseProfile.GroupNoise(List.of("speed"), noise)));
        List<dev.weir.sim.gate.GateTest> tests = dev.weir.sim.gate.RegressionGate.screen(
                List.of(new dev.weir.sim.gate.GateGroup("speed", List.of("speed"))), profile, a, pairs, b, pairs);
        return tests.stream().filter(dev.weir.sim.gate.GateTest::flagged).map(dev.weir.sim.gate.GateTest::metric)
                .toList().equals(List.of("gcc_ns_per_packet"));
    }

    @Test
    void aSpeedGateWithTooFewPairsToFlagOneFigureIsRefused(@TempDir Path dir) {
        assertEquals(2, run("gate", "speed", "--baseline", "tree", "--candidate", "tree", "--pairs", "6", "--out",
                dir.resolve("x").toString()));
        assertTrue(err.toString().contains("--pairs 6 is too few to flag a slowdown of one of 4 figures"), err.toString());
    }

    @Test
    void everyGateCommandHasHelpWithoutPicocliWarnings() {
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.err;
        System.setErr(new java.io.PrintStream(stderr, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            for (List<String> command : List.of(List.of("gate"), List.of("gate", "check"), List.of("gate", "calibrate"),
                    List.of("gate", "update-record"), List.of("gate", "speed"), List.of("gate", "evaluate"))) {
                String[] args = new java.util.ArrayList<>(command) {
                    {
                        add("--help");
                    }
                }.toArray(new String[0]);
                assertEquals(0, run(args), command.toString());
            }
        } finally {
            System.setErr(original);
        }
        assertEquals("", stderr.toString(java.nio.charset.StandardCharsets.UTF_8), "picocli warnings");
        assertTrue(out.toString().contains("Exit code 3 on a confirmed regression"));
    }

    @Test
    void aSpeedSampleIsTheBestIterationFastestTimeOrHighestThroughput() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        assertEquals(96.5, SpeedSampler.best(json.readTree(
                "{\"mode\": \"avgt\", \"primaryMetric\": {\"score\": 120, \"rawData\": [[130.0, 96.5, 133.5]]}}")));
        assertEquals(140.0, SpeedSampler.best(json.readTree(
                "{\"mode\": \"thrpt\", \"primaryMetric\": {\"score\": 120, \"rawData\": [[100.0, 140.0, 120.0]]}}")));
        assertTrue(Double.isNaN(SpeedSampler.best(json.readTree("{\"mode\": \"avgt\", \"primaryMetric\": {}}"))));
    }

    private static void git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Processes.check(command, dir, "git");
    }

    private static void commit(Path dir, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, "commit", "-q", "-m", message);
    }
}
