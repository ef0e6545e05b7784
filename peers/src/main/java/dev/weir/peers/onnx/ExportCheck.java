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
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Runs an exported graph in ONNX Runtime and the artifact in the pure-Java runtime on the same
 * seeded random calls and reports the largest difference of any head probability. Each input is
 * a short call: its steps go through the graph in two chunks, the second starting from the state
 * the first returned, with a decision after each chunk, and through the Java classifier step by
 * step (so the carried state is compared as well). Raw features are drawn around each feature's
 * centre in its transformed space (normal, 3 scales wide) and mapped back to raw values, and one
 * call in 20 carries a NaN or an infinity in one value, so the in-graph normalisation's rules are
 * exercised too.
 *
 * <p>Stateless; thread-safe.
 */
public final class ExportCheck {
    /** Largest difference of any probability accepted as agreement. */
    public static final double TOLERANCE = 1e-5;
    /** Steps of the first and of the second chunk of every checked call. */
    static final int FIRST_STEPS = 7;
    static final int SECOND_STEPS = 5;

    /**
     * What the check found.
     *
     * @param inputs calls compared (two decisions each)
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
     * {@code inputs} calls drawn from {@code seed}, run in batches.
     *
     * @throws PeerException when ONNX Runtime cannot load or run the graph
     */
    public static Result compare(ModelArtifact artifact, byte[] onnxBytes, int inputs, long seed) {
        ModelArchitecture arch = artifact.architecture();
        int t = FIRST_STEPS + SECOND_STEPS;
        int f = arch.tsFeatures();
        int d = arch.denseFeatures();
        int units = arch.lstmUnits();
        Normalisation norm = artifact.normalisation();
        LstmClassifier classifier = new LstmClassifier(artifact);
        Prediction prediction = classifier.newPrediction();
        SplittableRandom random = new SplittableRandom(seed);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        double[] stats = new double[3]; // max, sum, count
        int batch = 64;
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(onnxBytes, options)) {
                for (int done = 0; done < inputs; done += batch) {
                    int n = Math.min(batch, inputs - done);
                    float[] ts = new float[n * t * f];
                    float[] dense = new float[n * 2 * d];
                    for (int k = 0; k < n; k++) {
                        for (int i = 0; i < t * f; i++) {
                            int feature = i % f;
                            ts[k * t * f + i] = draw(random, norm.tsTransform()[feature], norm.tsCentre()[feature],
                                    norm.tsScale()[feature]);
                        }
                        for (int i = 0; i < 2 * d; i++) {
                            int feature = i % d;
                            dense[k * 2 * d + i] = draw(random, norm.denseTransform()[feature],
                                    norm.denseCentre()[feature], norm.denseScale()[feature]);
                        }
                        if (random.nextInt(20) == 0) {
                            float bad = new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}[
                                    random.nextInt(3)];
                            int at = random.nextInt(t * f + 2 * d);
                            if (at < t * f) {
                                ts[k * t * f + at] = bad;
                            } else {
                                dense[k * 2 * d + at - t * f] = bad;
                            }
                        }
                    }
                    float[][][] java = new float[2][][];
                    java[0] = javaDecisions(classifier, prediction, arch, ts, dense, n, 0, FIRST_STEPS, true);
                    java[1] = javaDecisions(classifier, prediction, arch, ts, dense, n, FIRST_STEPS, SECOND_STEPS,
                            false);
                    float[] h = new float[n * units];
                    float[] c = new float[n * units];
                    for (int chunk = 0; chunk < 2; chunk++) {
                        int from = chunk == 0 ? 0 : FIRST_STEPS;
                        int steps = chunk == 0 ? FIRST_STEPS : SECOND_STEPS;
                        float[] chunkTs = new float[n * steps * f];
                        float[] chunkDense = new float[n * d];
                        for (int k = 0; k < n; k++) {
                            System.arraycopy(ts, (k * t + from) * f, chunkTs, k * steps * f, steps * f);
                            System.arraycopy(dense, (k * 2 + chunk) * d, chunkDense, k * d, d);
                        }
                        try (OnnxTensor tsTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chunkTs),
                                     new long[] {n, steps, f});
                             OnnxTensor denseTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(chunkDense),
                                     new long[] {n, d});
                             OnnxTensor hTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(h),
                                     new long[] {1, n, units});
                             OnnxTensor cTensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(c),
                                     new long[] {1, n, units});
                             OrtSession.Result result = session.run(Map.of(LstmOnnxExporter.TS_INPUT, tsTensor,
                                     LstmOnnxExporter.DENSE_INPUT, denseTensor, LstmOnnxExporter.H_INPUT, hTensor,
                                     LstmOnnxExporter.C_INPUT, cTensor))) {
                            for (int head = 0; head < arch.heads().size(); head++) {
                                HeadSpec spec = arch.heads().get(head);
                                float[][] onnx = (float[][]) result.get(spec.name()).orElseThrow().getValue();
                                for (int k = 0; k < n; k++) {
                                    for (int cls = 0; cls < spec.classCount(); cls++) {
                                        add(stats, onnx[k][cls] - java[chunk][k][offset(arch, head) + cls]);
                                    }
                                }
                            }
                            h = flatten((float[][][]) result.get(LstmOnnxExporter.H_OUTPUT).orElseThrow().getValue());
                            c = flatten((float[][][]) result.get(LstmOnnxExporter.C_OUTPUT).orElseThrow().getValue());
                        }
                    }
                }
            }
        } catch (OrtException e) {
            throw new PeerException("ONNX Runtime cannot run the exported graph: " + e.getMessage(), e);
        }
        return new Result(inputs, stats[0], stats[2] == 0 ? 0 : stats[1] / stats[2]);
    }

    /**
     * The Java runtime's probabilities (heads concatenated) per call of the batch after advancing
     * {@code steps} steps from {@code from} (from a reset state when {@code reset}, else from the
     * state the call's previous chunk left, replayed here since one classifier serves every call).
     */
    private static float[][] javaDecisions(LstmClassifier classifier, Prediction prediction, ModelArchitecture arch,
                                           float[] ts, float[] dense, int n, int from, int steps, boolean reset) {
        int f = arch.tsFeatures();
        int d = arch.denseFeatures();
        int t = FIRST_STEPS + SECOND_STEPS;
        float[][] out = new float[n][offset(arch, arch.heads().size())];
        for (int k = 0; k < n; k++) {
            classifier.reset();
            for (int step = 0; step < from + steps; step++) {
                classifier.advance(ts, (k * t + step) * f);
            }
            float[] denseRow = Arrays.copyOfRange(dense, (k * 2 + (reset ? 0 : 1)) * d, (k * 2 + (reset ? 1 : 2)) * d);
            classifier.predict(denseRow, prediction);
            for (int head = 0; head < arch.heads().size(); head++) {
                for (int cls = 0; cls < arch.heads().get(head).classCount(); cls++) {
                    out[k][offset(arch, head) + cls] = prediction.probability(head, cls);
                }
            }
        }
        return out;
    }

    private static int offset(ModelArchitecture arch, int head) {
        int offset = 0;
        for (int h = 0; h < head; h++) {
            offset += arch.heads().get(h).classCount();
        }
        return offset;
    }

    private static void add(double[] stats, double difference) {
        double diff = Math.abs(difference);
        stats[0] = Math.max(stats[0], Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
        stats[1] += diff;
        stats[2]++;
    }

    private static float[] flatten(float[][][] state) {
        int n = state[0].length;
        int units = state[0][0].length;
        float[] flat = new float[n * units];
        for (int k = 0; k < n; k++) {
            System.arraycopy(state[0][k], 0, flat, k * units, units);
        }
        return flat;
    }

    /** A raw value whose transformed value is normal around {@code centre}, 3 scales wide. */
    private static float draw(SplittableRandom random, Normalisation.Transform transform, float centre, float scale) {
        double value = centre + scale * 3 * nextGaussian(random);
        if (transform == Normalisation.Transform.SIGNED_LOG1P) {
            value = Math.signum(value) * Math.expm1(Math.min(Math.abs(value), 40));
        }
        return (float) value;
    }

    private static double nextGaussian(SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        double u = 1.0 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
