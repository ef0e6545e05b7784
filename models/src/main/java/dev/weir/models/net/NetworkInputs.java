package dev.weir.models.net;

import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.Normalisation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns raw feature arrays into the graph's input arrays, normalising through the same
 * {@link Normalisation} methods the client-side classifier uses, so training and inference see
 * identical numbers.
 *
 * <p>Stateless and thread-safe.
 */
public final class NetworkInputs {
    private NetworkInputs() {
    }

    /**
     * Normalised windows as [N, tsFeatures, tsSteps] (NCW) from raw windows, each row-major
     * [tsSteps][tsFeatures] as {@code LstmClassifier.predict} takes them.
     */
    public static INDArray timeSeries(float[][] rawWindows, ModelArchitecture arch, Normalisation norm) {
        int steps = arch.tsSteps();
        int features = arch.tsFeatures();
        float[] data = new float[rawWindows.length * features * steps];
        for (int n = 0; n < rawWindows.length; n++) {
            float[] window = rawWindows[n];
            requireLength(window, steps * features, "window", n);
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < features; f++) {
                    data[(n * features + f) * steps + t] = norm.normaliseTs(f, window[t * features + f]);
                }
            }
        }
        return Nd4j.create(data, new long[] {rawWindows.length, features, steps});
    }

    /** Normalised dense features as [N, denseFeatures]. */
    public static INDArray dense(float[][] rawDense, ModelArchitecture arch, Normalisation norm) {
        int features = arch.denseFeatures();
        float[] data = new float[rawDense.length * features];
        for (int n = 0; n < rawDense.length; n++) {
            requireLength(rawDense[n], features, "dense vector", n);
            for (int f = 0; f < features; f++) {
                data[n * features + f] = norm.normaliseDense(f, rawDense[n][f]);
            }
        }
        return Nd4j.create(data, new long[] {rawDense.length, features});
    }

    /** One-hot labels [N, classes] for one head. */
    public static INDArray oneHot(int[] labels, int classes) {
        float[] data = new float[labels.length * classes];
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IllegalArgumentException("label " + n + " = " + labels[n] + " outside [0, " + classes + ")");
            }
            data[n * classes + labels[n]] = 1f;
        }
        return Nd4j.create(data, new long[] {labels.length, classes});
    }

    private static void requireLength(float[] values, int expected, String what, int index) {
        if (values.length != expected) {
            throw new IllegalArgumentException(what + " " + index + " has " + values.length + " values, needs "
                    + expected);
        }
    }
}
