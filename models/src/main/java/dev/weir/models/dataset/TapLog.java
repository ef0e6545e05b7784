package dev.weir.models.dataset;

import java.util.Arrays;

/**
 * What a {@link SignalTap} recorded during one call, for labelling afterwards: every signal step
 * as the model input delivered it (its row, its end time, whether the model decided at it and
 * then the dense vector), the sender time at which each packet was first reported lost, and every
 * loss-differentiation verdict with the sender time it was made.
 *
 * <p>Storage grows by doubling (amortised, no per-event allocation in steady state). Not
 * thread-safe: written by one call's thread, read after the call.
 */
public final class TapLog {
    /** Marks a sequence number never reported lost. */
    public static final long NOT_REPORTED = -1;

    private final int rowValues;
    private final int denseValues;

    private float[] rows;
    private float[] dense;
    private long[] stepEndUs = new long[1024];
    private boolean[] decision = new boolean[1024];
    private int steps;

    private long[] lossReportedUs = new long[4096];

    private int[] verdictClassifier = new int[256];
    private long[] verdictTimeUs = new long[256];
    private byte[] verdictCongestion = new byte[256];
    private int verdicts;

    TapLog(int rowValues, int denseValues) {
        this.rowValues = rowValues;
        this.denseValues = denseValues;
        rows = new float[1024 * rowValues];
        dense = new float[1024 * denseValues];
        Arrays.fill(lossReportedUs, NOT_REPORTED);
    }

    /** Appends a step and returns its index; its row and dense vector are filled at the offsets of that index. */
    int addStep(long endUs, boolean isDecision) {
        if (steps == stepEndUs.length) {
            int n = steps * 2;
            stepEndUs = Arrays.copyOf(stepEndUs, n);
            decision = Arrays.copyOf(decision, n);
            rows = Arrays.copyOf(rows, n * rowValues);
            dense = Arrays.copyOf(dense, n * denseValues);
        }
        stepEndUs[steps] = endUs;
        decision[steps] = isDecision;
        return steps++;
    }

    float[] rowArray() {
        return rows;
    }

    float[] denseArray() {
        return dense;
    }

    void reportedLost(long sequence, long nowUs) {
        if (sequence < 0 || sequence > Integer.MAX_VALUE - 8) {
            return;
        }
        int index = (int) sequence;
        if (index >= lossReportedUs.length) {
            int old = lossReportedUs.length;
            lossReportedUs = Arrays.copyOf(lossReportedUs, Math.max(old * 2, index + 1));
            Arrays.fill(lossReportedUs, old, lossReportedUs.length, NOT_REPORTED);
        }
        if (lossReportedUs[index] == NOT_REPORTED) {
            lossReportedUs[index] = nowUs;
        }
    }

    void addVerdict(int classifier, long nowUs, boolean congestion) {
        if (verdicts == verdictClassifier.length) {
            int n = verdicts * 2;
            verdictClassifier = Arrays.copyOf(verdictClassifier, n);
            verdictTimeUs = Arrays.copyOf(verdictTimeUs, n);
            verdictCongestion = Arrays.copyOf(verdictCongestion, n);
        }
        verdictClassifier[verdicts] = classifier;
        verdictTimeUs[verdicts] = nowUs;
        verdictCongestion[verdicts] = (byte) (congestion ? 1 : 0);
        verdicts++;
    }

    /** Steps recorded. */
    public int steps() {
        return steps;
    }

    /** End of step {@code k} on the call's clock, microseconds. */
    public long stepEndUs(int k) {
        return stepEndUs[k];
    }

    /** Whether the model decided at step {@code k} (its dense vector is valid). */
    public boolean isDecision(int k) {
        return decision[k];
    }

    /** Values per row. */
    public int rowValues() {
        return rowValues;
    }

    /** Values per dense vector. */
    public int denseValues() {
        return denseValues;
    }

    /** Step {@code k}'s value of time-series feature {@code feature}. */
    public float rowValue(int k, int feature) {
        return rows[k * rowValues + feature];
    }

    /** Copies step {@code k}'s row into {@code out} at {@code offset}. */
    public void copyRow(int k, float[] out, int offset) {
        System.arraycopy(rows, k * rowValues, out, offset, rowValues);
    }

    /** Copies step {@code k}'s dense vector into {@code out} at {@code offset}. */
    public void copyDense(int k, float[] out, int offset) {
        System.arraycopy(dense, k * denseValues, out, offset, denseValues);
    }

    /** Sender time the feedback first reported {@code sequence} lost, or {@link #NOT_REPORTED}. */
    public long lossReportedUs(long sequence) {
        return sequence >= 0 && sequence < lossReportedUs.length ? lossReportedUs[(int) sequence] : NOT_REPORTED;
    }

    public int verdicts() {
        return verdicts;
    }

    /** Index (in {@link dev.weir.bwe.lossdiff.LossClassifiers#NAMES}) of the rule that made verdict {@code v}. */
    public int verdictClassifier(int v) {
        return verdictClassifier[v];
    }

    /** Sender time of the feedback that revealed the loss event of verdict {@code v}, us. */
    public long verdictTimeUs(int v) {
        return verdictTimeUs[v];
    }

    /** Whether verdict {@code v} said congestion (else random). */
    public boolean verdictCongestion(int v) {
        return verdictCongestion[v] == 1;
    }
}
