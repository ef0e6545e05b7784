package dev.weir.models.train;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.Normalisation;
import dev.weir.models.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Minibatches of whole calls for the streaming network: time-series rows [N, features, T] and
 * dense vectors [N, dense inputs, T] (NCW, T the longest call of the batch, shorter calls padded
 * and masked), normalised through the same {@link Normalisation} methods the client-side
 * classifier uses, so training and inference see identical numbers; per head one-hot labels
 * [N, classes, T] with a label mask that keeps the decision steps labelled for that head. Dense
 * vectors of non-decision steps are zero (no head learns from them).
 *
 * <p>Not thread-safe (reuses nothing, but reads one dataset); one instance per training run.
 */
final class SequenceBatches {
    private final Dataset dataset;
    private final ModelArchitecture arch;
    private final Normalisation norm;
    private final String[] tasks;
    private final int[] classes;

    /** Whether the congestion head learns from gated (onset) decisions only. */
    private final boolean congestionGatedOnly;

    SequenceBatches(Dataset dataset, ModelArchitecture arch, Normalisation norm) {
        this(dataset, arch, norm, false);
    }

    SequenceBatches(Dataset dataset, ModelArchitecture arch, Normalisation norm, boolean congestionGatedOnly) {
        this.congestionGatedOnly = congestionGatedOnly;
        this.dataset = dataset;
        this.arch = arch;
        this.norm = norm;
        this.tasks = arch.heads().stream().map(HeadSpec::name).toArray(String[]::new);
        this.classes = arch.heads().stream().mapToInt(HeadSpec::classCount).toArray();
    }

    /** The minibatch of calls {@code calls[from, to)}. */
    MultiDataSet batch(int[] calls, int from, int to) {
        int n = to - from;
        int length = 0;
        for (int c = from; c < to; c++) {
            length = Math.max(length, steps(calls[c]));
        }
        int features = arch.tsFeatures();
        int dense = arch.denseFeatures();
        float[] ts = new float[n * features * length];
        float[] denseData = new float[n * dense * length];
        float[] mask = new float[n * length];
        float[][] labels = new float[tasks.length][];
        float[][] labelMasks = new float[tasks.length][];
        for (int h = 0; h < tasks.length; h++) {
            labels[h] = new float[n * classes[h] * length];
            labelMasks[h] = new float[n * length];
        }
        for (int b = 0; b < n; b++) {
            int call = calls[from + b];
            int start = dataset.sourceStart(call);
            int steps = steps(call);
            for (int t = 0; t < steps; t++) {
                int i = start + t;
                mask[b * length + t] = 1f;
                for (int f = 0; f < features; f++) {
                    ts[(b * features + f) * length + t] = norm.normaliseTs(f, dataset.tsValue(i, f));
                }
                if (!dataset.isDecision(i)) {
                    continue;
                }
                for (int f = 0; f < dense; f++) {
                    denseData[(b * dense + f) * length + t] = norm.normaliseDense(f, dataset.denseValue(i, f));
                }
                for (int h = 0; h < tasks.length; h++) {
                    int label = dataset.label(tasks[h], i);
                    if (congestionGatedOnly && tasks[h].equals(Dataset.TASK_CONGESTION) && !dataset.gate(i)) {
                        continue;
                    }
                    if (label >= 0) {
                        labels[h][(b * classes[h] + label) * length + t] = 1f;
                        labelMasks[h][b * length + t] = 1f;
                    }
                }
            }
        }
        INDArray maskArray = Nd4j.create(mask, new long[] {n, length});
        INDArray[] labelArrays = new INDArray[tasks.length];
        INDArray[] labelMaskArrays = new INDArray[tasks.length];
        for (int h = 0; h < tasks.length; h++) {
            labelArrays[h] = Nd4j.create(labels[h], new long[] {n, classes[h], length});
            labelMaskArrays[h] = Nd4j.create(labelMasks[h], new long[] {n, length});
        }
        return new MultiDataSet(
                new INDArray[] {Nd4j.create(ts, new long[] {n, features, length}),
                        Nd4j.create(denseData, new long[] {n, dense, length})},
                labelArrays, new INDArray[] {maskArray, maskArray.dup()}, labelMaskArrays);
    }

    private int steps(int call) {
        return dataset.sourceEnd(call) - dataset.sourceStart(call);
    }
}
