package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatasetGeneratorTest {
    @TempDir
    Path dir;

    private static DatasetRequest.Builder smallRequest() {
        return DatasetRequest.builder().scenarioDir(Fixtures.scenarios()).tracesRoot(Fixtures.traces())
                .seeds(List.of(1L)).durationS(20).maxCallsPerDataset(2);
    }

    @Test
    void shouldProduceIdenticalBytesForTheSameRequestWhateverTheThreads() throws Exception {
        Dataset one = DatasetGenerator.generate(smallRequest().threads(1).build(), (done, total) -> { });
        Dataset two = DatasetGenerator.generate(smallRequest().threads(2).build(), (done, total) -> { });
        one.write(dir.resolve("one.weirds"));
        two.write(dir.resolve("two.weirds"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("one.weirds")), Files.readAllBytes(dir.resolve("two.weirds")));
        assertEquals(one.digest(), two.digest());
        assertTrue(one.size() > 0);
        // 2 synthetic calls, 2 per trace dataset: 6 sources, 20 s calls give 7 samples each (10..16 s).
        assertEquals(6, one.sources().size());
        assertEquals(42, one.size());
        assertEquals(50, one.tsSteps());
        assertEquals(17, one.tsFeatures());
        assertEquals(32, one.denseFeatures());
        assertTrue(one.denseFeatureNames().get(0).startsWith("w10_"));
        assertTrue(one.denseFeatureNames().get(31).startsWith("w4_"));
        assertEquals(SampleLabeller.BASELINE_NAMES, one.baselineNames());
        assertEquals(200, one.settings().path("labels").path("step_ms").asInt());
        assertEquals(List.of("eval-on-trace.json"),
                List.of(one.settings().path("request").path("skipped_scenario_files").get(0).asText()));
        Dataset reread = Dataset.read(dir.resolve("one.weirds"));
        assertEquals(one.digest(), reread.digest());
    }

    @Test
    void shouldReportClassCountsPerSplitAndTask() throws Exception {
        Dataset dataset = DatasetGenerator.generate(smallRequest().threads(2).build(), (done, total) -> { });
        long total = 0;
        for (String split : List.of("train", "validation", "test")) {
            var node = dataset.settings().path("counts").path(split);
            long samples = node.path("samples").asLong();
            assertEquals(dataset.indicesOfSplit(split).length, samples);
            for (String task : List.of("loss_type", "congestion", "congestion_rule")) {
                var classes = node.path(task);
                assertEquals(samples, classes.path("none").asLong() + classes.path("0").asLong()
                        + classes.path("1").asLong(), split + " " + task);
            }
            total += samples;
        }
        assertEquals(dataset.size(), total);
    }

    @Test
    void shouldNeverPutOneTraceInTwoSplits() {
        DatasetRequest request = DatasetRequest.builder().scenarioDir(Fixtures.scenarios()).tracesRoot(Fixtures.traces())
                .seeds(List.of(1L, 2L, 3L)).durationS(20).build();
        List<CallPlan> plans = DatasetGenerator.plan(request, new ArrayList<>());
        Map<String, String> splitOfGroup = new HashMap<>();
        int traceCalls = 0;
        for (CallPlan plan : plans) {
            SampleSource source = plan.source();
            if (plan.group().equals(DatasetGenerator.SYNTHETIC)) {
                continue;
            }
            traceCalls++;
            String previous = splitOfGroup.putIfAbsent(SplitRule.traceGroup(source.trace()), source.split());
            assertTrue(previous == null || previous.equals(source.split()), source.trace() + " in two splits");
            boolean underTest = source.trace().split("/")[1].equals("test");
            assertEquals(underTest, source.split().equals("test"), source.trace());
        }
        assertEquals(7 * 3, traceCalls, "7 fixture traces x 3 seeds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mahimahi/train/ATT-LTE-driving", "fcc/train/trace_797466_http_www.amazon"})
    void shouldKeepDirectionsAndPartsOfOneRecordingTogether(String group) {
        List<String> suffixes = List.of(".up", ".down", "_part1.log", "_part7.log", "_part12");
        List<String> ids = new ArrayList<>();
        for (String suffix : suffixes) {
            ids.add(group + suffix);
            assertEquals(group, SplitRule.traceGroup(group + suffix));
        }
        for (int i = 0; i < 20; i++) {
            ids.add(group.replace("/train/", "/train/other_") + i);
        }
        Set<String> validation = SplitRule.validationGroups(ids, new DatasetSettings());
        String split = SplitRule.forTrace(ids.get(0), validation);
        for (String id : ids.subList(0, suffixes.size())) {
            assertEquals(split, SplitRule.forTrace(id, validation), id);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4, 12, 80, 2_000})
    void shouldGiveEveryDatasetItsValidationShare(int groups) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < groups; i++) {
            ids.add("d/train/trace_" + i);
            ids.add("d/test/trace_" + i);
        }
        Set<String> validation = SplitRule.validationGroups(ids, new DatasetSettings());
        assertEquals(Math.max(1, Math.round(groups * 0.15)), validation.size());
        int validationCalls = 0;
        for (String id : ids) {
            String split = SplitRule.forTrace(id, validation);
            assertEquals(id.startsWith("d/test/"), split.equals("test"), id);
            validationCalls += split.equals("validation") ? 1 : 0;
        }
        assertEquals(validation.size(), validationCalls);
        List<String> reversed = new ArrayList<>(ids);
        java.util.Collections.reverse(reversed);
        assertEquals(validation, SplitRule.validationGroups(reversed, new DatasetSettings()),
                "independent of listing order");
    }

    @Test
    void shouldVaryPathParametersDeterministicallyPerTraceAndSeed() {
        CallPlan a = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, 30, "train");
        CallPlan b = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, 30, "train");
        assertEquals(a.scenario().link().oneWayDelayUs(), b.scenario().link().oneWayDelayUs());
        assertEquals(a.scenario().link().queueLimitBytes(), b.scenario().link().queueLimitBytes());
        assertEquals(0, a.scenario().link().queueLimitUs(), "trace calls use byte-limited queues");
        assertTrue(a.scenario().link().queueLimitBytes() >= TraceScenarios.MIN_QUEUE_BYTES);
        assertEquals(a.scenario().family(), b.scenario().family());
        assertEquals(30_000_000L, a.scenario().durationUs());
        assertEquals("cell/train/bus_1", a.source().trace());
        java.util.Set<String> families = new java.util.TreeSet<>();
        for (long seed = 0; seed < 30; seed++) {
            families.add(TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", seed, 30, "train")
                    .scenario().family());
        }
        assertEquals(java.util.Set.of("trace-cell-bursty-loss", "trace-cell-no-loss", "trace-cell-random-loss"),
                families);
    }
}
