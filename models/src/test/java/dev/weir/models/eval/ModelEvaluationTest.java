package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.bwe.model.ModelArtifact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluationTest {
    private static EvalReport report;

    @BeforeAll
    static void evaluate() {
        report = ModelEvaluation.evaluate(List.of(TrainedModel.artifact()), TrainedModel.DATA, TrainedModel.DATA, "test",
                "digest-of-the-split", 50);
    }

    @Test
    void shouldWriteTheIssuesShapeWithIntervals() {
        JsonNode root = report.toJsonNode();
        assertEquals("test", root.path("split").asText());
        assertEquals("digest-of-the-split", root.path("test_split_digest").asText());
        assertEquals(TrainedModel.artifact().sha256(), root.path("model_sha256").asText());
        JsonNode loss = root.path("tasks").path("loss_attribution");
        for (String key : List.of("f1", "f1_ci95", "pr_auc", "ece", "safe_hold_error", "random_recall")) {
            assertTrue(loss.path("model").has(key), "loss_attribution.model." + key + " in " + loss.path("model"));
        }
        JsonNode interval = loss.path("model").path("f1_ci95");
        assertTrue(interval.get(0).asDouble() <= loss.path("model").path("f1").asDouble() + 1e-9
                && loss.path("model").path("f1").asDouble() <= interval.get(1).asDouble() + 1e-9, interval.toString());
        assertTrue(loss.path("strata").has("lossy_calls"));
        for (String baseline : List.of("logistic", "persistence", "oracle", "coin")) {
            assertTrue(loss.path("baselines").has(baseline), baseline);
        }
        JsonNode onset = root.path("tasks").path("congestion_onset");
        for (String key : List.of("roc_auc", "median_lead_time_s", "false_alarms_per_min", "ece")) {
            assertTrue(onset.path("model").has(key), "congestion_onset.model." + key);
        }
        for (String cause : List.of("self_induced", "stable", "exogenous")) {
            assertTrue(onset.path("causes").has(cause), cause);
        }
        assertTrue(onset.path("detection").path("support").asInt() > 0);
        for (String baseline : List.of("logistic", "persistence", "rtt_rise")) {
            assertTrue(onset.path("baselines").has(baseline), baseline);
        }
        assertTrue(onset.path("baselines").path("gcc_overuse").isMissingNode(), "the schema has no detector columns");
    }

    @Test
    void shouldScoreTheOracleBaselinePerfectlyAtItsValidationThreshold() {
        JsonNode oracle = report.toJsonNode().path("tasks").path("loss_attribution").path("baselines").path("oracle");
        assertEquals(1.0, oracle.path("f1").asDouble(), 1e-9);
        assertEquals(1.0, oracle.path("roc_auc").asDouble(), 1e-9);
    }

    @Test
    void shouldFindWhatTheModelLearned() {
        JsonNode onset = report.toJsonNode().path("tasks").path("congestion_onset").path("model");
        assertTrue(onset.path("roc_auc").asDouble() > 0.85, onset.toString());
    }

    @Test
    void shouldGiveIdenticalBytesTwice() {
        EvalReport again = ModelEvaluation.evaluate(List.of(TrainedModel.artifact()), TrainedModel.DATA,
                TrainedModel.DATA, "test", "digest-of-the-split", 50);
        assertEquals(report.toJson(), again.toJson());
    }

    @Test
    void shouldAverageSeedsAndListEachOne() {
        ModelArtifact model = TrainedModel.artifact();
        EvalReport two = ModelEvaluation.evaluate(List.of(model, model), TrainedModel.DATA, TrainedModel.DATA, "test",
                "d", 0);
        JsonNode f1 = two.toJsonNode().path("tasks").path("loss_attribution").path("model");
        assertEquals(2, f1.path("f1_per_seed").size());
        assertEquals(f1.path("f1_per_seed").get(0).asDouble(), f1.path("f1").asDouble(), 1e-9);
        assertTrue(f1.path("f1_ci95").isMissingNode(), "no replicates, no interval");
    }

    @Test
    void shouldWriteEvalJsonAndOneReliabilityPlotPerHead(@TempDir Path dir) throws Exception {
        report.writeJson(dir.resolve("eval.json"));
        report.writeReliabilityPlots(dir);
        assertTrue(Files.readString(dir.resolve("eval.json")).startsWith("{\n  \"split\": \"test\""));
        String svg = Files.readString(dir.resolve("reliability-loss_attribution.svg"));
        assertTrue(svg.startsWith("<svg") && svg.contains("<rect"), svg);
        assertTrue(Files.exists(dir.resolve("reliability-congestion.svg")));
    }

    @Test
    void shouldRefuseAModelOfAnotherSchema() {
        ModelArtifact other = dev.weir.models.dataset.SteeringModels.defaultShaped(3);
        assertThrows(IllegalArgumentException.class, () -> ModelEvaluation.evaluate(List.of(other), TrainedModel.DATA,
                TrainedModel.DATA, "test", "d", 0));
    }
}
