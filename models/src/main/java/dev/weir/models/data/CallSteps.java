package dev.weir.models.data;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The labelled steps of one call before they join a {@link Dataset}: one entry per signal step the
 * call's recorder closed, in time order (see {@link Dataset} for the meaning of each array). The
 * arrays are public for the generator and the labeller, which fill them; a dataset copies them.
 *
 * <p>Serializable (plain arrays), so the steps of a call run in another JVM come back as they are.
 *
 * <p>Not thread-safe; owned by the code that fills it, then handed to a dataset builder.
 */
public final class CallSteps implements Serializable {
    private static final long serialVersionUID = 2L;

    public final int steps;
    public final int tsFeatures;
    public final int denseInputs;
    public final int baselines;
    public final float[] ts;
    public final float[] dense;
    public final byte[] decision;
    public final int[] timeMs;
    public final byte[] lossClass;
    public final byte[] congestion;
    public final float[] leadTimeS;
    public final byte[] gate;
    public final byte[] cause;
    public final byte[] congestedNow;
    public final byte[] typeLabel;
    public final float[] randomLossShare;
    public final float[] meanBurstPackets;
    public final float[] baselineScores;

    /**
     * Steps with every label "none" ({@link Dataset#NO_LABEL}; NaN for the FEC ground truth), no
     * decision and baseline scores NaN.
     */
    public CallSteps(int steps, int tsFeatures, int denseInputs, int baselines) {
        this.steps = steps;
        this.tsFeatures = tsFeatures;
        this.denseInputs = denseInputs;
        this.baselines = baselines;
        this.ts = new float[steps * tsFeatures];
        this.dense = new float[steps * denseInputs];
        this.decision = new byte[steps];
        this.timeMs = new int[steps];
        this.lossClass = filled(steps);
        this.congestion = filled(steps);
        this.leadTimeS = new float[steps];
        Arrays.fill(leadTimeS, -1f);
        this.gate = new byte[steps];
        this.cause = filled(steps);
        this.congestedNow = new byte[steps];
        this.typeLabel = filled(steps);
        this.randomLossShare = new float[steps];
        Arrays.fill(randomLossShare, Float.NaN);
        this.meanBurstPackets = new float[steps];
        Arrays.fill(meanBurstPackets, Float.NaN);
        this.baselineScores = new float[steps * baselines];
        Arrays.fill(baselineScores, Float.NaN);
    }

    private static byte[] filled(int steps) {
        byte[] values = new byte[steps];
        Arrays.fill(values, Dataset.NO_LABEL);
        return values;
    }
}
