/*
 * Operators as specified in the ONNX operator reference (github.com/onnx/onnx, docs/Operators.md,
 * opset 14): LSTM (gate order i, o, f, c; W [1, 4H, F], R [1, 4H, H], B [1, 8H]; initial_h and
 * initial_c inputs, Y_h and Y_c outputs), Transpose, Reshape, Abs, Log, Sign, Mul, Sub, Div, IsNaN,
 * IsInf, Or, Where, Clip, MatMul, Add, Relu, Concat, Softmax.
 */
package dev.weir.peers.onnx;

import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.bwe.signal.FeatureSchema;
import java.util.List;

/**
 * weir's streaming classifier ({@link dev.weir.bwe.model.LstmClassifier}) as an ONNX graph, so ML
 * users can open it in Netron or run it from Python. The graph takes RAW features, like the Java
 * runtime, and carries the LSTM state in and out, as the runtime does from step to step:
 * <ul>
 *   <li>inputs {@code ts_steps} float32 [batch, steps, tsFeatures] (the signal steps since the
 *       state given, oldest first, columns in the feature schema's order), {@code dense} float32
 *       [batch, denseFeatures] (the decision's dense vector), {@code lstm_h_in} and
 *       {@code lstm_c_in} float32 [1, batch, lstmUnits] (zeros at a call's start);</li>
 *   <li>normalisation inside, exactly the runtime's rule: the per-feature transform (identity or
 *       signed {@code log1p}), then {@code (value - centre) / scale}; a non-finite raw value
 *       becomes 0 (the centre); results clipped to +-{@link Normalisation#MAX_NORMALISED};</li>
 *   <li>ONNX {@code LSTM} over the normalised steps from the given state (weir's gate blocks a, f,
 *       o, i reordered to ONNX's i, o, f, c; bias in Wb, Rb zero), last hidden state;
 *       {@code relu(dense W + b)}; concatenation (LSTM first); {@code relu(merged W + b)};</li>
 *   <li>one output per head, named after it: float32 [batch, classes], the calibrated softmax
 *       {@code softmax(logits / T + bias)}; and {@code lstm_h_out}, {@code lstm_c_out} [1, batch,
 *       lstmUnits], the state after the last step (the next call's {@code lstm_*_in}).</li>
 * </ul>
 * Feature names, head classes, the artifact's SHA-256, the feature schema's digest and the step
 * length are in the model's metadata and doc string.
 *
 * <p>Stateless; thread-safe.
 */
public final class LstmOnnxExporter {
    /** ONNX opset the graph is written for (Softmax over one axis needs 13; Clip with inputs 11). */
    public static final long OPSET = 14;
    public static final String TS_INPUT = "ts_steps";
    public static final String DENSE_INPUT = "dense";
    public static final String H_INPUT = "lstm_h_in";
    public static final String C_INPUT = "lstm_c_in";
    public static final String H_OUTPUT = "lstm_h_out";
    public static final String C_OUTPUT = "lstm_c_out";

    private LstmOnnxExporter() {
    }

    /** The ONNX model bytes of {@code artifact}. */
    public static byte[] export(ModelArtifact artifact) {
        ModelArchitecture arch = artifact.architecture();
        FeatureSchema schema = artifact.featureSchema();
        Normalisation norm = artifact.normalisation();
        int f = arch.tsFeatures();
        int h = arch.lstmUnits();
        int d = arch.denseFeatures();
        int u = arch.denseUnits();
        int m = arch.mergeUnits();

        StringBuilder doc = new StringBuilder("weir streaming multi-task classifier ").append(artifact.fileName())
                .append(": LSTM(").append(h).append(") over steps of ").append(schema.stepMs()).append(" ms x ")
                .append(f).append(" raw time-series features, state in and out; Dense(").append(u)
                .append(", relu) over ").append(d).append(" raw dense features; Dense(").append(m)
                .append(", relu); calibrated softmax heads. Normalisation is inside the graph: feed raw features.");
        OnnxGraphBuilder g = new OnnxGraphBuilder("weir_classifier", OPSET).doc(doc.toString())
                .metadata("weir.model_sha256", artifact.sha256())
                .metadata("weir.step_ms", Integer.toString(schema.stepMs()))
                .metadata("weir.schema_version", Integer.toString(schema.schemaVersion()))
                .metadata("weir.feature_schema_digest", artifact.featureSchemaDigest())
                .metadata("weir.ts_features", String.join(",", schema.tsFeatureNames()))
                .metadata("weir.dense_features", String.join(",", schema.denseInputNames()))
                .input(TS_INPUT, "batch", "steps", (long) f)
                .input(DENSE_INPUT, "batch", (long) d)
                .input(H_INPUT, 1L, "batch", (long) h)
                .input(C_INPUT, 1L, "batch", (long) h);
        List<HeadSpec> heads = arch.heads();
        for (HeadSpec head : heads) {
            g.metadata("weir.head." + head.name(), String.join(",", head.classes()));
            g.output(head.name(), "batch", (long) head.classCount());
        }
        g.output(H_OUTPUT, 1L, "batch", (long) h).output(C_OUTPUT, 1L, "batch", (long) h);

        // Normalisation, the runtime's Normalisation: transform, (value - centre) / scale, non-finite raw -> 0, clip.
        g.floats("ts_log", logMask(norm.tsTransform()), f).floats("ts_centre", norm.tsCentre(), f)
                .floats("ts_scale", norm.tsScale(), f)
                .floats("dense_log", logMask(norm.denseTransform()), d).floats("dense_centre", norm.denseCentre(), d)
                .floats("dense_scale", norm.denseScale(), d)
                .floats("zero", new float[] {0f}).floats("one", new float[] {1f})
                .floats("norm_min", new float[] {-Normalisation.MAX_NORMALISED})
                .floats("norm_max", new float[] {Normalisation.MAX_NORMALISED});
        normalise(g, TS_INPUT, "ts_log", "ts_centre", "ts_scale", "ts_norm");
        normalise(g, DENSE_INPUT, "dense_log", "dense_centre", "dense_scale", "dense_norm");

        // LSTM: X [steps, batch, F].
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
        g.node("LSTM", new String[] {"lstm_x", "lstm_W", "lstm_R", "lstm_B", "", H_INPUT, C_INPUT},
                new String[] {"", H_OUTPUT, C_OUTPUT}, "hidden_size", (long) h);
        g.longs("last_shape", new long[] {-1, h}, 2);
        g.node("Reshape", new String[] {H_OUTPUT, "last_shape"}, new String[] {"lstm_last"});

        dense(g, "dense_norm", ModelArchitecture.DENSE_WEIGHTS, ModelArchitecture.DENSE_BIAS, artifact, d, u, "dense_out");
        g.node("Concat", new String[] {"lstm_last", "dense_out"}, new String[] {"merged"}, "axis", 1L);
        dense(g, "merged", ModelArchitecture.MERGE_WEIGHTS, ModelArchitecture.MERGE_BIAS, artifact, h + u, m,
                "merge_out");
        List<Calibration> calibration = artifact.calibration();
        for (int k = 0; k < heads.size(); k++) {
            HeadSpec head = heads.get(k);
            String name = head.name();
            Calibration cal = calibration.get(k);
            g.floats("W_" + name, artifact.tensor(ModelArchitecture.headWeights(name)), m, head.classCount())
                    .floats("b_" + name, artifact.tensor(ModelArchitecture.headBias(name)), head.classCount())
                    .floats("inv_t_" + name, new float[] {1f / cal.temperature()})
                    .floats("cal_b_" + name, cal.bias(), head.classCount());
            g.node("MatMul", new String[] {"merge_out", "W_" + name}, new String[] {name + "_mm"});
            g.node("Add", new String[] {name + "_mm", "b_" + name}, new String[] {name + "_logits"});
            g.node("Mul", new String[] {name + "_logits", "inv_t_" + name}, new String[] {name + "_tempered"});
            g.node("Add", new String[] {name + "_tempered", "cal_b_" + name}, new String[] {name + "_calibrated"});
            g.node("Softmax", new String[] {name + "_calibrated"}, new String[] {name}, "axis", -1L);
        }
        return g.toBytes();
    }

    /** 1 where a feature is transformed by signed log1p, 0 where it is used as it is. */
    private static float[] logMask(Normalisation.Transform[] transforms) {
        float[] mask = new float[transforms.length];
        for (int i = 0; i < transforms.length; i++) {
            mask[i] = transforms[i] == Normalisation.Transform.SIGNED_LOG1P ? 1f : 0f;
        }
        return mask;
    }

    /**
     * {@code clip(finite(raw) ? (transform(raw) - centre) / scale : 0)} with {@code transform(x) =
     * (1 - log) x + log sign(x) ln(1 + |x|)}: the mask picks one of the two exactly (a non-finite
     * raw value, whose products may be NaN, is replaced by 0 afterwards).
     */
    private static void normalise(OnnxGraphBuilder g, String raw, String log, String centre, String scale, String out) {
        g.node("Abs", new String[] {raw}, new String[] {out + "_abs"});
        g.node("Add", new String[] {out + "_abs", "one"}, new String[] {out + "_abs1"});
        g.node("Log", new String[] {out + "_abs1"}, new String[] {out + "_ln"});
        g.node("Sign", new String[] {raw}, new String[] {out + "_sign"});
        g.node("Mul", new String[] {out + "_sign", out + "_ln"}, new String[] {out + "_slog"});
        g.node("Mul", new String[] {out + "_slog", log}, new String[] {out + "_slog_part"});
        g.node("Sub", new String[] {"one", log}, new String[] {out + "_linear_mask"});
        g.node("Mul", new String[] {raw, out + "_linear_mask"}, new String[] {out + "_linear_part"});
        g.node("Add", new String[] {out + "_linear_part", out + "_slog_part"}, new String[] {out + "_transformed"});
        g.node("Sub", new String[] {out + "_transformed", centre}, new String[] {out + "_centred"});
        g.node("Div", new String[] {out + "_centred", scale}, new String[] {out + "_scaled"});
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
