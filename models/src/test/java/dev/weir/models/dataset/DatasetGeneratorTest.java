package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.train.Tasks;
import dev.weir.sim.net.OffsetCapacity;
import dev.weir.steer.NetworkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetGeneratorTest {
    @TempDir
    Path dir;

    /** Short calls (20-30 s) over the fixture traces and scenarios. */
    private static DatasetSettings shortCalls() {
        DatasetSettings settings = new DatasetSettings();
        settings.minCallS = 20;
        settings.maxCallS = 30;
        return settings;
    }

    private static DatasetRequest.Builder smallRequest() {
        return DatasetRequest.builder().scenarioDir(Fixtures.scenarios()).tracesRoot(Fixtures.traces())
                .seeds(List.of(1L)).maxCallsPerDataset(2).testSplit(Fixtures.TEST_SPLIT).settings(shortCalls());
    }

    @Test
    void shouldProduceIdenticalBytesForTheSameRequestWhateverTheThreads() throws Exception {
        Dataset one = DatasetGenerator.generate(smallRequest().threads(1).build(), (done, total) -> { });
        Dataset two = DatasetGenerator.generate(smallRequest().threads(2).build(), (done, total) -> { });
        one.write(dir.resolve("one.weirds"));
        two.write(dir.resolve("two.weirds"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.weirds")), Files.readAllBytes(dir.resolve("two.weirds")));
        assertEquals(one.digest(), two.digest());
        // 2 synthetic calls, 2 per trace dataset.
        assertEquals(6, one.sources().size());
        assertEquals(21, one.tsFeatures());
        assertEquals(40, one.denseInputs());
        assertTrue(one.denseInputNames().get(0).startsWith("w10_"));
        assertTrue(one.denseInputNames().get(39).startsWith("w4_"));
        assertEquals(StepLabeller.BASELINE_NAMES, one.baselineNames());
        assertEquals(200, one.settings().path("labels").path("step_ms").asInt());
        assertEquals(Fixtures.TEST_SPLIT.digest(), one.settings().path("test_split_digest").asText());
        assertEquals(List.of("eval-on-trace.json"),
                List.of(one.settings().path("request").path("skipped_scenario_files").get(0).asText()));
        for (int s = 0; s < one.sources().size(); s++) {
            SampleSource source = one.source(s);
            int decisions = 0;
            for (int i = one.sourceStart(s); i < one.sourceEnd(s); i++) {
                decisions += one.isDecision(i) ? 1 : 0;
            }
            // 200 ms steps from the start, decisions from the 50th step on (the 10 s window).
            assertTrue(source.steps() >= decisions + 49, source + ": " + decisions);
            assertTrue(decisions > 40, source + " decides: " + decisions);
        }
        Dataset reread = Dataset.read(dir.resolve("one.weirds"));
        assertEquals(one.digest(), reread.digest());
    }

    @Test
    void shouldReportCountsPerSplitThatAddUp() throws Exception {
        Dataset dataset = DatasetGenerator.generate(smallRequest().threads(2).build(), (done, total) -> { });
        long decisions = 0;
        for (String split : List.of("train", "validation", "test")) {
            var node = dataset.settings().path("counts").path(split);
            assertEquals(dataset.decisionsOfSplit(split).length, node.path("decisions").asLong());
            var loss = node.path(Dataset.TASK_LOSS_ATTRIBUTION);
            long lossTotal = loss.path("none").asLong();
            for (String cls : Dataset.LOSS_CLASSES) {
                lossTotal += loss.path(cls).asLong();
            }
            assertEquals(node.path("decisions").asLong(), lossTotal, split);
            for (String task : List.of(Dataset.TASK_RANDOM_LOSS_RATE, Dataset.TASK_LOSS_BURST)) {
                List<String> classes = Tasks.head(task).classes();
                long[] expected = new long[classes.size() + 1];
                for (int i : dataset.decisionsOfSplit(split)) {
                    expected[dataset.label(task, i) + 1]++;
                }
                assertEquals(expected[0], node.path(task).path("none").asLong(), split + " " + task);
                for (int c = 0; c < classes.size(); c++) {
                    assertEquals(expected[c + 1], node.path(task).path(classes.get(c)).asLong(), split + " " + task);
                }
            }
            decisions += node.path("decisions").asLong();
        }
        assertEquals(dataset.decisionsOfSplit(Dataset.ALL_SPLITS).length, decisions);
    }

    @Test
    void shouldSplitByRecordingGroupAgainstTheFrozenTestSplitAndLeaveSharedTrainTracesOut() {
        DatasetRequest request = DatasetRequest.builder().scenarioDir(Fixtures.scenarios()).tracesRoot(Fixtures.traces())
                .seeds(List.of(1L, 2L, 3L)).testSplit(new TestSplit("fixture split with a shared recording",
                        List.of("cell:bus_2", "cell:tram_1", "lte:short"))).settings(shortCalls()).build();
        List<String> excluded = new ArrayList<>();
        List<CallPlan> plans = DatasetGenerator.plan(request, new ArrayList<>(), excluded);
        assertEquals(List.of("cell/train/bus_2"), excluded, "a train/ trace of a test group is left out");
        Map<String, String> splitOfGroup = new HashMap<>();
        int traceCalls = 0;
        for (CallPlan plan : plans) {
            SampleSource source = plan.source();
            String previous = splitOfGroup.putIfAbsent(source.group(), source.split());
            assertEquals(previous == null ? source.split() : previous, source.split(), source.group() + " in two splits");
            if (plan.dataset().equals(DatasetGenerator.SYNTHETIC)) {
                continue;
            }
            traceCalls++;
            boolean underTest = source.trace().split("/")[1].equals("test");
            assertEquals(underTest, source.split().equals("test"), source.trace());
        }
        assertEquals(6 * 3, traceCalls, "6 fixture traces (one left out) x 3 seeds");
        assertEquals(splitOfGroup.get("lte:drive"), splitOfGroup.get("lte:drive"));
    }

    @Test
    void shouldRefuseATestTraceOutsideTheFrozenSplit() {
        DatasetRequest request = DatasetRequest.builder().scenarioDir(Fixtures.scenarios()).tracesRoot(Fixtures.traces())
                .seeds(List.of(1L)).testSplit(new TestSplit("incomplete", List.of("cell:tram_1")))
                .settings(shortCalls()).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DatasetGenerator.plan(request, new ArrayList<>(), new ArrayList<>()));
        assertTrue(e.getMessage().contains("lte:short") && e.getMessage().contains("frozen test split"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"fcc/train/trace_797466_http_www.amazon_part1.log, fcc:797466",
        "fcc/test/trace_797466_http_www.amazon_part5.log, fcc:797466",
        "mahimahi/train/ATT-LTE-driving.up, mahimahi:ATT-LTE-driving",
        "mahimahi/test/ATT-LTE-driving-2016.down, mahimahi:ATT-LTE-driving-2016",
        "hsdpa-3g/train/norway_tram_3, hsdpa-3g:tram", "hsdpa-3g/test/norway_tram_26, hsdpa-3g:tram",
        "puffer/train/puffer_001, puffer:puffer_001", "other/train/drive_part2.up, other:drive"})
    void shouldGroupRecordingsAsTheIssueAsks(String traceId, String group) {
        assertEquals(group, RecordingGroups.ofTrace(traceId));
    }

    @Test
    void shouldAssignFoldsByGroupAlone() {
        Set<Integer> folds = new TreeSet<>();
        for (int i = 0; i < 200; i++) {
            int fold = SplitRule.fold("g" + i, 5);
            assertEquals(fold, SplitRule.fold("g" + i, 5));
            folds.add(fold);
        }
        assertEquals(Set.of(0, 1, 2, 3, 4), folds);
    }

    @Test
    void shouldDrawDurationOffsetPathAndDriverDeterministicallyPerTraceAndSeed() {
        DatasetSettings settings = shortCalls();
        CallPlan a = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, "train", settings, false);
        CallPlan b = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, "train", settings, false);
        assertEquals(a.scenario().link().oneWayDelayUs(), b.scenario().link().oneWayDelayUs());
        assertEquals(a.scenario().link().queueLimitBytes(), b.scenario().link().queueLimitBytes());
        assertEquals(a.source(), b.source());
        assertEquals(0, a.scenario().link().queueLimitUs(), "trace calls use byte-limited queues");
        assertTrue(a.scenario().link().queueLimitBytes() >= TraceScenarios.MIN_QUEUE_BYTES);
        assertEquals("cell/train/bus_1", a.source().trace());
        assertEquals("cell:bus_1", a.source().group());
        Set<String> families = new TreeSet<>();
        Set<Long> offsets = new TreeSet<>();
        Set<Long> durations = new TreeSet<>();
        Set<String> drivers = new TreeSet<>();
        for (long seed = 0; seed < 40; seed++) {
            CallPlan plan = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", seed, "train", settings, true);
            families.add(plan.scenario().family());
            offsets.add(plan.source().offsetMs());
            durations.add(plan.scenario().durationUs() / 1_000_000);
            drivers.add(plan.source().driver().split(":")[0]);
            assertTrue(plan.source().offsetMs() < 30_000, "inside the fixture trace's 30 s loop");
        }
        assertEquals(Set.of("trace-cell-bursty-loss", "trace-cell-no-loss", "trace-cell-random-loss"), families);
        assertTrue(offsets.size() > 30, "offsets vary: " + offsets);
        assertTrue(durations.size() > 5 && durations.stream().allMatch(d -> d >= 20 && d <= 30), durations.toString());
        assertEquals(Set.of("gcc", "gcc-tuned", "weir"), drivers);
    }

    @Test
    void shouldOffsetTheCapacityIntoTheLoopingTrace() {
        var trace = new dev.weir.sim.trace.PiecewiseCapacity(new long[] {0, 1_000_000, 2_000_000},
                new long[] {100, 200, 300}, 3_000_000, "three seconds");
        OffsetCapacity shifted = new OffsetCapacity(trace, 1_500_000);
        assertEquals(200, shifted.capacityBpsAt(0));
        assertEquals(500_000, shifted.nextChangeUs(0));
        assertEquals(300, shifted.capacityBpsAt(600_000));
        assertEquals(100, shifted.capacityBpsAt(1_600_000), "the trace loops");
        assertTrue(shifted.describe().endsWith("from 1500 ms"), shifted.describe());
        assertThrows(IllegalArgumentException.class, () -> new OffsetCapacity(trace, -1));
        CallPlan plan = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 7, "train", shortCalls(), false);
        assertTrue(plan.scenario().link().capacity() instanceof OffsetCapacity);
    }

    @Test
    void shouldDrawTunedSetsInsideTheTuningSpace() {
        var bundle = CallDrivers.randomBundle(new java.util.SplittableRandom(3), null);
        for (NetworkType type : NetworkType.values()) {
            var space = dev.weir.sim.tune.TuningSpace.forType(type);
            double[] point = space.pointOf(bundle.parameterSet(type));
            for (double coordinate : point) {
                assertTrue(coordinate >= 0 && coordinate <= 1, type + " " + java.util.Arrays.toString(point));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> CallDrivers.create("weir", Fixtures.scenario(
                "bernoulli-ample"), 1, null));
    }
}
