package dev.weir.models.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
        assertEquals(splitOfGroup.get("lte/train/drive"), SplitRule.forTrace("lte/train/drive.up", new DatasetSettings()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mahimahi/train/ATT-LTE-driving", "fcc/train/trace_797466_http_www.amazon"})
    void shouldKeepDirectionsAndPartsOfOneRecordingTogether(String group) {
        DatasetSettings settings = new DatasetSettings();
        String split = SplitRule.forTrace(group, settings);
        for (String suffix : List.of(".up", ".down", "_part1.log", "_part7.log", "_part12")) {
            assertEquals(group, SplitRule.traceGroup(group + suffix));
            assertEquals(split, SplitRule.forTrace(group + suffix, settings));
        }
    }

    @Test
    void shouldSendAboutTheConfiguredShareOfTrainTracesToValidation() {
        DatasetSettings settings = new DatasetSettings();
        int validation = 0;
        for (int i = 0; i < 2_000; i++) {
            validation += SplitRule.forTrace("d/train/trace_" + i, settings).equals("validation") ? 1 : 0;
        }
        assertTrue(validation > 240 && validation < 360, "15% of 2000 expected, got " + validation);
    }

    @Test
    void shouldVaryPathParametersDeterministicallyPerTraceAndSeed() throws IOException {
        DatasetSettings settings = new DatasetSettings();
        CallPlan a = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, 30, settings);
        CallPlan b = TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", 4, 30, settings);
        assertEquals(a.scenario().link().oneWayDelayUs(), b.scenario().link().oneWayDelayUs());
        assertEquals(a.scenario().link().queueLimitBytes(), b.scenario().link().queueLimitBytes());
        assertEquals(0, a.scenario().link().queueLimitUs(), "trace calls use byte-limited queues");
        assertTrue(a.scenario().link().queueLimitBytes() >= TraceScenarios.MIN_QUEUE_BYTES);
        assertEquals(a.scenario().family(), b.scenario().family());
        assertEquals(30_000_000L, a.scenario().durationUs());
        assertEquals("cell/train/bus_1", a.source().trace());
        java.util.Set<String> families = new java.util.TreeSet<>();
        for (long seed = 0; seed < 30; seed++) {
            families.add(TraceScenarios.plan(Fixtures.traces(), "cell/train/bus_1", seed, 30, settings)
                    .scenario().family());
        }
        assertEquals(java.util.Set.of("trace-cell-bursty-loss", "trace-cell-no-loss", "trace-cell-random-loss"),
                families);
    }
}
