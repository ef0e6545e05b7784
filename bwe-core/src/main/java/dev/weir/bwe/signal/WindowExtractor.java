package dev.weir.bwe.signal;

/**
 * Copies the latest complete window of a {@link SignalRecorder} into arrays and computes the
 * window's {@link DenseFeature}s. {@code dev.weir.bwe.model.ModelInput} assembles a model's input
 * from it for offline dataset generation and for the run-time estimator alike, so a window means
 * the same in training and in inference.
 *
 * <p>Values are raw, in the units of {@link FeatureSchema}: the model runtime normalises them
 * with the mean and standard deviation stored with the model (not done here, so the dataset keeps
 * physical units and the statistics live in one place, the model file).
 *
 * <p>Dense features follow the ML BWE design (docs/ml.md: an LSTM
 * over the time series plus a dense layer over window summaries); the statistics are textbook:
 * population standard deviation, least-squares slope, Pearson correlation, each over the window's
 * steps with step i at time {@code i * step_ms}. Row i of a window ends at
 * {@code recorder.lastClosedStepEndUs() - (windowSteps - 1 - i) * step_ms} unless the caller's
 * clock jumped back inside the window.
 *
 * <p>Allocates nothing. Stateless: immutable and thread-safe (the recorder it reads is not).
 */
public final class WindowExtractor {
    /** Upper clamp of receive/send ratio: above 10 it only measures feedback bunching. */
    private static final double MAX_RECEIVE_SEND_RATIO = 10.0;

    private static final int TS = TimeSeriesFeature.COUNT;
    private static final int RTT = TimeSeriesFeature.RTT_MS.ordinal();
    private static final int LOSS_FRACTION = TimeSeriesFeature.LOSS_FRACTION.ordinal();
    private static final int SEND = TimeSeriesFeature.SEND_RATE_KBPS.ordinal();
    private static final int RECEIVE = TimeSeriesFeature.RECEIVE_RATE_KBPS.ordinal();
    private static final int ABOVE_MIN = TimeSeriesFeature.DELAY_ABOVE_MIN_MS.ordinal();
    private static final int GRADIENT = TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S.ordinal();
    private static final int JITTER = TimeSeriesFeature.JITTER_MS.ordinal();
    private static final int OVERUSING = TimeSeriesFeature.DELAY_OVERUSING.ordinal();
    private static final int LOST = TimeSeriesFeature.LOST_PACKETS.ordinal();
    private static final int BURSTS = TimeSeriesFeature.LOSS_BURSTS.ordinal();

    /**
     * Fills {@code tsOut} (row-major {@code [windowSteps][TimeSeriesFeature.COUNT]}, oldest step
     * first, the last row the latest closed step) and {@code denseOut}
     * ({@code [DenseFeature.COUNT]}) from the latest {@code windowSteps} closed steps.
     *
     * @return false (outputs untouched) while fewer than {@code windowSteps} steps have closed
     * @throws IllegalArgumentException when the window exceeds the recorder's ring or an output
     *     array is too small (programming errors, not input errors)
     */
    public boolean extract(SignalRecorder recorder, int windowSteps, float[] tsOut, float[] denseOut) {
        return extract(recorder, windowSteps, tsOut, denseOut, 0);
    }

    /** As {@link #extract(SignalRecorder, int, float[], float[])}, dense features from {@code denseOffset} on. */
    public boolean extract(SignalRecorder recorder, int windowSteps, float[] tsOut, float[] denseOut,
            int denseOffset) {
        if (windowSteps < 1 || windowSteps > recorder.capacitySteps()) {
            throw new IllegalArgumentException("window of " + windowSteps + " steps outside [1, "
                    + recorder.capacitySteps() + "]");
        }
        if (tsOut.length < windowSteps * TS || denseOffset < 0 || denseOut.length - denseOffset < DenseFeature.COUNT) {
            throw new IllegalArgumentException("output arrays too small: need " + windowSteps * TS + " and "
                    + DenseFeature.COUNT + " from " + denseOffset + ", got " + tsOut.length + " and "
                    + denseOut.length);
        }
        long closed = recorder.closedSteps();
        if (closed < windowSteps) {
            return false;
        }
        float[] series = recorder.series();
        long first = closed - windowSteps;
        for (int i = 0; i < windowSteps; i++) {
            System.arraycopy(series, recorder.slotOf(first + i) * TS, tsOut, i * TS, TS);
        }
        long reported = 0;
        for (int i = 0; i < windowSteps; i++) {
            reported += recorder.reportedPackets(recorder.slotOf(first + i));
        }
        dense(tsOut, windowSteps, reported, recorder.stepSeconds(), denseOut, denseOffset);
        return true;
    }

    private static void dense(float[] ts, int steps, long reportedPackets, double stepS, float[] out, int at) {
        double rttMin = Double.MAX_VALUE;
        double rttMax = -Double.MAX_VALUE;
        double rttSum = 0;
        double lossSum = 0;
        double lost = 0;
        double bursts = 0;
        double gradientSum = 0;
        double aboveMinSum = 0;
        double aboveMinMax = 0;
        double sendSum = 0;
        double receiveSum = 0;
        int overuseSteps = 0;
        int lossySteps = 0;
        double jitterSum = 0;
        for (int i = 0; i < steps; i++) {
            int row = i * TS;
            double rtt = ts[row + RTT];
            rttMin = Math.min(rttMin, rtt);
            rttMax = Math.max(rttMax, rtt);
            rttSum += rtt;
            lossSum += ts[row + LOSS_FRACTION];
            lost += ts[row + LOST];
            bursts += ts[row + BURSTS];
            gradientSum += ts[row + GRADIENT];
            aboveMinSum += ts[row + ABOVE_MIN];
            aboveMinMax = Math.max(aboveMinMax, ts[row + ABOVE_MIN]);
            sendSum += ts[row + SEND];
            receiveSum += ts[row + RECEIVE];
            overuseSteps += ts[row + OVERUSING] > 0.5f ? 1 : 0;
            lossySteps += ts[row + LOST] > 0 ? 1 : 0;
            jitterSum += ts[row + JITTER];
        }
        double rttMean = rttSum / steps;
        double lossMean = lossSum / steps;
        double timeMean = (steps - 1) * stepS / 2;
        double rttVar = 0;
        double lossVar = 0;
        double rttLossCov = 0;
        double timeVar = 0;
        double rttTimeCov = 0;
        for (int i = 0; i < steps; i++) {
            int row = i * TS;
            double rttDev = ts[row + RTT] - rttMean;
            double lossDev = ts[row + LOSS_FRACTION] - lossMean;
            double timeDev = i * stepS - timeMean;
            rttVar += rttDev * rttDev;
            lossVar += lossDev * lossDev;
            rttLossCov += rttDev * lossDev;
            timeVar += timeDev * timeDev;
            rttTimeCov += rttDev * timeDev;
        }
        out[at + DenseFeature.RTT_MIN_MS.ordinal()] = (float) rttMin;
        out[at + DenseFeature.RTT_MAX_MS.ordinal()] = (float) rttMax;
        out[at + DenseFeature.RTT_MEAN_MS.ordinal()] = (float) rttMean;
        out[at + DenseFeature.RTT_STD_MS.ordinal()] = (float) Math.sqrt(rttVar / steps);
        out[at + DenseFeature.RTT_TREND_MS_PER_S.ordinal()] = timeVar > 0 ? (float) (rttTimeCov / timeVar) : 0f;
        out[at + DenseFeature.LOSS_RATE.ordinal()] = reportedPackets > 0 ? (float) Math.min(1.0, lost / reportedPackets) : 0f;
        out[at + DenseFeature.LOSS_BURST_COUNT.ordinal()] = (float) bursts;
        out[at + DenseFeature.LOSS_BURST_MEAN_PACKETS.ordinal()] = bursts > 0 ? (float) (lost / bursts) : 0f;
        out[at + DenseFeature.RTT_LOSS_CORRELATION.ordinal()] = correlation(rttLossCov, rttVar, lossVar);
        out[at + DenseFeature.DELAY_GRADIENT_MEAN_MS_PER_S.ordinal()] = (float) (gradientSum / steps);
        out[at + DenseFeature.DELAY_ABOVE_MIN_MEAN_MS.ordinal()] = (float) (aboveMinSum / steps);
        out[at + DenseFeature.DELAY_ABOVE_MIN_MAX_MS.ordinal()] = (float) aboveMinMax;
        out[at + DenseFeature.RECEIVE_SEND_RATIO.ordinal()] = sendSum > 0
                ? (float) Math.min(MAX_RECEIVE_SEND_RATIO, receiveSum / sendSum) : 0f;
        out[at + DenseFeature.OVERUSE_SHARE.ordinal()] = (float) overuseSteps / steps;
        out[at + DenseFeature.LOSSY_STEP_SHARE.ordinal()] = (float) lossySteps / steps;
        out[at + DenseFeature.JITTER_MEAN_MS.ordinal()] = (float) (jitterSum / steps);
    }

    /** Pearson correlation from sums of products; 0 when a series is (numerically) constant. */
    private static float correlation(double cov, double varA, double varB) {
        double denominator = Math.sqrt(varA * varB);
        if (!(denominator > 1e-12)) {
            return 0f;
        }
        return (float) Math.max(-1.0, Math.min(1.0, cov / denominator));
    }
}
