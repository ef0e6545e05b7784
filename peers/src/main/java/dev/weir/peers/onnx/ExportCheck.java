package dev.weir.peers.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.model.Prediction;
import dev.weir.peers.PeerException;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs an exported graph in ONNX Runtime and the artifact in the pure-Java runtime on the same
 * seeded random inputs and reports the largest difference of any head probability. Inputs are
 * raw features drawn around each feature's training mean (normal, 3 standard deviations wide),
 * and one window in 20 carries a NaN or an infinity in one feature, so the in-graph
 * normalisation's rules are exercised too.
 *
 * <p>Stateless; thread-safe.
 */
public final class ExportCheck {
    /** Largest difference of any probability accepted as agreement. */
    public static final double TOLERANCE = 1e-5;

    /**
     * What the check found.
     *
     * @param inputs windows compared
     * @param maxAbsDifference largest |ONNX Runtime - Java| over every head probability
     * @param meanAbsDifference mean of those differences
     */
    public record Result(int inputs, double maxAbsDifference, double meanAbsDifference) {
        public boolean agrees() {
            return maxAbsDifference <= TOLERANCE;
        }
    }

    private ExportCheck() {
    }

    /**
     * Compares {@code onnxBytes} (from {@link LstmOnnxExporter#export}) with {@code artifact} on
     * {@code inputs} windows drawn from {@code seed}, run in batches.
     *
     * @throws PeerException when ONNX Runtime cannot load or run the graph
     */
    public static Result compare(ModelArtifact artifact, byte[] onnxBytes, int inputs, long seed) {
        ModelArchitecture arch = artifact.architecture();
        int t = arch.tsSteps();
        int f = arch.tsFeatures();
        int d = arch.denseFeatures();
        Normalisation norm = artifact.normalisation();
        float[] tsMean = norm.tsMean();
        float[] tsStd = norm.tsStd();
        float[] denseMean = norm.denseMean();
        float[] denseStd = norm.denseStd();
        LstmClassifier classifier = new LstmClassifier(artifact);
        Prediction prediction = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(seed);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double max = 0;
        double sum = 0;
        long count = 0;
        int batch = 64;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnxBytes, options)) {
                for (int done = 0; done < inputs; done += batch) {
                    int n = Math.min(batch, inputs - done);
                    float[] ts = new float[n * t * f];
                    float[] dense = new float[n * d];
                    for (int k = 0; k < n; k++) {
                        for (int i = 0; i < t * f; i++) {
                            ts[k * t * f + i] = draw(random, tsMean[i % f], tsStd[i % f]);
                        }
                        for (int i = 0; i < d; i++) {
                            dense[k * d + i] = draw(random, denseMean[i], denseStd[i]);
                        }
                        if (random.nextInt(20) == 0) {
                            float bad = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[
                                    random.nextInt(3)];
                            int at = random.nextInt(t * f + d);
                            if (at < t * f) {
                                ts[k * t * f + at] = bad;
                            } else {
                                dense[k * d + at - t * f] = bad;
                            }
                        }
                    }
                    try (OnnxTensor tsTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(ts), new long[] {n, t, f});
                         OnnxTensor denseTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(dense),
                                 new long[] {n, d});
                         OrtSession.Result result = session.run(Map.of(LstmOnnxExporter.TS_INPUT, tsTensor,
                                 LstmOnnxExporter.DENSE_INPUT, denseTensor))) {
                        for (int k = 0; k < n; k++) {
                            float[] window = java.util.Arrays.copyOfRange(ts, k * t * f, (k + 1) * t * f);
                            float[] denseRow = java.util.Arrays.copyOfRange(dense, k * d, (k + 1) * d);
                            classifier.predict(window, denseRow, prediction);
                            for (int h = 0; h < arch.heads().size(); h++) {
                                HeadSpec head = arch.heads().get(h);
                                float[][] onnx = (float[][]) result.get(head.name()).orElseThrow().getValue();
                                for (int c = 0; c < head.classCount(); c++) {
                                    double diff = Math.abs(onnx[k][c] - prediction.probability(h, c));
                                    max = Math.max(max, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
                                    sum += diff;
                                    count++;
                                }
                            }
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new PeerException("ONNX Runtime cannot run the exported graph: " + e.getMessage(), e);
        }
        return new Result(inputs, max, count == 0 ? 0 : sum / count);
    }

    private static float draw(SplittableRandom random, float mean, float std) {
        return (float) (mean + std * 3 * nextGaussian(random));
    }

    private static double nextGaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
