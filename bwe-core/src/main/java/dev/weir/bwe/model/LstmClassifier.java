package dev.weir.bwe.model;

import dev.weir.bwe.signal.FeatureSchema;
import java.util.Arrays;
import java.util.List;

/**
 * Forward pass of the multi-task classifier described by a {@link ModelArtifact}, in plain float
 * arithmetic with preallocated buffers: no allocation per inference.
 *
 * <p>Sources: LSTM with forget gate (Hochreiter and Schmidhuber 1997, "Long Short-Term Memory";
 * Gers, Schmidhuber and Cummins 2000, "Learning to Forget") in Deeplearning4j 1.0.0-M2.1's
 * {@code LSTMHelpers} formulation, whose weight layout was verified against its outputs
 * (ArtifactExporterTest in the models module); network shape in docs/ml.md.
 *
 * <p>Network (see {@link ModelArchitecture}): LSTM over the normalised window, last hidden state
 * kept; {@code relu(dense W + b)} on the normalised dense vector; both concatenated (LSTM first);
 * {@code relu(merged W + b)}; per head {@code softmax(m W + b)}. The LSTM follows Deeplearning4j's
 * {@code LSTM} layer (gate blocks a, f, o, i; no peepholes; zero initial state):
 * {@code z = x_t W + h_{t-1} RW + b}, {@code c_t = f c_{t-1} + i a}, {@code h_t = o tanh(c_t)}, with
 * {@code a = tanh}, {@code f, o, i = sigmoid}. Input and recurrent weights are fused into one
 * {@code [F + H, 4H]} matrix so each step is one pass over {@code [x_t; h_{t-1}]}.
 *
 * <p>Inputs are RAW features: the classifier applies the artifact's normalisation itself (through
 * {@link Normalisation}, the same code training uses), so callers cannot forget it or apply a
 * stale one. At run time the path is {@code SignalRecorder -> ModelInput -> predict ->
 * Prediction}, allocation-free, and a model trained for another {@link FeatureSchema} is refused
 * when the classifier is built ({@link #LstmClassifier(ModelArtifact, FeatureSchema)}).
 *
 * <p>Not thread-safe: one instance per estimator. The artifact it was built from is shareable.
 */
public final class LstmClassifier {
    private final ModelArtifact artifact;
    private final String schemaDigest;
    private final ModelArchitecture arch;
    private final Normalisation normalisation;
    private final int steps;
    private final int tsFeatures;
    private final int units;
    private final int gates;
    private final int denseFeatures;
    private final int denseUnits;
    private final int mergeUnits;
    private final int[] headClasses;

    /** Fused LSTM weights {@code [tsFeatures + units, 4 units]}: rows of W, then rows of RW. */
    private final float[] lstmWeights;
    private final float[] lstmBias;
    private final float[] denseWeights;
    private final float[] denseBias;
    private final float[] mergeWeights;
    private final float[] mergeBias;
    private final float[][] headWeights;
    private final float[][] headBias;

    /** {@code [x_t; h_{t-1}]}: the step's normalised input, then the hidden state. */
    private final float[] stepInput;
    private final float[] cell;
    private final float[] preActivation;
    private final float[] denseInput;
    /** LSTM output then dense output: the merge layer's input. */
    private final float[] merged;
    private final float[] mergeOutput;

    /**
     * A classifier for a runtime whose inputs follow {@code runtimeSchema}.
     *
     * @throws ModelFormatException naming both digests when the model was built for another schema
     */
    public LstmClassifier(ModelArtifact artifact, FeatureSchema runtimeSchema) {
        this(checked(artifact, runtimeSchema));
    }

    /** Builds the classifier for the model's own feature schema, copying and fusing its weights. */
    public LstmClassifier(ModelArtifact artifact) {
        this.artifact = artifact;
        this.schemaDigest = artifact.featureSchemaDigest();
        this.arch = artifact.architecture();
        this.normalisation = artifact.normalisation();
        this.steps = arch.tsSteps();
        this.tsFeatures = arch.tsFeatures();
        this.units = arch.lstmUnits();
        this.gates = 4 * units;
        this.denseFeatures = arch.denseFeatures();
        this.denseUnits = arch.denseUnits();
        this.mergeUnits = arch.mergeUnits();

        float[] inputWeights = artifact.tensor(ModelArchitecture.LSTM_INPUT_WEIGHTS);
        float[] recurrentWeights = artifact.tensor(ModelArchitecture.LSTM_RECURRENT_WEIGHTS);
        this.lstmWeights = new float[(tsFeatures + units) * gates];
        System.arraycopy(inputWeights, 0, lstmWeights, 0, inputWeights.length);
        System.arraycopy(recurrentWeights, 0, lstmWeights, inputWeights.length, recurrentWeights.length);
        this.lstmBias = artifact.tensor(ModelArchitecture.LSTM_BIAS);
        this.denseWeights = artifact.tensor(ModelArchitecture.DENSE_WEIGHTS);
        this.denseBias = artifact.tensor(ModelArchitecture.DENSE_BIAS);
        this.mergeWeights = artifact.tensor(ModelArchitecture.MERGE_WEIGHTS);
        this.mergeBias = artifact.tensor(ModelArchitecture.MERGE_BIAS);
        List<HeadSpec> heads = arch.heads();
        this.headClasses = new int[heads.size()];
        this.headWeights = new float[heads.size()][];
        this.headBias = new float[heads.size()][];
        for (int h = 0; h < heads.size(); h++) {
            headClasses[h] = heads.get(h).classCount();
            headWeights[h] = artifact.tensor(ModelArchitecture.headWeights(heads.get(h).name()));
            headBias[h] = artifact.tensor(ModelArchitecture.headBias(heads.get(h).name()));
        }

        this.stepInput = new float[tsFeatures + units];
        this.cell = new float[units];
        this.preActivation = new float[gates];
        this.denseInput = new float[denseFeatures];
        this.merged = new float[units + denseUnits];
        this.mergeOutput = new float[mergeUnits];
    }

    /** The artifact this classifier runs. */
    public ModelArtifact artifact() {
        return artifact;
    }

    /** An input of this model's feature schema (one a {@code SignalRecorder} produces); allocate once. */
    public ModelInput newInput() {
        return new ModelInput(artifact.featureSchema());
    }

    /** A prediction shaped for this model's heads; allocate once and reuse. */
    public Prediction newPrediction() {
        return new Prediction(arch);
    }

    /**
     * Classifies a filled {@link ModelInput}. Allocates nothing.
     *
     * @throws IllegalArgumentException when the input follows another feature schema than the
     *                                  model, was never filled, or {@code out}'s heads differ
     */
    public void predict(ModelInput input, Prediction out) {
        if (!input.schemaDigest().equals(schemaDigest)) {
            throw new IllegalArgumentException("input of feature schema " + input.schemaDigest()
                    + " for a model of schema " + schemaDigest);
        }
        if (!input.isFilled()) {
            throw new IllegalArgumentException("the input was never filled (fill it from a SignalRecorder first)");
        }
        predict(input.timeSeries(), input.dense(), out);
    }

    /**
     * Classifies one window. Allocates nothing.
     *
     * @param tsWindow RAW time-series features, row-major {@code [tsSteps][tsFeatures]}, oldest step
     *                 first, columns in {@link FeatureSchema#tsFeatures()} order
     * @param dense    RAW dense features in {@link FeatureSchema#denseInputNames()} order
     * @param out      receives every head's class probabilities
     * @throws IllegalArgumentException when an array's length or {@code out}'s heads do not fit the
     *                                  model (a wiring error, not bad data)
     */
    public void predict(float[] tsWindow, float[] dense, Prediction out) {
        if (tsWindow.length != steps * tsFeatures || dense.length != denseFeatures || !out.fits(arch)) {
            throw new IllegalArgumentException("inputs do not fit the model: window " + tsWindow.length
                    + " values (needs " + steps * tsFeatures + "), dense " + dense.length + " (needs "
                    + denseFeatures + "), or the prediction's heads differ");
        }
        runLstm(tsWindow);
        System.arraycopy(stepInput, tsFeatures, merged, 0, units);
        for (int i = 0; i < denseFeatures; i++) {
            denseInput[i] = normalisation.normaliseDense(i, dense[i]);
        }
        affine(denseInput, denseFeatures, denseWeights, denseBias, denseUnits, merged, units);
        relu(merged, units, denseUnits);
        affine(merged, units + denseUnits, mergeWeights, mergeBias, mergeUnits, mergeOutput, 0);
        relu(mergeOutput, 0, mergeUnits);
        float[] probabilities = out.values();
        boolean finite = true;
        for (int h = 0; h < headClasses.length; h++) {
            int offset = out.offset(h);
            affine(mergeOutput, mergeUnits, headWeights[h], headBias[h], headClasses[h], probabilities, offset);
            for (int i = offset; i < offset + headClasses[h]; i++) {
                finite &= Float.isFinite(probabilities[i]);
            }
            softmax(probabilities, offset, headClasses[h]);
        }
        out.finite(finite);
    }

    private static ModelArtifact checked(ModelArtifact artifact, FeatureSchema runtimeSchema) {
        artifact.requireSchema(runtimeSchema);
        return artifact;
    }

    private void runLstm(float[] tsWindow) {
        Arrays.fill(stepInput, tsFeatures, tsFeatures + units, 0f);
        Arrays.fill(cell, 0f);
        int inputs = tsFeatures + units;
        for (int t = 0; t < steps; t++) {
            int row = t * tsFeatures;
            for (int f = 0; f < tsFeatures; f++) {
                stepInput[f] = normalisation.normaliseTs(f, tsWindow[row + f]);
            }
            affine(stepInput, inputs, lstmWeights, lstmBias, gates, preActivation, 0);
            for (int j = 0; j < units; j++) {
                float blockInput = tanh(preActivation[j]);
                float forget = sigmoid(preActivation[units + j]);
                float output = sigmoid(preActivation[2 * units + j]);
                float input = sigmoid(preActivation[3 * units + j]);
                float c = forget * cell[j] + input * blockInput;
                cell[j] = c;
                stepInput[tsFeatures + j] = output * tanh(c);
            }
        }
    }

    /**
     * {@code out[outOffset + j] = bias[j] + sum_k in[k] W[k][j]} for row-major {@code W [inCount, outCount]};
     * the inner loop runs along a contiguous row so the JIT can vectorise it.
     */
    private static void affine(float[] in, int inCount, float[] weights, float[] bias, int outCount, float[] out,
            int outOffset) {
        System.arraycopy(bias, 0, out, outOffset, outCount);
        for (int k = 0; k < inCount; k++) {
            float x = in[k];
            int row = k * outCount;
            for (int j = 0; j < outCount; j++) {
                out[outOffset + j] += x * weights[row + j];
            }
        }
    }

    /** In-place ReLU; also turns NaN into 0. */
    private static void relu(float[] values, int from, int count) {
        for (int i = from; i < from + count; i++) {
            values[i] = values[i] > 0f ? values[i] : 0f;
        }
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    /**
     * tanh through {@code Math.exp}, which the JIT compiles to an intrinsic (Math.tanh is not, and
     * costs several times more). Odd symmetry keeps {@code exp} in (0, 1]: no overflow, no NaN.
     */
    private static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double magnitude = (1.0 - e) / (1.0 + e);
        return (float) (x < 0f ? -magnitude : magnitude);
    }

    /**
     * In-place softmax, shifted by the maximum for stability. NaN logits get probability 0; if no
     * logit is finite the distribution is uniform, so the output is always a valid distribution.
     */
    private static void softmax(float[] values, int from, int count) {
        float max = Float.NEGATIVE_INFINITY;
        for (int i = from; i < from + count; i++) {
            if (values[i] > max) {
                max = values[i];
            }
        }
        if (!Float.isFinite(max)) {
            for (int i = from; i < from + count; i++) {
                values[i] = 1f / count;
            }
            return;
        }
        double sum = 0;
        for (int i = from; i < from + count; i++) {
            float shifted = values[i] - max;
            // shifted <= 0 for every ordered value; NaN fails the test and gets weight 0.
            float weight = shifted <= 0f ? (float) Math.exp(shifted) : 0f;
            values[i] = weight;
            sum += weight;
        }
        float scale = (float) (1.0 / sum);
        for (int i = from; i < from + count; i++) {
            values[i] *= scale;
        }
    }
}
