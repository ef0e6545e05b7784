package dev.weir.models.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small learnable sequence datasets for the trainer and evaluator tests. Each call is
 * {@code steps} signal steps; its first feature (named {@code delay_above_min_ms}, so the
 * persistence baseline reads it) climbs (congestion ahead: 1) or falls (0) from 50 in runs of
 * {@link #RUN} steps, so the label needs the previous step (the LSTM's state); a positive's lead
 * time is the time left in its run, its cause cycles through the three. Loss attribution is
 * labelled on 3 of 4 decision steps from the dense "level" feature (below 2 pure random, above 4
 * congestion, mixed between). The onset gate is on for two of every three steps. Decisions start
 * at step {@link #WARM_UP}. Baselines: {@code loss:oracle} (right score) and {@code loss:coin}
 * (a seeded coin, sometimes no verdict).
 */
public final class SyntheticDatasets {
    public static final int RUN = 5;
    public static final int WARM_UP = 4;
    public static final List<String> TS = List.of("delay_above_min_ms", "rtt_ms", "constant");
    public static final List<String> DENSE = List.of("level", "dense_noise");
    public static final List<String> BASELINES = List.of("loss:oracle", "loss:coin");
    /** 200 ms steps, one dense window of 8 steps. */
    public static final FeatureSchema SCHEMA = FeatureSchema.custom(200, 8, TS, DENSE);
    private static final String[] SPLITS = {"train", "train", "train", "train", "train", "train", "validation",
        "validation", "validation", "test", "test", "test"};

    private SyntheticDatasets() {
    }

    /** A dataset of 6 train, 3 validation and 3 test calls of {@code steps} steps, each its own group. */
    public static Dataset learnable(long seed, int steps) {
        Dataset.Builder b = Dataset.builder(SCHEMA, BASELINES).settings(settings());
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < SPLITS.length; s++) {
            String family = s % 2 == 0 ? "trace-cell-random-loss" : "trace-cell-no-loss";
            SampleSource source = new SampleSource("synthetic-" + s, family, "cell/" + SPLITS[s] + "/call_" + s,
                    "cell:call_" + s, seed + s, SPLITS[s], s % 3 == 0 ? "gcc" : "gcc-tuned:random_loss", 0, 0);
            b.addCall(source, call(steps, random));
        }
        return b.build();
    }

    private static CallSteps call(int steps, SplittableRandom random) {
        CallSteps call = new CallSteps(steps, TS.size(), DENSE.size(), BASELINES.size());
        boolean rising = random.nextBoolean();
        for (int t = 0; t < steps; t++) {
            int inRun = t % RUN;
            if (inRun == 0 && t > 0) {
                rising = random.nextBoolean();
            }
            double value = 50 + (rising ? 1 : -1) * inRun + 0.2 * random.nextGaussian();
            call.ts[t * 3] = (float) value;
            call.ts[t * 3 + 1] = (float) random.nextGaussian();
            call.ts[t * 3 + 2] = 7f;
            call.timeMs[t] = (t + 1) * 200;
            if (t < WARM_UP) {
                continue;
            }
            call.decision[t] = 1;
            double level = 3 + 2 * random.nextGaussian();
            call.dense[t * 2] = (float) level;
            call.dense[t * 2 + 1] = (float) (100 * random.nextGaussian());
            if (t % 4 != 3) {
                call.lossClass[t] = (byte) (level < 2 ? Dataset.LOSS_PURE_RANDOM
                        : level > 4 ? Dataset.LOSS_CONGESTION : Dataset.LOSS_MIXED);
                call.baselineScores[t * 2] = level < 2 ? 0f : 1f;
                call.baselineScores[t * 2 + 1] = random.nextInt(5) == 0 ? Float.NaN : random.nextInt(2);
            }
            call.congestion[t] = (byte) (rising ? 1 : 0);
            call.leadTimeS[t] = rising ? (RUN - inRun) * 0.2f : -1f;
            call.cause[t] = (byte) (rising ? t % 3 : Dataset.NO_LABEL);
            call.gate[t] = (byte) (t % 3 == 0 ? 0 : 1);
        }
        return call;
    }

    public static ObjectNode settings() {
        return JsonNodeFactory.instance.objectNode().put("generator", "SyntheticDatasets")
                .put("test_split_digest", "synthetic");
    }

    /** Small, fast settings for tests: tiny layers, a high learning rate, few epochs. */
    public static TrainerSettings fastSettings() {
        TrainerSettings s = new TrainerSettings();
        s.lstmUnits = 6;
        s.denseUnits = 4;
        s.mergeUnits = 6;
        s.learningRate = 0.02;
        s.batchCalls = 3;
        s.tbpttSteps = 40;
        s.maxEpochs = 15;
        s.patience = 3;
        s.frozenTrunkTasks = new java.util.ArrayList<>(); // the learnable calls carry no FEC ground truth
        return s;
    }

    /** A clock that advances 1 ms per reading: deterministic wall time for tests. */
    public static java.util.function.LongSupplier fakeClockUs() {
        long[] now = {0};
        return () -> now[0] += 1_000;
    }
}
