package dev.weir.bwe.model;

import dev.weir.bwe.signal.FeatureSchema;
import java.util.Arrays;

/**
 * The multi-task classifier of a {@link ModelArtifact} as a streaming network, in plain float
 * arithmetic with preallocated buffers: no allocation per step or decision.
 *
 * <p>Sources: LSTM with forget gate (Hochreiter and Schmidhuber 1997, "Long Short-Term Memory";
 * Gers, Schmidhuber and Cummins 2000, "Learning to Forget") in Deeplearning4j 1.0.0-M2.1's
 * {@code LSTMHelpers} formulation, whose weight layout was verified against its outputs
 * (ArtifactExporterTest in the models module); network shape in docs/ml.md; output
 * calibration as {@link Calibration} describes.
 *
 * <p>Network (see {@link ModelArchitecture}): the LSTM {@linkplain #advance advances} one step per
 * signal step and carries its state for the whole call ({@link #reset} at a call's start); at a
 * decision ({@link #predict(float[], Prediction)}) {@code relu(dense W + b)} of the normalised
 * dense vector is concatenated after the LSTM's hidden state; {@code relu(merged W + b)}; per head
 * the logits {@code m W + b} are calibrated ({@code z / T + bias}) and pass a softmax. The LSTM
 * follows Deeplearning4j's {@code LSTM} layer (gate blocks a, f, o, i; no peepholes; zero initial
 * state): {@code z = x_t W + h_{t-1} RW + b}, {@code c_t = f c_{t-1} + i a}, {@code h_t = o tanh(c_t)},
 * with {@code a = tanh}, {@code f, o, i = sigmoid}. Input and recurrent weights are fused into one
 * {@code [F + H, 4H]} matrix so a step is one pass over {@code [x_t; h_{t-1}]}; the gate
 * activations use {@link FastMath} (a few float ulps from the library functions, so outputs match
 * Deeplearning4j within 1e-5). A decision costs
 * one step, not a window: the state summarises everything before it, as it did in training
 * (Deeplearning4j trains the same network over whole calls).
 *
 * <p>Inputs are RAW features: the classifier applies the artifact's normalisation itself (through
 * {@link Normalisation}, the same code training uses), so callers cannot forget it or apply a
 * stale one. At run time the path is {@code SignalRecorder -> ModelInput -> update -> Prediction},
 * allocation-free, and a model trained for another {@link FeatureSchema} is refused when the
 * classifier is built ({@link #LstmClassifier(ModelArtifact, FeatureSchema)}).
 *
 * <p>Not thread-safe: one instance per call (it holds the call's LSTM state and scratch buffers,
 * about {@code 4 (F + 6H + D + U + M)} bytes). The weights are the artifact's, read-only and shared
 * by every classifier built from the same artifact, so many calls of one model cost one copy of
 * its parameters.
 */
public final class LstmClassifier {
    private final ModelArtifact artifact;
    private final String schemaDigest;
    private final ModelArchitecture arch;
    private final Normalisation normalisation;
    private final int tsFeatures;
    private final int units;
    private final int gates;
    private final int denseFeatures;
    private final int denseUnits;
    private final int mergeUnits;
    /** The artifact's parameters, shared with every classifier of the same artifact (never written). */
    private final ClassifierWeights weights;
    private final int[] headClasses;

    /** {@code [x_t; h_{t-1}]}: the step's normalised input, then the hidden state. */
    private final float[] stepInput;
    private final float[] cell;
    private final float[] preActivation;
    private final float[] denseInput;
    /** LSTM output then dense output: the merge layer's input. */
    private final float[] merged;
    private final float[] mergeOutput;
    private long steps;

    /**
     * A classifier for a runtime whose inputs follow {@code runtimeSchema}.
     *
     * @throws ModelFormatException naming both digests when the model was built for another schema
     */
    public LstmClassifier(ModelArtifact artifact, FeatureSchema runtimeSchema) {
        this(checked(artifact, runtimeSchema));
    }

    /**
     * Builds the classifier for the model's own feature schema. The weights are the artifact's,
     * fused once per artifact and shared ({@link ModelArtifact#classifierWeights()}); this instance
     * allocates its LSTM state and scratch buffers only.
     */
    public LstmClassifier(ModelArtifact artifact) {
        this.artifact = artifact;
        this.schemaDigest = artifact.featureSchemaDigest();
        this.arch = artifact.architecture();
        this.normalisation = artifact.normalisation();
        this.tsFeatures = arch.tsFeatures();
        this.units = arch.lstmUnits();
        this.gates = 4 * units;
        this.denseFeatures = arch.denseFeatures();
        this.denseUnits = arch.denseUnits();
        this.mergeUnits = arch.mergeUnits();
        this.weights = artifact.classifierWeights();
        this.headClasses = weights.headClasses;

        this.stepInput = new float[tsFeatures + units];
        this.cell = new float[units];
        this.preActivation = new float[gates];
        this.denseInput = new float[denseFeatures];
        this.merged = new float[units + denseUnits];
        this.mergeOutput = new float[mergeUnits];
    }

    /** The shared parameters this classifier runs on (tests check the sharing). */
    ClassifierWeights weights() {
        return weights;
    }

    /** The artifact this classifier runs. */
    public ModelArtifact artifact() {
        return artifact;
    }

    /** An input of this model's feature schema (one a {@code SignalRecorder} produces); one per recorder. */
    public ModelInput newInput() {
        return new ModelInput(artifact.featureSchema());
    }

    /** A prediction shaped for this model's heads; allocate once and reuse. */
    public Prediction newPrediction() {
        return new Prediction(arch);
    }

    /** Zeroes the LSTM state: the start of a call. */
    public void reset() {
        Arrays.fill(stepInput, tsFeatures, tsFeatures + units, 0f);
        Arrays.fill(cell, 0f);
        steps = 0;
    }

    /** Steps advanced since the last {@link #reset} (or construction). */
    public long steps() {
        return steps;
    }

    /**
     * Advances through {@code input}'s pending rows (consuming them) and, when its dense windows
     * are full, writes the decision into {@code out}. Allocates nothing.
     *
     * @return whether {@code out} holds a decision for the latest step
     * @throws IllegalArgumentException when the input follows another feature schema than the
     *                                  model, or {@code out}'s heads differ
     */
    public boolean update(ModelInput input, Prediction out) {
        if (!input.schemaDigest().equals(schemaDigest)) {
            throw new IllegalArgumentException("input of feature schema " + input.schemaDigest()
                    + " for a model of schema " + schemaDigest);
        }
        float[] rows = input.rows();
        for (int r = 0; r < input.pendingRows(); r++) {
            advance(rows, r * tsFeatures);
        }
        input.consumeRows();
        if (!input.isReady()) {
            return false;
        }
        predict(input.dense(), out);
        return true;
    }

    /**
     * Advances the LSTM by one step of RAW time-series features at {@code row[offset ..]}, in
     * {@link FeatureSchema#tsFeatures()} order. Allocates nothing.
     *
     * @throws IllegalArgumentException when the row does not fit (a wiring error, not bad data)
     */
    public void advance(float[] row, int offset) {
        if (offset < 0 || offset > row.length - tsFeatures) {
            throw new IllegalArgumentException("a row of " + tsFeatures + " values does not fit at " + offset
                    + " in " + row.length);
        }
        normalisation.normaliseTs(row, offset, stepInput);
        affine(stepInput, tsFeatures + units, weights.lstmWeights, weights.lstmBias, gates, preActivation, 0);
        // Activations in bulk loops of straight-line arithmetic (FastMath): the JIT vectorises them.
        for (int j = 0; j < units; j++) {
            preActivation[j] = FastMath.tanh(preActivation[j]);
        }
        for (int j = units; j < gates; j++) {
            preActivation[j] = FastMath.sigmoid(preActivation[j]);
        }
        for (int j = 0; j < units; j++) {
            float c = preActivation[units + j] * cell[j] + preActivation[3 * units + j] * preActivation[j];
            cell[j] = c;
            stepInput[tsFeatures + j] = preActivation[2 * units + j] * FastMath.tanh(c);
        }
        steps++;
    }

    /**
     * The heads' calibrated probabilities from the current LSTM state and one RAW dense vector (in
     * {@link FeatureSchema#denseInputNames()} order). Does not change the state. Allocates nothing.
     *
     * @throws IllegalArgumentException when the vector's length or {@code out}'s heads do not fit
     *                                  the model (a wiring error, not bad data)
     */
    public void predict(float[] dense, Prediction out) {
        if (dense.length != denseFeatures || !out.fits(arch)) {
            throw new IllegalArgumentException("inputs do not fit the model: dense " + dense.length + " (needs "
                    + denseFeatures + "), or the prediction's heads differ");
        }
        System.arraycopy(stepInput, tsFeatures, merged, 0, units);
        normalisation.normaliseDense(dense, denseInput);
        affine(denseInput, denseFeatures, weights.denseWeights, weights.denseBias, denseUnits, merged, units);
        relu(merged, units, denseUnits);
        affine(merged, units + denseUnits, weights.mergeWeights, weights.mergeBias, mergeUnits, mergeOutput, 0);
        relu(mergeOutput, 0, mergeUnits);
        float[] probabilities = out.values();
        affine(mergeOutput, mergeUnits, weights.headWeights, weights.headBias, weights.totalClasses, probabilities,
                0);
        float[] bias = weights.calibrationBias;
        float[] inverseTemperature = weights.inverseTemperature;
        boolean finite = true;
        for (int i = 0; i < weights.totalClasses; i++) {
            float logit = probabilities[i] * inverseTemperature[i] + bias[i];
            finite &= Float.isFinite(logit);
            probabilities[i] = logit;
        }
        for (int h = 0; h < headClasses.length; h++) {
            softmax(probabilities, out.offset(h), headClasses[h]);
        }
        out.finite(finite);
    }

    private static ModelArtifact checked(ModelArtifact artifact, FeatureSchema runtimeSchema) {
        artifact.requireSchema(runtimeSchema);
        return artifact;
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
