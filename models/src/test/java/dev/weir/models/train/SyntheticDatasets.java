package dev.weir.models.train;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Small learnable datasets for the trainer and evaluator tests. Each source is a call whose
 * "trend" feature rises (congestion ahead: 1) or falls (0) in runs of {@link #RUN} samples; a
 * positive sample's lead time is the time left in its run. Loss type is labelled on 3 of 4
 * samples: 1 when the dense "level" feature is above its mean. Baselines: {@code loss:oracle}
 * (always right), {@code loss:coin} (seeded coin, sometimes no verdict) and
 * {@code congestion:late} (fires only on the last sample of a rising run).
 */
public final class SyntheticDatasets {
    public static final int STEPS = 8;
    public static final int RUN = 5;
    /** Seconds between consecutive samples of a source. */
    public static final float SAMPLE_PERIOD_S = 0.2f;
    public static final List<String> TS = List.of("trend", "noise", "constant");
    public static final List<String> DENSE = List.of("level", "dense_noise");
    public static final List<String> BASELINES = List.of("loss:oracle", "loss:coin", "congestion:late");
    /** 200 ms steps, one dense window over the whole series. */
    public static final FeatureSchema SCHEMA = FeatureSchema.custom(200, STEPS, TS, DENSE);

    private SyntheticDatasets() {
    }

    /** A dataset of {@code perSource} samples per source: 4 train, 2 validation, 2 test sources. */
    public static Dataset learnable(long seed, int perSource) {
        Dataset.Builder b = Dataset.builder(SCHEMA, BASELINES).settings(settings());
        String[] splits = {"train", "train", "train", "train", "validation", "validation", "test", "test"};
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < splits.length; s++) {
            String family = s % 2 == 0 ? "wired" : "cellular";
            int source = b.addSource(new SampleSource("synthetic-" + family, family, "trace-" + s, seed + s,
                    splits[s]));
            addCall(b, source, perSource, random);
        }
        return b.build();
    }

    private static void addCall(Dataset.Builder b, int source, int samples, SplittableRandom random) {
        float[] window = new float[STEPS * TS.size()];
        float[] dense = new float[DENSE.size()];
        boolean rising = random.nextBoolean();
        for (int n = 0; n < samples; n++) {
            int inRun = n % RUN;
            if (inRun == 0 && n > 0) {
                rising = random.nextBoolean();
            }
            double slope = (rising ? 1 : -1) * (0.5 + random.nextDouble());
            for (int t = 0; t < STEPS; t++) {
                window[t * 3] = (float) (50 + slope * t + 0.3 * random.nextGaussian());
                window[t * 3 + 1] = (float) random.nextGaussian();
                window[t * 3 + 2] = 7f;
            }
            double level = 3 + 2 * random.nextGaussian();
            dense[0] = (float) level;
            dense[1] = (float) (100 * random.nextGaussian());
            int lossType = n % 4 == 3 ? Dataset.NO_LABEL : (level > 3 ? 1 : 0);
            int congestion = rising ? 1 : 0;
            float leadTime = rising ? (RUN - inRun) * SAMPLE_PERIOD_S : -1f;
            byte coin = (byte) (random.nextInt(5) == 0 ? -1 : random.nextInt(2));
            byte late = (byte) (rising && inRun == RUN - 1 ? 1 : 0);
            byte[] verdicts = {(byte) Math.max(lossType, 0), coin, late};
            b.add(source, n * 200, window, dense, lossType, congestion, Dataset.NO_LABEL, leadTime, verdicts);
        }
    }

    /** A copy of {@code d} with labels replaced: {@code relabel.apply(task, i, label)} gives the new label. */
    public static Dataset relabel(Dataset d, Relabel relabel) {
        Dataset.Builder b = Dataset.builder(d.schema(), d.baselineNames()).settings(d.settings());
        d.sources().forEach(b::addSource);
        float[] window = new float[d.tsSteps() * d.tsFeatures()];
        float[] dense = new float[d.denseFeatures()];
        byte[] verdicts = new byte[d.baselineNames().size()];
        for (int i = 0; i < d.size(); i++) {
            d.tsWindow(i, window);
            d.denseFeatures(i, dense);
            for (int v = 0; v < verdicts.length; v++) {
                verdicts[v] = (byte) d.baselineVerdict(v, i);
            }
            b.add(d.sourceIndex(i), d.timeMs(i), window, dense,
                    relabel.label(Dataset.TASK_LOSS_TYPE, i, d.label(Dataset.TASK_LOSS_TYPE, i)),
                    relabel.label(Dataset.TASK_CONGESTION, i, d.label(Dataset.TASK_CONGESTION, i)),
                    d.label(Dataset.TASK_CONGESTION_RULE, i), d.leadTimeS(i), verdicts);
        }
        return b.build();
    }

    /** A label rewrite for {@link #relabel}. */
    @FunctionalInterface
    public interface Relabel {
        int label(String task, int sample, int label);
    }

    public static ObjectNode settings() {
        return JsonNodeFactory.instance.objectNode().put("generator", "SyntheticDatasets");
    }

    /** Small, fast settings for tests: tiny layers, a high learning rate, few epochs. */
    public static TrainerSettings fastSettings() {
        TrainerSettings s = new TrainerSettings();
        s.lstmUnits = 6;
        s.denseUnits = 4;
        s.mergeUnits = 6;
        s.learningRate = 0.02;
        s.batchSize = 64;
        s.maxEpochs = 12;
        s.patience = 3;
        return s;
    }

    /** A clock that advances 1 ms per reading: deterministic wall time for tests. */
    public static java.util.function.LongSupplier fakeClockUs() {
        long[] now = {0};
        return () -> now[0] += 1_000;
    }
}
