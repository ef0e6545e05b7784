package dev.weir.bwe.model;

import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * One model input, assembled from a {@link SignalRecorder} as its {@link FeatureSchema} defines
 * it: the time-series window ({@link FeatureSchema#tsSteps()} rows of
 * {@link TimeSeriesFeature}s, oldest first, the last row the latest closed step) and the dense
 * vector (the {@link DenseFeature}s of each dense window in schema order, e.g. 10 s then 4 s).
 * Values are raw, in the schema's units; {@link LstmClassifier} normalises them with the model's
 * statistics. Dataset generation ({@code SignalTap}) and the run-time estimator both fill their
 * inputs through this class, so a training sample and a run-time decision are the same numbers.
 *
 * <p>Preallocated: {@link #fill} allocates nothing.
 *
 * <p>Not thread-safe: one instance per estimator (or per tap), like the recorder it reads.
 */
public final class ModelInput {
    private static final int TS = TimeSeriesFeature.COUNT;

    private final FeatureSchema schema;
    private final String digest;
    private final WindowExtractor extractor = new WindowExtractor();
    private final int tsSteps;
    private final int[] denseWindowSteps;
    private final int stepsNeeded;
    private final float[] timeSeries;
    private final float[] dense;
    /** Rows of a dense window that is not the time-series window. */
    private final float[] scratch;
    /** Dense features of the time-series window. */
    private final float[] tsWindowDense = new float[DenseFeature.COUNT];
    /** The recorder last checked against the schema: checked once, not per decision. */
    private SignalRecorder checkedRecorder;
    private boolean filled;
    private long windowEndUs;

    /**
     * An input of {@code schema}, which must be one a {@link SignalRecorder} produces
     * ({@link FeatureSchema#of}): its time-series and dense features are the recorder's.
     *
     * @throws IllegalArgumentException for a schema of other features (a wiring error)
     */
    public ModelInput(FeatureSchema schema) {
        FeatureSchema.custom(schema);
        FeatureSchema recorderShape = FeatureSchema.defaults();
        if (!schema.tsFeatures().equals(recorderShape.tsFeatures())
                || !schema.denseFeatures().equals(recorderShape.denseFeatures())) {
            throw new IllegalArgumentException("a ModelInput fills the recorder's features " + names(recorderShape)
                    + ", not " + names(schema));
        }
        this.schema = schema;
        this.digest = schema.digest();
        this.tsSteps = schema.tsSteps();
        List<FeatureSchema.DenseWindow> windows = schema.denseWindows();
        this.denseWindowSteps = new int[windows.size()];
        int longest = tsSteps;
        int longestOther = 0;
        for (int w = 0; w < windows.size(); w++) {
            denseWindowSteps[w] = schema.stepsFor(windows.get(w).windowMs());
            longest = Math.max(longest, denseWindowSteps[w]);
            if (denseWindowSteps[w] != tsSteps) {
                longestOther = Math.max(longestOther, denseWindowSteps[w]);
            }
        }
        this.stepsNeeded = longest;
        this.timeSeries = new float[tsSteps * TS];
        this.dense = new float[schema.denseInputCount()];
        this.scratch = new float[longestOther * TS];
    }

    /** The schema this input follows. */
    public FeatureSchema schema() {
        return schema;
    }

    /** {@link FeatureSchema#digest()} of {@link #schema()}, computed once. */
    public String schemaDigest() {
        return digest;
    }

    /**
     * Fills the input from the latest closed steps of {@code recorder}. Allocates nothing.
     *
     * @return false (input unchanged) while the recorder has closed fewer steps than the longest window
     * @throws IllegalArgumentException when the recorder produces another schema, or its ring is
     *     shorter than a window (wiring errors)
     */
    public boolean fill(SignalRecorder recorder) {
        if (recorder != checkedRecorder) {
            if (!recorder.schema().equals(schema)) {
                throw new IllegalArgumentException("recorder schema " + recorder.schema().digest()
                        + " is not this input's " + digest);
            }
            checkedRecorder = recorder;
        }
        if (recorder.closedSteps() < stepsNeeded) {
            return false;
        }
        extractor.extract(recorder, tsSteps, timeSeries, tsWindowDense, 0);
        for (int w = 0; w < denseWindowSteps.length; w++) {
            int offset = w * DenseFeature.COUNT;
            if (denseWindowSteps[w] == tsSteps) {
                System.arraycopy(tsWindowDense, 0, dense, offset, DenseFeature.COUNT);
            } else {
                extractor.extract(recorder, denseWindowSteps[w], scratch, dense, offset);
            }
        }
        filled = true;
        windowEndUs = recorder.lastClosedStepEndUs();
        return true;
    }

    /** Whether {@link #fill} has succeeded at least once. */
    public boolean isFilled() {
        return filled;
    }

    /** End of the latest step in the input, the recorder's clock, microseconds. */
    public long windowEndUs() {
        return windowEndUs;
    }

    /** Values in the time-series window ({@code steps x features}). */
    public int timeSeriesLength() {
        return timeSeries.length;
    }

    /** Values in the dense vector. */
    public int denseLength() {
        return dense.length;
    }

    /** Copies the time-series window (row-major, oldest step first) into {@code out} at {@code offset}. */
    public void copyTimeSeries(float[] out, int offset) {
        System.arraycopy(timeSeries, 0, out, offset, timeSeries.length);
    }

    /** Copies the dense vector into {@code out} at {@code offset}. */
    public void copyDense(float[] out, int offset) {
        System.arraycopy(dense, 0, out, offset, dense.length);
    }

    /** Dense input {@code index} (window-major: {@code window * DenseFeature.COUNT + feature}). */
    public float denseValue(int index) {
        return dense[index];
    }

    /** The time-series window itself, for the classifier (not to be modified). */
    float[] timeSeries() {
        return timeSeries;
    }

    /** The dense vector itself, for the classifier (not to be modified). */
    float[] dense() {
        return dense;
    }

    private static List<String> names(FeatureSchema schema) {
        List<String> names = new ArrayList<>(schema.tsFeatureNames());
        names.addAll(schema.denseFeatureNames());
        return names;
    }
}
