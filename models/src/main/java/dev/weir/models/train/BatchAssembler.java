package dev.weir.models.train;

import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.Normalisation;
import dev.weir.models.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Builds DL4J minibatches straight from a {@link Dataset}: normalised inputs (through the same
 * {@link Normalisation} methods the client classifier uses), one-hot labels per head and one label
 * mask per head, {@code [N, 1]}. A sample whose label for a head is -1 gets mask 0 and an all-zero
 * label row for that head, so it adds nothing to that head's loss or gradient; a labelled sample's
 * mask is 1. {@code TrainerTest} checks that DL4J 1.0.0-M2.1 honours these per-output masks
 * (a masked sample's loss is exactly excluded). Masks must stay binary: DL4J also multiplies the
 * output layer's activations by the mask, so a mask of 2 scaled the logits instead of doubling
 * the loss (measured: 3.6x, not 2x); class weights go into the loss function instead ({@link Trainer}).
 *
 * <p>Not thread-safe: reuses its row buffers.
 */
final class BatchAssembler {
    private final Dataset dataset;
    private final Normalisation normalisation;
    private final String[] tasks;
    /** Classes per head. */
    private final int[] classes;
    private final int steps;
    private final int tsFeatures;
    private final int denseFeatures;
    private final float[] window;
    private final float[] denseRow;

    BatchAssembler(Dataset dataset, ModelArchitecture arch, Normalisation normalisation) {
        this.dataset = dataset;
        this.normalisation = normalisation;
        this.tasks = arch.heads().stream().map(h -> h.name()).toArray(String[]::new);
        this.classes = arch.heads().stream().mapToInt(h -> h.classCount()).toArray();
        this.steps = arch.tsSteps();
        this.tsFeatures = arch.tsFeatures();
        this.denseFeatures = arch.denseFeatures();
        this.window = new float[steps * tsFeatures];
        this.denseRow = new float[denseFeatures];
    }

    /** Inputs only, [ts NCW, dense], for samples {@code order[from..to)}. */
    INDArray[] features(int[] order, int from, int to) {
        int n = to - from;
        float[] ts = new float[n * tsFeatures * steps];
        float[] dense = new float[n * denseFeatures];
        for (int k = 0; k < n; k++) {
            int i = order[from + k];
            dataset.tsWindow(i, window);
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < tsFeatures; f++) {
                    ts[(k * tsFeatures + f) * steps + t] = normalisation.normaliseTs(f, window[t * tsFeatures + f]);
                }
            }
            dataset.denseFeatures(i, denseRow);
            for (int f = 0; f < denseFeatures; f++) {
                dense[k * denseFeatures + f] = normalisation.normaliseDense(f, denseRow[f]);
            }
        }
        return new INDArray[] {Nd4j.create(ts, new long[] {n, tsFeatures, steps}),
                Nd4j.create(dense, new long[] {n, denseFeatures})};
    }

    /** A training minibatch of samples {@code order[from..to)} with labels and per-head label masks. */
    MultiDataSet batch(int[] order, int from, int to) {
        int n = to - from;
        INDArray[] labels = new INDArray[tasks.length];
        INDArray[] masks = new INDArray[tasks.length];
        for (int h = 0; h < tasks.length; h++) {
            int width = classes[h];
            float[] oneHot = new float[n * width];
            float[] mask = new float[n];
            for (int k = 0; k < n; k++) {
                int label = dataset.label(tasks[h], order[from + k]);
                if (label >= 0) {
                    oneHot[k * width + label] = 1f;
                    mask[k] = 1f;
                }
            }
            labels[h] = Nd4j.create(oneHot, new long[] {n, width});
            masks[h] = Nd4j.create(mask, new long[] {n, 1});
        }
        return new MultiDataSet(features(order, from, to), labels, null, masks);
    }
}
