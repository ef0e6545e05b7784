package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.SyntheticDatasets;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluatorTest {
    private static EvalReport report;

    @BeforeAll
    static void evaluate() {
        report = Evaluator.evaluate(TrainedModel.artifact(), TrainedModel.DATA, "test");
    }

    @Test
    void shouldLearnBothSyntheticTasks() {
        // Congestion ahead is the sign of the "trend" feature's slope (LSTM branch); loss type is the
        // dense "level" above its mean (dense branch).
        TaskMetrics congestion = report.task(Dataset.TASK_CONGESTION).model();
        TaskMetrics lossType = report.task(Dataset.TASK_LOSS_TYPE).model();
        assertTrue(congestion.binary().accuracy() > 0.95, "congestion accuracy " + congestion.binary().accuracy());
        assertTrue(lossType.binary().accuracy() > 0.9, "loss type accuracy " + lossType.binary().accuracy());
        assertTrue(congestion.binary().rocAuc() > 0.97);
    }

    @Test
    void shouldCountOnlyLabelledSamplesOfTheSplit() {
        // 2 test sources x 60 samples; loss type labels 3 of every 4.
        assertEquals(120, report.samples());
        assertEquals(120, report.task(Dataset.TASK_CONGESTION).model().binary().support());
        assertEquals(90, report.task(Dataset.TASK_LOSS_TYPE).model().binary().support());
    }

    @Test
    void shouldMatchPredictionsOfTheShippedClassifier() {
        LstmClassifier classifier = new LstmClassifier(TrainedModel.artifact());
        Prediction prediction = classifier.newPrediction();
        Dataset data = TrainedModel.DATA;
        int head = prediction.headIndex(Dataset.TASK_CONGESTION);
        long tp = 0;
        float[] window = new float[data.tsSteps() * data.tsFeatures()];
        float[] dense = new float[data.denseFeatures()];
        for (int i : data.indicesOfSplit("test")) {
            data.tsWindow(i, window);
            data.denseFeatures(i, dense);
            classifier.predict(window, dense, prediction);
            if (prediction.mostLikelyClass(head) == 1 && data.label(Dataset.TASK_CONGESTION, i) == 1) {
                tp++;
            }
        }
        assertEquals(tp, report.task(Dataset.TASK_CONGESTION).model().binary().tp());
    }

    @Test
    void shouldEvaluateBaselinesFromVerdictColumnsCountingNoVerdictAsNegative() {
        TaskReport loss = report.task(Dataset.TASK_LOSS_TYPE);
        assertEquals(List.of("coin", "oracle"), List.copyOf(loss.baselines().keySet()));
        assertEquals(1.0, loss.baselines().get("oracle").binary().f1());
        assertEquals("oracle", loss.bestBaseline());

        Dataset data = TrainedModel.DATA;
        int coin = data.baselineNames().indexOf("loss:coin");
        long tn = 0;
        long fp = 0;
        long fn = 0;
        long tp = 0;
        for (int i : data.indicesOfSplit("test")) {
            int label = data.label(Dataset.TASK_LOSS_TYPE, i);
            if (label < 0) {
                continue;
            }
            boolean said = data.baselineVerdict(coin, i) == 1; // -1 and 0 are both "random"
            if (label == 1) {
                tp += said ? 1 : 0;
                fn += said ? 0 : 1;
            } else {
                fp += said ? 1 : 0;
                tn += said ? 0 : 1;
            }
        }
        BinaryMetrics m = loss.baselines().get("coin").binary();
        assertArrayEquals(new long[] {tn, fp, fn, tp}, new long[] {m.tn(), m.fp(), m.fn(), m.tp()});

        TaskReport congestion = report.task(Dataset.TASK_CONGESTION);
        assertEquals(List.of("late"), List.copyOf(congestion.baselines().keySet()));
        assertEquals("late", congestion.bestBaseline());
        assertTrue(congestion.verdict().startsWith("model beats the best baseline (late)"), congestion.verdict());
        // "late" fires only on the last sample of a rising run: 0.2 s before the event.
        assertEquals(0.2, congestion.baselines().get("late").leadTime().medianFirstFireLeadTimeS(), 1e-6);
        assertEquals(0.0, congestion.baselines().get("late").binary().fp());
    }

    @Test
    void shouldSplitMetricsByScenarioFamily() {
        TaskReport congestion = report.task(Dataset.TASK_CONGESTION);
        assertEquals(List.of("cellular", "wired"), List.copyOf(congestion.perFamily().keySet()));
        long support = congestion.perFamily().values().stream().mapToLong(f -> f.model().binary().support()).sum();
        assertEquals(congestion.model().binary().support(), support);
        long tp = congestion.perFamily().values().stream().mapToLong(f -> f.baselines().get("late").binary().tp())
                .sum();
        assertEquals(congestion.baselines().get("late").binary().tp(), tp);
    }

    @Test
    void shouldWriteEvalJsonInTheAgreedShape(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/eval.json");
        report.writeJson(file);
        JsonNode root = new ObjectMapper().readTree(Files.readString(file));
        assertEquals("test", root.path("split").asText());
        for (String task : List.of("loss_type", "congestion")) {
            JsonNode t = root.path("tasks").path(task);
            for (String key : List.of("accuracy", "precision", "recall", "f1", "roc_auc")) {
                assertTrue(t.path("model").path(key).isNumber(), task + ".model." + key);
            }
            JsonNode confusion = t.path("model").path("confusion");
            assertEquals(2, confusion.size());
            assertEquals(2, confusion.get(1).size());
            assertTrue(t.path("baselines").isObject() && t.path("per_family").path("wired").path("model").isObject());
            assertTrue(t.path("best_baseline").isTextual() && t.path("verdict").isTextual());
        }
        assertTrue(root.path("tasks").path("congestion").path("model").path("median_lead_time_s").isNumber());
        assertTrue(root.path("tasks").path("loss_type").path("model").path("median_lead_time_s").isMissingNode());
        assertEquals(List.of("loss_type", "congestion"), fieldNames(root.path("tasks")));
    }

    @Test
    void shouldWriteIdenticalBytesForTheSameEvaluation(@TempDir Path dir) throws Exception {
        EvalReport again = Evaluator.evaluate(TrainedModel.artifact(), TrainedModel.DATA, "test");
        assertEquals(report.toJson(), again.toJson());
        report.writeJson(dir.resolve("a.json"));
        again.writeJson(dir.resolve("b.json"));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.json")), Files.readAllBytes(dir.resolve("b.json")));
        assertArrayEquals(report.toJson().getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("a.json")));
        assertTrue(!report.toJson().contains("\r"));
    }

    @Test
    void shouldRejectADatasetOfAnotherFeatureSchemaNamingBothDigests() {
        FeatureSchema other = FeatureSchema.custom(200, SyntheticDatasets.STEPS, List.of("a", "b", "c"),
                SyntheticDatasets.DENSE);
        Dataset.Builder b = Dataset.builder(other, List.of());
        b.addSource(new dev.weir.models.data.SampleSource("s", "f", "t", 1, "test"));
        b.add(0, 0, new float[SyntheticDatasets.STEPS * 3], new float[2], 0, 0, -1, -1f, new byte[0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(TrainedModel.artifact(), b.build(), "test"));
        assertTrue(e.getMessage().contains("feature schema " + SyntheticDatasets.SCHEMA.digest() + ", dataset has "
                + other.digest()), e.getMessage());
    }

    @Test
    void shouldSummariseTestMetricsForTheArtifact() {
        com.fasterxml.jackson.databind.node.ObjectNode summary = report.summaryMetrics();
        assertEquals(report.task("congestion").model().binary().f1(),
                summary.path("test").path("congestion").path("f1").asDouble());
        assertEquals("oracle", summary.path("test").path("loss_type").path("best_baseline").asText());
        assertEquals(TrainedModel.DATA.digest(), summary.path("test").path("dataset_digest").asText());
    }

    @Test
    void shouldRejectAnEmptySplit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Evaluator.evaluate(TrainedModel.artifact(), TrainedModel.DATA, "holdout"));
        assertTrue(e.getMessage().contains("holdout"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
