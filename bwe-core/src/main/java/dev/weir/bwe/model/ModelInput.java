package dev.weir.bwe.model;

import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * The model's input, taken from one {@link SignalRecorder} as its {@link FeatureSchema} defines
 * it, for a streaming model: the rows ({@link TimeSeriesFeature}s in schema order) of every step
 * the recorder closed since the last {@link #fill}, which the LSTM advances through, and, once the
 * longest dense window is full, the dense vector of the latest step (the {@link DenseFeature}s of
 * each dense window in schema order, e.g. 10 s then 4 s). Values are raw, in the schema's units;
 * {@link LstmClassifier} normalises them with the model's parameters.
 *
 * <p>Dataset generation ({@code SignalTap}) and the run-time estimator both fill their inputs
 * through this class at the same events, so a training sequence and a run-time decision are the
 * same numbers: every closed step becomes exactly one row (steps that fell out of the recorder's
 * ring before a fill, after a forward clock jump of more than its history, are counted in
 * {@link #skippedSteps()} and never delivered), and a decision is made at every fill that brought
 * new rows once the windows are full.
 *
 * <p>Preallocated: {@link #fill} allocates nothing. Not thread-safe: one instance per recorder
 * (per estimator or tap), bound to the first recorder it fills from.
 */
public final class ModelInput {
    private static final int TS = TimeSeriesFeature.COUNT;

    private final FeatureSchema schema;
    private final String digest;
    private final WindowExtractor extractor = new WindowExtractor();
    private final int[] denseWindowSteps;
    private final int stepsNeeded;
    private final float[] dense;
    /** Rows of the dense window being summarised (the extractor's time-series output). */
    private final float[] scratch;
    /** Rows not yet consumed, oldest first; sized to the recorder's ring on first fill. */
    private float[] rows = new float[0];
    private int pendingRows;
    private SignalRecorder recorder;
    private long deliveredSteps;
    private long skippedSteps;
    private boolean ready;
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
        List<FeatureSchema.DenseWindow> windows = schema.denseWindows();
        this.denseWindowSteps = new int[windows.size()];
        int longest = 1;
        for (int w = 0; w < windows.size(); w++) {
            denseWindowSteps[w] = schema.stepsFor(windows.get(w).windowMs());
            longest = Math.max(longest, denseWindowSteps[w]);
        }
        this.stepsNeeded = longest;
        this.dense = new float[schema.denseInputCount()];
        this.scratch = new float[longest * TS];
    }

    /** The schema this input follows. */
    public FeatureSchema schema() {
        return schema;
    }

    /** {@link FeatureSchema#digest()} of {@link #schema()}, computed once. */
    public String schemaDigest() {
        return digest;
    }

    /** Closed steps needed before the first decision: the longest dense window. */
    public int warmUpSteps() {
        return stepsNeeded;
    }

    /**
     * Takes the rows of the steps {@code recorder} closed since the last fill (appended to the
     * pending rows) and, when the dense windows are full, the dense vector of the latest step.
     * Allocates nothing (after the first call, which sizes the row buffer to the recorder's ring).
     *
     * @return true when this fill brought new rows and the dense windows are full: a decision is due
     * @throws IllegalArgumentException when the recorder produces another schema, or is not the
     *     recorder this input was first filled from (wiring errors)
     */
    public boolean fill(SignalRecorder recorder) {
        if (recorder != this.recorder) {
            if (this.recorder != null) {
                throw new IllegalArgumentException("this input reads another recorder: one input per recorder");
            }
            if (!recorder.schema().equals(schema)) {
                throw new IllegalArgumentException("recorder schema " + recorder.schema().digest()
                        + " is not this input's " + digest);
            }
            if (recorder.capacitySteps() < stepsNeeded) {
                throw new IllegalArgumentException("the recorder keeps " + recorder.capacitySteps()
                        + " steps, the dense windows need " + stepsNeeded);
            }
            this.recorder = recorder;
            this.rows = new float[recorder.capacitySteps() * TS];
        }
        long closed = recorder.closedSteps();
        long fresh = closed - deliveredSteps;
        if (fresh <= 0) {
            return false;
        }
        int ring = recorder.capacitySteps();
        int copy = (int) Math.min(fresh, ring);
        skippedSteps += fresh - copy;
        int overflow = pendingRows + copy - ring;
        if (overflow > 0) { // the consumer fell behind by more than the ring: drop its oldest rows
            System.arraycopy(rows, overflow * TS, rows, 0, (pendingRows - overflow) * TS);
            pendingRows -= overflow;
            skippedSteps += overflow;
        }
        for (int ago = copy - 1; ago >= 0; ago--) {
            recorder.copyStep(ago, rows, pendingRows * TS);
            pendingRows++;
        }
        deliveredSteps = closed;
        windowEndUs = recorder.lastClosedStepEndUs();
        ready = closed >= stepsNeeded;
        if (ready) {
            for (int w = 0; w < denseWindowSteps.length; w++) {
                extractor.extract(recorder, denseWindowSteps[w], scratch, dense, w * DenseFeature.COUNT);
            }
        }
        return ready;
    }

    /** Whether the dense vector holds the latest step's windows (the windows have filled once). */
    public boolean isReady() {
        return ready;
    }

    /** Rows taken but not yet consumed by a classifier, oldest first. */
    public int pendingRows() {
        return pendingRows;
    }

    /** Copies pending row {@code row} (0 = oldest) into {@code out} at {@code offset}. */
    public void copyPendingRow(int row, float[] out, int offset) {
        if (row < 0 || row >= pendingRows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + pendingRows + " pending");
        }
        System.arraycopy(rows, row * TS, out, offset, TS);
    }

    /** Marks every pending row consumed. */
    public void consumeRows() {
        pendingRows = 0;
    }

    /** Closed steps never delivered as rows (they left the recorder's ring before a fill). */
    public long skippedSteps() {
        return skippedSteps;
    }

    /** End of the latest delivered step, the recorder's clock, microseconds. */
    public long windowEndUs() {
        return windowEndUs;
    }

    /** Values in one row. */
    public int rowLength() {
        return TS;
    }

    /** Values in the dense vector. */
    public int denseLength() {
        return dense.length;
    }

    /** Copies the dense vector into {@code out} at {@code offset}. */
    public void copyDense(float[] out, int offset) {
        System.arraycopy(dense, 0, out, offset, dense.length);
    }

    /** Dense input {@code index} (window-major: {@code window * DenseFeature.COUNT + feature}). */
    public float denseValue(int index) {
        return dense[index];
    }

    /** The pending rows themselves, for the classifier (not to be modified). */
    float[] rows() {
        return rows;
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
