package dev.weir.sim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.loss.GilbertElliottLoss;
import dev.weir.sim.loss.NoLoss;
import dev.weir.sim.loss.RandomLoss;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.trace.TestFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final Path TRACES = TestFiles.tracesDir();

    @Test
    void shouldLoadBriefExampleIntoMicrosecondsAndBitsPerSecond() {
        Scenario scenario = ScenarioLoader.load(TestFiles.resource("/scenarios/steps.json"), null);
        assertEquals("steps", scenario.name());
        assertEquals("steps", scenario.family());
        assertEquals(60_000_000, scenario.durationUs());
        Scenario.Link link = scenario.link();
        assertEquals(1_000_000, link.capacity().capacityBpsAt(29_999_999));
        assertEquals(500_000, link.capacity().capacityBpsAt(30_000_000));
        assertEquals(30_000_000, link.capacity().nextChangeUs(0));
        assertEquals(Long.MAX_VALUE, link.capacity().nextChangeUs(30_000_000));
        assertEquals("steps 1000->500 kbps", link.capacity().describe());
        assertEquals(50_000, link.oneWayDelayUs());
        assertEquals(0, link.jitterUs());
        assertEquals(300_000, link.queueLimitUs());
        assertEquals(0, link.queueLimitBytes());
        assertEquals(0.05, assertInstanceOf(RandomLoss.class, link.loss()).rate());
        assertEquals(50_000, scenario.returnDelayUs());
        assertEquals(0.0, scenario.returnLossRate());
        assertEquals(100_000, scenario.feedbackIntervalUs());
        assertEquals(new Scenario.Media(300_000, 30_000, 5_000_000, false, 30, 100.0), scenario.media());
        assertEquals(Scenario.CrossTraffic.NONE, scenario.crossTraffic());
    }

    @Test
    void shouldApplyDefaultsWhenOptionalFieldsAreAbsent() {
        Scenario scenario = parse("""
                {"name": "random-loss-5", "duration_s": 10.5,
                 "link": {"capacity": {"type": "constant", "kbps": 2000}, "one_way_delay_ms": 25, "queue_ms": 100}}
                """, null);
        assertEquals("random-loss", scenario.family());
        assertEquals(10_500_000, scenario.durationUs());
        assertEquals(2_000_000, scenario.link().capacity().capacityBpsAt(5_000_000));
        assertEquals("constant 2000 kbps", scenario.link().capacity().describe());
        assertSame(NoLoss.INSTANCE, scenario.link().loss());
        assertEquals(25_000, scenario.returnDelayUs(), "return delay defaults to the forward delay");
        assertEquals(100_000, scenario.feedbackIntervalUs());
        assertEquals(new Scenario.Media(300_000, 30_000, 5_000_000, false, 30, 100.0), scenario.media());
        assertEquals(Scenario.CrossTraffic.NONE, scenario.crossTraffic());
        assertEquals(FeedbackFormat.TWCC, scenario.feedbackFormat());
    }

    @Test
    void shouldReadEveryOptionalField() {
        Scenario scenario = parse("""
                {"name": "everything", "family": "bursty", "description": "all fields", "duration_s": 120,
                 "link": {"capacity": {"type": "alternating", "high_kbps": 500, "low_kbps": 100, "period_s": 30},
                          "one_way_delay_ms": 30.5, "jitter_ms": 5, "queue_ms": 0, "queue_bytes": 30000,
                          "loss": {"type": "gilbert", "p_good_bad": 0.01, "p_bad_good": 0.25, "loss_bad": 0.9,
                                   "loss_good": 0.001}},
                 "return_delay_ms": 10, "return_loss": 0.02, "feedback_interval_ms": 50,
                 "feedback_format": "rfc8888",
                 "media": {"start_kbps": 250, "min_kbps": 50, "max_kbps": 2500, "audio": true, "fps": 24,
                           "key_frame_interval_s": 2.5},
                 "cross_traffic": {"type": "onoff", "kbps": 400, "on_s": 5, "off_s": 15}}
                """, null);
        assertEquals("bursty", scenario.family());
        CapacitySchedule capacity = scenario.link().capacity();
        assertEquals(500_000, capacity.capacityBpsAt(0));
        assertEquals(100_000, capacity.capacityBpsAt(30_000_000));
        assertEquals(500_000, capacity.capacityBpsAt(60_000_000));
        assertEquals("alternating 500<->100 kbps every 30 s", capacity.describe());
        assertEquals(30_500, scenario.link().oneWayDelayUs());
        assertEquals(5_000, scenario.link().jitterUs());
        assertEquals(0, scenario.link().queueLimitUs());
        assertEquals(30_000, scenario.link().queueLimitBytes());
        GilbertElliottLoss loss = assertInstanceOf(GilbertElliottLoss.class, scenario.link().loss());
        assertEquals(0.01, loss.pGoodBad());
        assertEquals(0.25, loss.pBadGood());
        assertEquals(0.9, loss.lossBad());
        assertEquals(0.001, loss.lossGood());
        assertEquals(10_000, scenario.returnDelayUs());
        assertEquals(0.02, scenario.returnLossRate());
        assertEquals(50_000, scenario.feedbackIntervalUs());
        assertEquals(FeedbackFormat.RFC8888, scenario.feedbackFormat());
        assertEquals(new Scenario.Media(250_000, 50_000, 2_500_000, true, 24, 2.5), scenario.media());
        assertEquals(new Scenario.CrossTraffic("onoff", 400_000, 5_000_000, 15_000_000), scenario.crossTraffic());
    }

    @Test
    void shouldReadConstantCrossTraffic() {
        Scenario scenario = parse(minimal("\"cross_traffic\": {\"type\": \"constant\", \"kbps\": 700}"), null);
        assertEquals(new Scenario.CrossTraffic("constant", 700_000, 0, 0), scenario.crossTraffic());
    }

    @Test
    void shouldResolveTracesPathsAgainstTracesRoot() {
        Scenario mahimahi = parse(withCapacity("{\"type\": \"mahimahi\", \"file\": \"traces:tiny.up\"}"), TRACES);
        assertEquals(3_600_000, mahimahi.link().capacity().capacityBpsAt(0));
        assertEquals(4_800_000, mahimahi.link().capacity().capacityBpsAt(10_000));
        assertEquals(3_600_000, mahimahi.link().capacity().capacityBpsAt(30_000));
        Scenario gym = parse(withCapacity("{\"type\": \"gym\", \"file\": \"traces:tiny-gym.json\"}"), TRACES);
        assertEquals(150_500, gym.link().capacity().capacityBpsAt(2_000_000));
        assertEquals(800_000, gym.link().capacity().capacityBpsAt(2_500_000));
    }

    @Test
    void shouldHonourMahimahiBinWidth() {
        Scenario scenario = parse(withCapacity("{\"type\": \"mahimahi\", \"file\": \"traces:tiny.up\", \"bin_ms\": 5}"),
                TRACES);
        assertEquals(3 * 2_400_000, scenario.link().capacity().capacityBpsAt(15_000));
    }

    @Test
    void shouldResolveRelativePathsAgainstScenarioDirectory() {
        Scenario scenario = ScenarioLoader.load(TestFiles.resource("/scenarios/relative-cooked.json"),
                TestFiles.tracesDir());
        assertEquals(1_500_000, scenario.link().capacity().capacityBpsAt(0));
        assertEquals(500_000, scenario.link().capacity().capacityBpsAt(1_000_000));
        assertEquals(2_000_000, scenario.link().capacity().capacityBpsAt(3_000_000));
        assertEquals(1_500_000, scenario.link().capacity().capacityBpsAt(4_500_000));
        assertEquals(60_000, scenario.link().queueLimitBytes());
        assertEquals(0, scenario.link().queueLimitUs());
    }

    @Test
    void shouldNameFileLineAndKnownFieldsForUnknownField() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("""
                {"name": "typo", "duration_s": 10,
                 "link": {"capacity": {"type": "constant", "kbps": 1000},
                          "one_way_delay_ms": 20, "queue_ms": 100,
                          "jiter_ms": 5}}
                """, null));
        assertEquals("inline.json", e.source());
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("inline.json: line 4: link.jiter_ms: unknown field; expected one of "
                + "[capacity, one_way_delay_ms, jitter_ms, queue_ms, queue_bytes, loss]"), e.getMessage());
    }

    @Test
    void shouldNameMissingTraceFile() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse(withCapacity("{\"type\": \"cooked\", \"file\": \"traces:hsdpa/none\"}"), TRACES));
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("line 2: link.capacity.file = \"traces:hsdpa/none\": expected an existing trace "
                + "file; file not found: "), problem);
        assertTrue(problem.endsWith(TRACES.toAbsolutePath().resolve("hsdpa/none").toString()), problem);
    }

    @Test
    void shouldNameScenarioFieldAndTraceLineForMalformedTrace() {
        Path scenarioFile = TestFiles.resource("/scenarios/bad-trace-line.json");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(scenarioFile,
                TestFiles.tracesDir()));
        String message = e.getMessage();
        assertTrue(message.startsWith(scenarioFile + ": line 5: link.capacity.file = \"../traces/bad-text.up\": "
                + "expected a valid mahimahi trace; "), message);
        assertTrue(message.contains(TestFiles.trace("bad-text.up") + ": line 3: '12a': expected a whole number"),
                message);
    }

    @Test
    void shouldListEveryRangeProblemAtOnceWithLines() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("""
                {"name": "bad", "duration_s": 0,
                 "link": {"capacity": {"type": "steps", "steps": [{"at_s": 0, "kbps": 1000},
                                                                  {"at_s": 30, "kbps": -5}]},
                          "one_way_delay_ms": -1, "queue_ms": 300,
                          "loss": {"type": "random", "rate": 1.5}},
                 "feedback_interval_ms": 20,
                 "media": {"start_kbps": 300, "min_kbps": 500, "max_kbps": 400}}
                """, null));
        assertEquals(java.util.List.of(
                "line 1: duration_s = 0: expected a number in [1, 86400] s",
                "line 3: link.capacity.steps[1].kbps = -5: expected a number in [0, 10000000] kbps",
                "line 4: link.one_way_delay_ms = -1: expected a number in [0, 10000] ms",
                "line 5: link.loss.rate = 1.5: expected a number in [0, 1]",
                "line 6: feedback_interval_ms = 20: expected a number in [50, 250] ms",
                "line 7: media.min_kbps = 500: expected at most max_kbps (400)"), e.problems());
        assertTrue(e.getMessage().startsWith("inline.json: 6 problems:\n  line 1: duration_s"), e.getMessage());
    }

    @Test
    void shouldRequireTracesRootForTracesPaths() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse(
                withCapacity("{\"type\": \"mahimahi\", \"file\": \"traces:mahimahi/test/Verizon-LTE-short.up\"}"),
                null));
        assertTrue(e.getMessage().contains("line 2: link.capacity.file = \"traces:mahimahi/test/Verizon-LTE-short.up\""),
                e.getMessage());
        assertTrue(e.getMessage().contains(
                "scenario cap needs --traces-root for file traces:mahimahi/test/Verizon-LTE-short.up"), e.getMessage());
    }

    @Test
    void shouldRejectTracesPathsEscapingTheRoot() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse(withCapacity("{\"type\": \"cooked\", \"file\": \"traces:../scenarios/steps.json\"}"),
                        TRACES));
        assertTrue(e.getMessage().contains("expected a path inside the traces root"), e.getMessage());
    }

    @Test
    void shouldRejectRelativePathsWithoutBaseDirectory() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioLoader.parse(withCapacity("{\"type\": \"cooked\", \"file\": \"tiny.cooked\"}"), null,
                        null, "inline.json"));
        assertTrue(e.getMessage().contains("has no directory to resolve 'tiny.cooked' against"), e.getMessage());
    }

    @Test
    void shouldReportWrongTypesMissingFieldsAndBadChoices() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("""
                {"name": "bad name!", "duration_s": "60",
                 "link": {"capacity": {"type": "square", "kbps": 1}, "queue_ms": 10},
                 "media": {"audio": "yes", "fps": 29.97},
                 "cross_traffic": {"type": "onoff", "kbps": 100, "on_s": 1},
                 "feedback_format": "remb"}
                """, null));
        assertEquals(java.util.List.of(
                "line 1: name = \"bad name!\": expected at most 128 letters, digits, '.', '_' or '-' (it names output files)",
                "line 1: duration_s = \"60\": expected a number in [1, 86400] s",
                "line 2: link.capacity.type = \"square\": expected one of [constant, steps, alternating, mahimahi, "
                        + "cooked, gym]",
                "line 2: link.one_way_delay_ms is missing: expected a number in [0, 10000] ms",
                "line 5: feedback_format = \"remb\": expected one of [twcc, rfc8888]",
                "line 3: media.audio = \"yes\": expected true or false",
                "line 3: media.fps = 29.97: expected a whole number in [1, 120] frames/s",
                "line 4: cross_traffic.off_s is missing: expected a number in [0.001, 86400] s"), e.problems());
    }

    @Test
    void shouldCheckStepOrderAndQueuePresence() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> parse("""
                {"name": "steps", "duration_s": 60,
                 "link": {"capacity": {"type": "steps", "steps": [{"at_s": 5, "kbps": 1000},
                                                                  {"at_s": 3, "kbps": 500}]},
                          "one_way_delay_ms": 10}}
                """, null));
        assertEquals(java.util.List.of(
                "line 2: link.capacity.steps[0].at_s = 5: expected 0: the first step sets the capacity from the start "
                        + "of the call",
                "line 3: link.capacity.steps[1].at_s = 3: expected a time after the previous step's 5 s",
                "line 2: link: expected a queue limit: queue_ms (drain time) and/or queue_bytes"), e.problems());
    }

    @Test
    void shouldReportMalformedJsonWithLineAndColumn() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("{\"name\": \"x\",\n \"duration_s\": 10,,\n}", null));
        assertTrue(e.getMessage().startsWith("inline.json: line 2, column "), e.getMessage());
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void shouldRejectDuplicateKeys() {
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> parse("{\"name\": \"x\",\n \"name\": \"y\"}", null));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains("Duplicate field 'name'"), e.getMessage());
    }

    @Test
    void shouldNameMissingScenarioFile() {
        Path missing = TRACES.resolve("no-scenario.json");
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioLoader.load(missing, null));
        assertEquals(missing + ": scenario file not found", e.getMessage());
    }

    @Test
    void shouldDeriveFamilyFromName() {
        assertEquals("random-loss", ScenarioLoader.defaultFamily("random-loss-5"));
        assertEquals("random-loss", ScenarioLoader.defaultFamily("random-loss-2.5"));
        assertEquals("wired-stable", ScenarioLoader.defaultFamily("wired-stable"));
        assertEquals("custom", ScenarioLoader.defaultFamily("42"));
        assertFalse(ScenarioLoader.defaultFamily("cellular-low").isEmpty());
    }

    private static Scenario parse(String json, Path tracesRoot) {
        return ScenarioLoader.parse(json, TRACES, tracesRoot, "inline.json");
    }

    private static String withCapacity(String capacityJson) {
        return "{\"name\": \"cap\", \"duration_s\": 30,\n \"link\": {\"capacity\": " + capacityJson
                + ", \"one_way_delay_ms\": 20, \"queue_ms\": 200}}";
    }

    private static String minimal(String extraField) {
        return "{\"name\": \"m\", \"duration_s\": 30, \"link\": {\"capacity\": {\"type\": \"constant\", \"kbps\": 1000},"
                + " \"one_way_delay_ms\": 20, \"queue_ms\": 200}, " + extraField + "}";
    }
}
