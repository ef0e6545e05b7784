package dev.weir.bwe.model;

/**
 * A deliberately plain double-precision forward pass, written from the equations and independent
 * of LstmClassifier's fused float layout, to check it against: the LSTM from a zero state over a
 * sequence of rows, then the heads (calibrated) at its end.
 */
final class ReferenceForwardPass {
    private final ModelArtifact artifact;
    private final ModelArchitecture arch;

    ReferenceForwardPass(ModelArtifact artifact) {
        this.artifact = artifact;
        this.arch = artifact.architecture();
    }

    /** {@code rows} holds {@code rows.length / tsFeatures} steps, oldest first. */
    double[][] predict(float[] rows, float[] dense) {
        int f = arch.tsFeatures();
        int n = arch.lstmUnits();
        float[] w = artifact.tensor(ModelArchitecture.LSTM_INPUT_WEIGHTS);
        float[] rw = artifact.tensor(ModelArchitecture.LSTM_RECURRENT_WEIGHTS);
        float[] b = artifact.tensor(ModelArchitecture.LSTM_BIAS);
        Normalisation norm = artifact.normalisation();
        double[] h = new double[n];
        double[] c = new double[n];
        for (int t = 0; t < rows.length / f; t++) {
            double[] x = new double[f];
            for (int k = 0; k < f; k++) {
                x[k] = norm.normaliseTs(k, rows[t * f + k]);
            }
            double[] hNext = new double[n];
            for (int j = 0; j < n; j++) {
                double a = Math.tanh(gate(x, h, w, rw, b, n, 0 * n + j));
                double forget = sigmoid(gate(x, h, w, rw, b, n, 1 * n + j));
                double output = sigmoid(gate(x, h, w, rw, b, n, 2 * n + j));
                double input = sigmoid(gate(x, h, w, rw, b, n, 3 * n + j));
                c[j] = forget * c[j] + input * a;
                hNext[j] = output * Math.tanh(c[j]);
            }
            h = hNext;
        }
        double[] d = new double[arch.denseFeatures()];
        for (int k = 0; k < d.length; k++) {
            d[k] = norm.normaliseDense(k, dense[k]);
        }
        double[] denseOut = reluLayer(d, ModelArchitecture.DENSE_WEIGHTS, ModelArchitecture.DENSE_BIAS);
        double[] merged = new double[n + denseOut.length];
        System.arraycopy(h, 0, merged, 0, n);
        System.arraycopy(denseOut, 0, merged, n, denseOut.length);
        double[] m = reluLayer(merged, ModelArchitecture.MERGE_WEIGHTS, ModelArchitecture.MERGE_BIAS);
        double[][] result = new double[arch.heads().size()][];
        for (int head = 0; head < result.length; head++) {
            String name = arch.heads().get(head).name();
            double[] logits = layer(m, ModelArchitecture.headWeights(name), ModelArchitecture.headBias(name));
            Calibration calibration = artifact.calibration().get(head);
            float[] bias = calibration.bias();
            for (int i = 0; i < logits.length; i++) {
                logits[i] = logits[i] / calibration.temperature() + bias[i];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double logit : logits) {
                max = Math.max(max, logit);
            }
            double sum = 0;
            for (int i = 0; i < logits.length; i++) {
                logits[i] = Math.exp(logits[i] - max);
                sum += logits[i];
            }
            for (int i = 0; i < logits.length; i++) {
                logits[i] /= sum;
            }
            result[head] = logits;
        }
        return result;
    }

    private static double gate(double[] x, double[] h, float[] w, float[] rw, float[] b, int n, int column) {
        double z = b[column];
        for (int k = 0; k < x.length; k++) {
            z += x[k] * w[k * 4 * n + column];
        }
        for (int k = 0; k < n; k++) {
            z += h[k] * rw[k * 4 * n + column];
        }
        return z;
    }

    private double[] reluLayer(double[] in, String weights, String bias) {
        double[] out = layer(in, weights, bias);
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, out[i]);
        }
        return out;
    }

    private double[] layer(double[] in, String weights, String bias) {
        float[] w = artifact.tensor(weights);
        float[] b = artifact.tensor(bias);
        double[] out = new double[b.length];
        for (int j = 0; j < b.length; j++) {
            double z = b[j];
            for (int k = 0; k < in.length; k++) {
                z += in[k] * w[k * b.length + j];
            }
            out[j] = z;
        }
        return out;
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
