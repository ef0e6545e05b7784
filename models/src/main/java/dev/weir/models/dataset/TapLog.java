package dev.weir.models.dataset;

import java.util.Arrays;

/**
 * What a {@link SignalTap} recorded during one call, for labelling afterwards: the full observed
 * RTT and loss series (one value per closed recorder step, as the sender saw them), the sender
 * time at which each packet was first reported lost, every loss-differentiation verdict with the
 * sender time it was made, and the feature snapshots.
 *
 * <p>Storage grows by doubling (amortised, no per-event allocation in steady state). Not
 * thread-safe: written by one call's thread, read after the call.
 */
public final class TapLog {
    /** Marks a sequence number never reported lost. */
    public static final long NOT_REPORTED = -1;

    private final int tsValues;
    private final int denseValues;

    private float[] observedRttMs = new float[256];
    private float[] observedLossFraction = new float[256];
    private int observedSteps;

    private long[] lossReportedUs = new long[4096];

    private int[] verdictClassifier = new int[256];
    private long[] verdictTimeUs = new long[256];
    private byte[] verdictCongestion = new byte[256];
    private int verdicts;

    private long[] snapshotTimeUs = new long[64];
    private int[] snapshotObservedSteps = new int[64];
    private float[] snapshotTs;
    private float[] snapshotDense;
    private int snapshots;

    TapLog(int tsValues, int denseValues) {
        this.tsValues = tsValues;
        this.denseValues = denseValues;
        snapshotTs = new float[64 * tsValues];
        snapshotDense = new float[64 * denseValues];
        Arrays.fill(lossReportedUs, NOT_REPORTED);
    }

    void addObservedStep(float rttMs, float lossFraction) {
        if (observedSteps == observedRttMs.length) {
            observedRttMs = Arrays.copyOf(observedRttMs, observedSteps * 2);
            observedLossFraction = Arrays.copyOf(observedLossFraction, observedSteps * 2);
        }
        observedRttMs[observedSteps] = rttMs;
        observedLossFraction[observedSteps] = lossFraction;
        observedSteps++;
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

    /** Appends a snapshot and returns the arrays' offsets to fill: ts at {@code i * tsValues}. */
    int addSnapshot(long timeUs) {
        if (snapshots == snapshotTimeUs.length) {
            int n = snapshots * 2;
            snapshotTimeUs = Arrays.copyOf(snapshotTimeUs, n);
            snapshotObservedSteps = Arrays.copyOf(snapshotObservedSteps, n);
            snapshotTs = Arrays.copyOf(snapshotTs, n * tsValues);
            snapshotDense = Arrays.copyOf(snapshotDense, n * denseValues);
        }
        snapshotTimeUs[snapshots] = timeUs;
        snapshotObservedSteps[snapshots] = observedSteps;
        return snapshots++;
    }

    float[] snapshotTsArray() {
        return snapshotTs;
    }

    float[] snapshotDenseArray() {
        return snapshotDense;
    }

    /** Observed steps so far; step k is the k-th step the recorder closed. */
    public int observedSteps() {
        return observedSteps;
    }

    /** Mean RTT the sender measured in observed step {@code k}, ms (held when none; 0 before the first). */
    public float observedRttMs(int k) {
        return observedRttMs[k];
    }

    /** Share of packets the feedback reported lost in observed step {@code k}. */
    public float observedLossFraction(int k) {
        return observedLossFraction[k];
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

    public int snapshots() {
        return snapshots;
    }

    /** Call time of snapshot {@code s}, us: the end of its windows. */
    public long snapshotTimeUs(int s) {
        return snapshotTimeUs[s];
    }

    /** Observed steps closed when snapshot {@code s} was taken (its window ends with step count - 1). */
    public int snapshotObservedSteps(int s) {
        return snapshotObservedSteps[s];
    }

    /** Values per snapshot time-series window ({@code steps x features}). */
    public int tsValues() {
        return tsValues;
    }

    /** Values per snapshot dense vector. */
    public int denseValues() {
        return denseValues;
    }

    /** Copies snapshot {@code s}'s time-series window into {@code out}. */
    public void snapshotTs(int s, float[] out) {
        System.arraycopy(snapshotTs, s * tsValues, out, 0, tsValues);
    }

    /** Snapshot {@code s}'s time-series value at {@code index} (row-major step x feature). */
    public float snapshotTsValue(int s, int index) {
        return snapshotTs[s * tsValues + index];
    }

    /** Copies snapshot {@code s}'s dense vector into {@code out}. */
    public void snapshotDense(int s, float[] out) {
        System.arraycopy(snapshotDense, s * denseValues, out, 0, denseValues);
    }
}
