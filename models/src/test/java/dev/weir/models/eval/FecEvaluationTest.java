package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.train.SyntheticDatasets;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FEC heads' evaluation on a learnable fixture: the dense input {@code level} sets the
 * non-congestive share ahead (one of the class values) and {@code burstiness} whether its losses
 * come in bursts, while the observed 4 s loss ({@code w4_loss_rate}) adds congestion loss on half
 * the steps, as a real window mixes both. A model trained on the two FEC heads must beat the
 * observed loss and the all-zero estimate, and the burst head must rank bursts first.
 */
class FecEvaluationTest {
    private static final FeatureSchema SCHEMA = FeatureSchema.custom(200, 8, List.of("delay_above_min_ms", "noise"),
            List.of("level", "burstiness", FecEvaluation.OBSERVED_LOSS_4S));
    private static final String[] SPLITS = {"train", "train", "train", "train", "train", "train", "validation",
        "validation", "test", "test", "test", "test"};
    private static Dataset data;
    private static ModelArtifact model;
    private static EvalReport report;

    @BeforeAll
    static void trainAndEvaluate() {
        data = dataset(17, 80);
        TrainerSettings settings = SyntheticDatasets.fastSettings();
        settings.tasks = List.of(FecHeads.RATE_HEAD, FecHeads.BURST_HEAD);
        settings.frozenTrunkTasks = List.of();
        settings.maxEpochs = 30;
        settings.patience = 5;
        model = Trainer.train(data, settings, null, SyntheticDatasets.fakeClockUs()).export(null);
        report = ModelEvaluation.evaluate(List.of(model), data, data, "test", "d", 50);
    }

    private static Dataset dataset(long seed, int steps) {
        Dataset.Builder b = Dataset.builder(SCHEMA, List.of()).settings(SyntheticDatasets.settings());
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < SPLITS.length; s++) {
            SampleSource source = new SampleSource("fec-" + s, "trace-cell-random-loss", "cell/" + SPLITS[s] + "/" + s,
                    "cell:" + s, seed + s, SPLITS[s], "gcc", 0, 0);
            b.addCall(source, call(steps, random));
        }
        return b.build();
    }

    private static CallSteps call(int steps, SplittableRandom random) {
        CallSteps call = new CallSteps(steps, 2, 3, 0);
        for (int t = 0; t < steps; t++) {
            call.ts[t * 2] = (float) random.nextGaussian();
            call.ts[t * 2 + 1] = (float) random.nextGaussian();
            call.timeMs[t] = (t + 1) * 200;
            if (t < SyntheticDatasets.WARM_UP) {
                continue;
            }
            call.decision[t] = 1;
            int cls = random.nextInt(FecHeads.RATE_CLASSES.size());
            double share = FecHeads.rateValue(cls);
            boolean bursty = random.nextBoolean();
            call.dense[t * 3] = cls;
            call.dense[t * 3 + 1] = bursty ? 1 : -1;
            call.dense[t * 3 + 2] = (float) (share + (random.nextBoolean() ? 0.06 : 0));
            call.randomLossShare[t] = (float) share;
            call.meanBurstPackets[t] = share == 0 ? Float.NaN : bursty ? 3f : 1f;
        }
        return call;
    }

    private static JsonNode fec() {
        return report.toJsonNode().path("tasks").path("fec_sizing");
    }

    @Test
    void shouldEstimateTheNonCongestiveShareBetterThanTheObservedLossAndThanNoFec() {
        JsonNode rate = fec().path("rate");
        double model = rate.path("model").path("mae_pp").asDouble();
        double observed = rate.path("baselines").path("observed_loss_4s").path("mae_pp").asDouble();
        double zero = rate.path("baselines").path("zero").path("mae_pp").asDouble();
        assertTrue(model < 1.5 && model < observed && model < zero, rate.toString());
        assertEquals(3.0, observed, 0.5, "half the steps add 6 pp of congestion loss");
        assertEquals(observed - model, rate.path("mae_gain_over_observed_pp").path("value").asDouble(), 1e-5);
        JsonNode interval = rate.path("model").path("mae_pp_ci95");
        assertTrue(interval.get(0).asDouble() <= model + 1e-9 && model <= interval.get(1).asDouble() + 1e-9,
                interval.toString());
        assertTrue(rate.path("strata").path("clean_ahead").path("decisions").asInt() > 0);
        assertTrue(rate.path("strata").path("lossy_ahead").path("observed_loss_4s").has("bias_pp"));
    }

    @Test
    void shouldRankBurstyHorizonsFirst() {
        JsonNode burst = fec().path("burst");
        assertTrue(burst.path("model").path("roc_auc").asDouble() > 0.9, burst.toString());
        assertEquals(0.5, burst.path("bursty_share").asDouble(), 0.1);
    }

    @Test
    void shouldLeaveOutTheTasksTheModelHasNoHeadFor() {
        assertTrue(report.toJsonNode().path("tasks").path("loss_attribution").isMissingNode());
        assertTrue(report.summary().contains("fec_sizing: non-congestive rate MAE"), report.summary());
    }

    @Test
    void shouldGiveIdenticalBytesTwiceAndAReliabilityPlotPerFecHead(@TempDir Path dir) throws Exception {
        assertEquals(report.toJson(), ModelEvaluation.evaluate(List.of(model), data, data, "test", "d", 50).toJson());
        report.writeReliabilityPlots(dir);
        assertTrue(Files.exists(dir.resolve("reliability-" + FecHeads.RATE_HEAD + ".svg")));
        assertTrue(Files.exists(dir.resolve("reliability-" + FecHeads.BURST_HEAD + ".svg")));
    }
}
