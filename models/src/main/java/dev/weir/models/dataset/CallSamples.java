package dev.weir.models.dataset;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The labelled samples of one call, in time order, before they join a dataset. Arrays are owned by
 * this object (filled by {@link SampleLabeller}); read-only afterwards.
 *
 * <p>Serializable (plain arrays), so the samples of a call run in another JVM come back as they are.
 *
 * <p>Immutable after construction by the labeller; thread-safe to read.
 */
public final class CallSamples implements Serializable {
    private static final long serialVersionUID = 1L;

    final int count;
    final int tsValues;
    final int denseValues;
    final int baselines;
    final int[] timeMs;
    final float[] ts;
    final float[] dense;
    final byte[] lossType;
    final byte[] congestion;
    final byte[] congestionRule;
    final float[] leadTimeS;
    final byte[] verdicts;

    CallSamples(int capacity, int tsValues, int denseValues, int baselines) {
        this.tsValues = tsValues;
        this.denseValues = denseValues;
        this.baselines = baselines;
        this.timeMs = new int[capacity];
        this.ts = new float[capacity * tsValues];
        this.dense = new float[capacity * denseValues];
        this.lossType = new byte[capacity];
        this.congestion = new byte[capacity];
        this.congestionRule = new byte[capacity];
        this.leadTimeS = new float[capacity];
        this.verdicts = new byte[capacity * baselines];
        this.count = capacity;
    }

    /** Number of samples. */
    public int size() {
        return count;
    }

    public int timeMs(int i) {
        return timeMs[i];
    }

    public int lossType(int i) {
        return lossType[i];
    }

    public int congestion(int i) {
        return congestion[i];
    }

    public int congestionRule(int i) {
        return congestionRule[i];
    }

    public float leadTimeS(int i) {
        return leadTimeS[i];
    }

    /** Verdict of baseline {@code b} (see {@link SampleLabeller#BASELINE_NAMES}) for sample {@code i}. */
    public int verdict(int i, int b) {
        return verdicts[i * baselines + b];
    }

    float[] tsWindow(int i) {
        return Arrays.copyOfRange(ts, i * tsValues, (i + 1) * tsValues);
    }

    float[] denseRow(int i) {
        return Arrays.copyOfRange(dense, i * denseValues, (i + 1) * denseValues);
    }

    byte[] verdictRow(int i) {
        return Arrays.copyOfRange(verdicts, i * baselines, (i + 1) * baselines);
    }
}
