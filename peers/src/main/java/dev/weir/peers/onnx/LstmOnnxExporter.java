/*
 * Operators as specified in the ONNX operator reference (github.com/onnx/onnx, docs/Operators.md,
 * opset 14): LSTM (gate order i, o, f, c; W [1, 4H, F], R [1, 4H, H], B [1, 8H]), Transpose,
 * Reshape, Sub, Div, IsNaN, IsInf, Or, Where, Clip, MatMul, Add, Relu, Concat, Softmax.
 */
package dev.weir.peers.onnx;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.signal.FeatureSchema;
import java.util.List;

/**
 * weir's classifier ({@link dev.weir.bwe.model.LstmClassifier}) as an ONNX graph, so ML users can
 * open it in Netron or run it from Python. The graph takes RAW features, like the Java runtime:
 * <ul>
 *   <li>inputs {@code ts_window} float32 [batch, tsSteps, tsFeatures] (oldest step first, columns in
 *       the feature schema's order) and {@code dense} float32 [batch, denseFeatures];</li>
 *   <li>normalisation inside: {@code (raw - mean) / std}, a non-finite raw value becomes 0 (the
 *       training mean), results clipped to +-{@link Normalisation#MAX_NORMALISED}, exactly the
 *       runtime's rule;</li>
 *   <li>ONNX {@code LSTM} over the normalised window (weir's gate blocks a, f, o, i reordered to
 *       ONNX's i, o, f, c; bias in Wb, Rb zero; zero initial state), last hidden state;
 *       {@code relu(dense W + b)}; concatenation (LSTM first); {@code relu(merged W + b)};</li>
 *   <li>one output per head, named after it: float32 [batch, classes], softmax probabilities.</li>
 * </ul>
 * Feature names, head classes, the artifact's SHA-256, the feature schema's digest and the step
 * length are in the model's metadata and doc string.
 *
 * <p>Stateless; thread-safe.
 */
public final class LstmOnnxExporter {
    /** ONNX opset the graph is written for (Softmax over one axis needs 13; Clip with inputs 11). */
    public static final long OPSET = 14;
    public static final String TS_INPUT = "ts_window";
    public static final String DENSE_INPUT = "dense";

    private LstmOnnxExporter() {
    }

    /** The ONNX model bytes of {@code artifact}. */
    public static byte[] export(ModelArtifact artifact) {
        ModelArchitecture arch = artifact.architecture();
        FeatureSchema schema = artifact.featureSchema();
        Normalisation norm = artifact.normalisation();
        int t = arch.tsSteps();
        int f = arch.tsFeatures();
        int h = arch.lstmUnits();
        int d = arch.denseFeatures();
        int u = arch.denseUnits();
        int m = arch.mergeUnits();

        StringBuilder doc = new StringBuilder("weir multi-task classifier ").append(artifact.fileName())
                .append(": LSTM(").append(h).append(") over ").append(t).append(" steps of ")
                .append(schema.stepMs()).append(" ms x ").append(f).append(" raw time-series features; Dense(")
                .append(u).append(", relu) over ").append(d).append(" raw dense features; Dense(").append(m)
                .append(", relu); softmax heads. Normalisation is inside the graph: feed raw features.");
        OnnxGraphBuilder g = new OnnxGraphBuilder("weir_classifier", OPSET).doc(doc.toString())
                .metadata("weir.model_sha256", artifact.sha256())
                .metadata("weir.step_ms", Integer.toString(schema.stepMs()))
                .metadata("weir.schema_version", Integer.toString(schema.schemaVersion()))
                .metadata("weir.feature_schema_digest", artifact.featureSchemaDigest())
                .metadata("weir.ts_features", String.join(",", schema.tsFeatureNames()))
                .metadata("weir.dense_features", String.join(",", schema.denseInputNames()))
                .input(TS_INPUT, "batch", (long) t, (long) f)
                .input(DENSE_INPUT, "batch", (long) d);
        for (HeadSpec head : arch.heads()) {
            g.metadata("weir.head." + head.name(), String.join(",", head.classes()));
            g.output(head.name(), "batch", (long) head.classCount());
        }

        // Normalisation, the runtime's Normalisation.standardise: (raw - mean) / std, non-finite raw -> 0, clip.
        g.floats("ts_mean", norm.tsMean(), f).floats("ts_std", norm.tsStd(), f)
                .floats("dense_mean", norm.denseMean(), d).floats("dense_std", norm.denseStd(), d)
                .floats("zero", new float[] {0f}).floats("norm_min", new float[] {-Normalisation.MAX_NORMALISED})
                .floats("norm_max", new float[] {Normalisation.MAX_NORMALISED});
        normalise(g, TS_INPUT, "ts_mean", "ts_std", "ts_norm");
        normalise(g, DENSE_INPUT, "dense_mean", "dense_std", "dense_norm");

        // LSTM: X [T, batch, F].
        g.node("Transpose", new String[] {"ts_norm"}, new String[] {"lstm_x"}, "perm", new long[] {1, 0, 2});
        float[] wIn = artifact.tensor(ModelArchitecture.LSTM_INPUT_WEIGHTS); // [F, 4H] blocks a f o i
        float[] wRec = artifact.tensor(ModelArchitecture.LSTM_RECURRENT_WEIGHTS); // [H, 4H]
        float[] bias = artifact.tensor(ModelArchitecture.LSTM_BIAS); // [4H]
        // ONNX block k (i, o, f, c) takes weir block WEIR_BLOCK[k] (a = 0, f = 1, o = 2, i = 3).
        int[] weirBlock = {3, 2, 1, 0};
        float[] w = new float[4 * h * f];
        float[] r = new float[4 * h * h];
        float[] b = new float[8 * h];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < h; j++) {
                int weirColumn = weirBlock[k] * h + j;
                int onnxRow = k * h + j;
                for (int i = 0; i < f; i++) {
                    w[onnxRow * f + i] = wIn[i * 4 * h + weirColumn];
                }
                for (int i = 0; i < h; i++) {
                    r[onnxRow * h + i] = wRec[i * 4 * h + weirColumn];
                }
                b[onnxRow] = bias[weirColumn];
            }
        }
        g.floats("lstm_W", w, 1, 4L * h, f).floats("lstm_R", r, 1, 4L * h, h).floats("lstm_B", b, 1, 8L * h);
        g.node("LSTM", new String[] {"lstm_x", "lstm_W", "lstm_R", "lstm_B"}, new String[] {"", "lstm_h"},
                "hidden_size", (long) h);
        g.longs("last_shape", new long[] {-1, h}, 2);
        g.node("Reshape", new String[] {"lstm_h", "last_shape"}, new String[] {"lstm_last"});

        dense(g, "dense_norm", ModelArchitecture.DENSE_WEIGHTS, ModelArchitecture.DENSE_BIAS, artifact, d, u, "dense_out");
        g.node("Concat", new String[] {"lstm_last", "dense_out"}, new String[] {"merged"}, "axis", 1L);
        dense(g, "merged", ModelArchitecture.MERGE_WEIGHTS, ModelArchitecture.MERGE_BIAS, artifact, h + u, m,
                "merge_out");
        List<HeadSpec> heads = arch.heads();
        for (HeadSpec head : heads) {
            String name = head.name();
            g.floats("W_" + name, artifact.tensor(ModelArchitecture.headWeights(name)), m, head.classCount())
                    .floats("b_" + name, artifact.tensor(ModelArchitecture.headBias(name)), head.classCount());
            g.node("MatMul", new String[] {"merge_out", "W_" + name}, new String[] {name + "_mm"});
            g.node("Add", new String[] {name + "_mm", "b_" + name}, new String[] {name + "_logits"});
            g.node("Softmax", new String[] {name + "_logits"}, new String[] {name}, "axis", -1L);
        }
        return g.toBytes();
    }

    private static void normalise(OnnxGraphBuilder g, String raw, String mean, String std, String out) {
        g.node("Sub", new String[] {raw, mean}, new String[] {out + "_centred"});
        g.node("Div", new String[] {out + "_centred", std}, new String[] {out + "_scaled"});
        g.node("IsNaN", new String[] {raw}, new String[] {out + "_nan"});
        g.node("IsInf", new String[] {raw}, new String[] {out + "_inf"});
        g.node("Or", new String[] {out + "_nan", out + "_inf"}, new String[] {out + "_bad"});
        g.node("Where", new String[] {out + "_bad", "zero", out + "_scaled"}, new String[] {out + "_finite"});
        g.node("Clip", new String[] {out + "_finite", "norm_min", "norm_max"}, new String[] {out});
    }

    private static void dense(OnnxGraphBuilder g, String in, String weights, String bias, ModelArtifact artifact,
                              int inCount, int outCount, String out) {
        g.floats(weights, artifact.tensor(weights), inCount, outCount).floats(bias, artifact.tensor(bias), outCount);
        g.node("MatMul", new String[] {in, weights}, new String[] {out + "_mm"});
        g.node("Add", new String[] {out + "_mm", bias}, new String[] {out + "_pre"});
        g.node("Relu", new String[] {out + "_pre"}, new String[] {out});
    }
}
