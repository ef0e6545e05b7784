package dev.weir.bwe.signal;

import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.feedback.AcceptedFeedback;
import dev.weir.bwe.feedback.FeedbackFrontDoor;

/**
 * Turns the events an estimator sees into a fixed-step time series of {@link TimeSeriesFeature}s,
 * kept in a preallocated ring of {@code ceil(history_s * 1000 / step_ms)} steps. The same class
 * feeds offline dataset generation (the simulator replays its events) and the run-time estimator.
 *
 * <p>Step k covers caller time {@code [k * step, (k + 1) * step)}. A step holds what the sender
 * learned during it: bytes of packets sent in it (by send time), and the feedback, RTT samples and
 * estimator results that arrived in it. A step closes when an event or {@link #advance} reaches
 * its end; events never reopen a closed step (a late or backward-dated event counts in the open
 * step; a backward clock jump larger than {@code clock_jump_ms} re-anchors the step grid).
 *
 * <p>Per step (see {@link TimeSeriesFeature}): RTT is the mean of the step's samples, from
 * {@link #onRttSample} and from every feedback report as libwebrtc's
 * {@code GoogCcNetworkController::OnTransportPacketsFeedback} computes its propagation RTT
 * ({@code min over received packets of (feedback time - send time - (latest arrival - arrival))});
 * delay features use the relative one-way delay {@code arrival - send} (clock offset unknown) of
 * newly received packets; jitter is RFC 3550 section 6.4.1 ({@code J += (|D| - J) / 16}, D the
 * change of relative one-way delay between consecutive received packets, in arrival order).
 *
 * <p>Steps without data: rates, loss, lost packets, bursts, feedback count and delay gradient are
 * 0; RTT, delay above minimum, jitter and the estimator state are held from the step before (0
 * before the first value).
 *
 * <p>Feedback comes through the call's {@link FeedbackFrontDoor} ({@link AcceptedFeedback}: unwrapped,
 * duplicates and stale packets dropped, garbage times dropped, sizes clamped, received packets in
 * arrival order then lost ones), the same view GCC reads, so the recorder does no bookkeeping of
 * its own. Bad input never throws and never yields NaN: caller times beyond +-2^60 us and RTTs
 * outside (0, 60 s] are ignored, sizes are clamped to [0, 65535] bytes, a relative one-way delay
 * jumping by more than {@code clock_jump_ms} restarts the delay baseline. A packet reported lost
 * and later received ({@linkplain AcceptedFeedback#isRecovered recovered}) stays counted as lost
 * (the estimator saw that loss too) but its bytes and delay count when it arrives.
 *
 * <p>Steady state allocates nothing. Not thread-safe: one instance per call/estimator.
 */
public final class SignalRecorder {
    /** Longest plausible RTT, microseconds: beyond 60 s a sample is garbage, not a path. */
    private static final long MAX_RTT_US = 60_000_000L;
    /** Timestamps beyond +-2^60 us (36 000 years) are garbage; the bound keeps sums from overflowing. */
    private static final long MAX_ABS_TIME_US = 1L << 60;
    /** RFC 3550 section 6.4.1 jitter gain (1/16): a noise-reducing running average. */
    private static final double JITTER_GAIN = 1.0 / 16;
    /**
     * Bound of the delay gradient, ms/s: a slope of 10 s per s means sending 11 times the
     * bottleneck rate; steeper values come from clock trouble or tiny send spans.
     */
    private static final double MAX_GRADIENT_MS_PER_S = 10_000;

    private static final int TS = TimeSeriesFeature.COUNT;

    private final FeatureSchema schema;
    private final long stepUs;
    private final double stepMs;
    private final int capacity;
    private final int baseWindowSteps;
    private final long clockJumpUs;
    /** Longest receiver-clock span a receive rate is measured over (the history), microseconds. */
    private final long maxRateSpanUs;

    private final float[] series;
    private final int[] reportedPackets;
    private final long[] minOwdUs;

    private boolean started;
    private long openStep;
    private long closedSteps;
    private long lastClosedEndUs;

    // Accumulators of the open step.
    private long sentBytes;
    private long receivedBytes;
    private int receivedPackets;
    private int lostPackets;
    private int lossBursts;
    private int feedbackReports;
    private double rttSumUs;
    private int rttSamples;
    private boolean hasStepArrival;
    private long stepMaxArrivalUs;
    private int owdCount;
    private long owdAnchorUs;
    private long sendAnchorUs;
    private double owdOffsetSumUs;
    private double sendOffsetSumUs;
    private long stepMinOwdUs;

    // State carried across steps.
    private float heldRttMs;
    private float heldDelayAboveMinMs;
    private double jitterUs;
    private boolean hasLastOwd;
    private long lastOwdUs;
    private boolean hasArrivalRef;
    private long arrivalRefUs;
    private boolean hasPrevDelay;
    private long prevOwdAnchorUs;
    private double prevOwdOffsetMeanUs;
    private long prevSendAnchorUs;
    private double prevSendOffsetMeanUs;
    private long baselineValidFromStep;
    private boolean hasLastLost;
    private long lastLostSequence;
    private float targetKbps;
    private float delayBasedKbps;
    private float lossBasedKbps;
    private float ackedKbps;
    private float overusing;
    private float underusing;
    private float inAlr;

    /** @throws dev.weir.bwe.config.InvalidSettingsException when {@code settings} are invalid */
    public SignalRecorder(SignalSettings settings) {
        ConfigCheck check = ConfigCheck.of("signal");
        settings.validate(check);
        check.throwIfInvalid();
        schema = FeatureSchema.of(settings);
        stepUs = settings.stepMs * 1_000L;
        stepMs = settings.stepMs;
        capacity = schema.stepsFor(settings.historyS * 1_000);
        baseWindowSteps = schema.stepsFor(settings.baseDelayWindowS * 1_000);
        clockJumpUs = settings.clockJumpMs * 1_000L;
        maxRateSpanUs = settings.historyS * 1_000_000L;
        series = new float[capacity * TS];
        reportedPackets = new int[capacity];
        minOwdUs = new long[capacity];
        stepMinOwdUs = Long.MAX_VALUE;
    }

    /** The recorder with default {@link SignalSettings}. */
    public SignalRecorder() {
        this(new SignalSettings());
    }

    /** The feature schema this recorder produces. */
    public FeatureSchema schema() {
        return schema;
    }

    /** Steps the ring keeps. */
    public int capacitySteps() {
        return capacity;
    }

    /** Steps closed since the start (including steps skipped over by a forward clock jump). */
    public long closedSteps() {
        return closedSteps;
    }

    /** End of the latest closed step on the caller's clock, microseconds; 0 before the first. */
    public long lastClosedStepEndUs() {
        return lastClosedEndUs;
    }

    /**
     * The value of {@code feature} in the step closed {@code stepsAgo} steps before the latest
     * (0 = the latest closed step).
     *
     * @throws IllegalArgumentException when that step is not (or no longer) in the ring
     */
    public float value(int stepsAgo, TimeSeriesFeature feature) {
        if (stepsAgo < 0 || stepsAgo >= Math.min(capacity, closedSteps)) {
            throw new IllegalArgumentException("step " + stepsAgo + " ago is not in the ring (closed "
                    + closedSteps + ", capacity " + capacity + ")");
        }
        return series[slotOf(closedSteps - 1 - stepsAgo) * TS + feature.ordinal()];
    }

    /** The pacer sent a packet of {@code sizeBytes} at {@code sendTimeUs} (the caller's clock). */
    public void onPacketSent(long sendTimeUs, int sizeBytes) {
        if (advanceTo(sendTimeUs)) {
            sentBytes += clampSize(sizeBytes);
        }
    }

    /**
     * A feedback report, as the call's {@link FeedbackFrontDoor} accepted it, arrived at
     * {@code nowUs}; {@code result} is the estimator's result after processing it. Either may be
     * null: no packets (the report still counts), or no estimator (its state is then held).
     */
    public void onFeedback(AcceptedFeedback feedback, long nowUs, BweResult result) {
        if (!advanceTo(nowUs)) {
            return;
        }
        feedbackReports++;
        if (feedback != null) {
            readFeedback(feedback, nowUs);
        }
        if (result != null) {
            readResult(result);
        }
    }

    /** An external RTT sample (e.g. RTCP) of {@code rttUs} at {@code nowUs}. */
    public void onRttSample(long rttUs, long nowUs) {
        if (advanceTo(nowUs)) {
            addRtt(rttUs);
        }
    }

    /** Closes every step that ended at or before {@code nowUs}. */
    public void advance(long nowUs) {
        advanceTo(nowUs);
    }

    /** Received packets in arrival order, then lost ones (the front door's order). */
    private void readFeedback(AcceptedFeedback feedback, long nowUs) {
        int received = feedback.receivedCount();
        long minShiftedUs = Long.MAX_VALUE;
        for (int k = 0; k < received; k++) {
            if (!feedback.isRecovered(k)) {
                receivedPackets++;
            }
            long sendUs = feedback.sendTimeUs(k);
            long arrivalUs = feedback.arrivalTimeUs(k);
            onReceived(sendUs, arrivalUs, feedback.sizeBytes(k));
            minShiftedUs = Math.min(minShiftedUs, nowUs - sendUs + arrivalUs);
        }
        for (int k = received; k < feedback.count(); k++) {
            countLoss(feedback.sequence(k));
        }
        if (received > 0) {
            addRtt(minShiftedUs - feedback.maxArrivalTimeUs());
        }
    }

    private void countLoss(long sequence) {
        lostPackets++;
        if (!hasLastLost || sequence != lastLostSequence + 1) {
            lossBursts++;
        }
        hasLastLost = true;
        lastLostSequence = sequence;
    }

    private void onReceived(long sendUs, long arrivalUs, int sizeBytes) {
        receivedBytes += sizeBytes;
        if (!hasStepArrival || arrivalUs > stepMaxArrivalUs) {
            stepMaxArrivalUs = arrivalUs;
            hasStepArrival = true;
        }
        long owdUs = arrivalUs - sendUs;
        if (hasLastOwd) {
            long changeUs = Math.abs(owdUs - lastOwdUs);
            if (changeUs > clockJumpUs) {
                restartDelayBaseline();
            } else {
                jitterUs += (changeUs - jitterUs) * JITTER_GAIN;
            }
        }
        hasLastOwd = true;
        lastOwdUs = owdUs;
        if (owdCount == 0) {
            owdAnchorUs = owdUs;
            sendAnchorUs = sendUs;
            owdOffsetSumUs = 0;
            sendOffsetSumUs = 0;
            stepMinOwdUs = owdUs;
        }
        owdCount++;
        owdOffsetSumUs += owdUs - owdAnchorUs;
        sendOffsetSumUs += sendUs - sendAnchorUs;
        stepMinOwdUs = Math.min(stepMinOwdUs, owdUs);
    }

    /** A clock jump: delays before it are on another clock, so forget them. */
    private void restartDelayBaseline() {
        baselineValidFromStep = closedSteps;
        owdCount = 0;
        stepMinOwdUs = Long.MAX_VALUE;
        hasPrevDelay = false;
    }

    private void readResult(BweResult result) {
        targetKbps = kbps(result.targetRateBps());
        delayBasedKbps = kbps(result.delayBasedRateBps());
        lossBasedKbps = kbps(result.lossBasedRateBps());
        ackedKbps = kbps(result.ackedRateBps());
        overusing = result.delayState() == BandwidthUsage.OVERUSING ? 1f : 0f;
        underusing = result.delayState() == BandwidthUsage.UNDERUSING ? 1f : 0f;
        inAlr = result.inAlr() ? 1f : 0f;
    }

    private void addRtt(long rttUs) {
        if (rttUs > 0 && rttUs <= MAX_RTT_US) {
            rttSumUs += rttUs;
            rttSamples++;
        }
    }

    /** Closes finished steps up to {@code nowUs}; false when {@code nowUs} is garbage. */
    private boolean advanceTo(long nowUs) {
        if (!validTime(nowUs)) {
            return false;
        }
        long step = Math.floorDiv(nowUs, stepUs);
        if (!started) {
            started = true;
            openStep = step;
            return true;
        }
        if (step <= openStep) {
            if (nowUs < openStep * stepUs - clockJumpUs) {
                openStep = step;
            }
            return true;
        }
        long emptySteps = step - openStep - 1;
        closeOpenStep();
        if (emptySteps > capacity) {
            closedSteps += emptySteps - capacity;
            emptySteps = capacity;
        }
        openStep = step - 1 - emptySteps;
        for (long i = 0; i < emptySteps; i++) {
            openStep++;
            closeOpenStep();
        }
        openStep = step;
        return true;
    }

    private void closeOpenStep() {
        int slot = slotOf(closedSteps);
        int row = slot * TS;
        if (rttSamples > 0) {
            heldRttMs = (float) (rttSumUs / rttSamples / 1_000.0);
        }
        int reported = lostPackets + receivedPackets;
        series[row + TimeSeriesFeature.RTT_MS.ordinal()] = heldRttMs;
        series[row + TimeSeriesFeature.LOSS_FRACTION.ordinal()] = reported > 0 ? (float) lostPackets / reported : 0f;
        series[row + TimeSeriesFeature.SEND_RATE_KBPS.ordinal()] = (float) (sentBytes * 8.0 / stepMs);
        series[row + TimeSeriesFeature.RECEIVE_RATE_KBPS.ordinal()] = receiveRateKbps();
        series[row + TimeSeriesFeature.DELAY_GRADIENT_MS_PER_S.ordinal()] = closeDelay(slot);
        series[row + TimeSeriesFeature.DELAY_ABOVE_MIN_MS.ordinal()] = heldDelayAboveMinMs;
        series[row + TimeSeriesFeature.JITTER_MS.ordinal()] = (float) (jitterUs / 1_000.0);
        series[row + TimeSeriesFeature.TARGET_RATE_KBPS.ordinal()] = targetKbps;
        series[row + TimeSeriesFeature.DELAY_BASED_RATE_KBPS.ordinal()] = delayBasedKbps;
        series[row + TimeSeriesFeature.LOSS_BASED_RATE_KBPS.ordinal()] = lossBasedKbps;
        series[row + TimeSeriesFeature.ACKED_RATE_KBPS.ordinal()] = ackedKbps;
        series[row + TimeSeriesFeature.DELAY_OVERUSING.ordinal()] = overusing;
        series[row + TimeSeriesFeature.DELAY_UNDERUSING.ordinal()] = underusing;
        series[row + TimeSeriesFeature.IN_ALR.ordinal()] = inAlr;
        series[row + TimeSeriesFeature.LOST_PACKETS.ordinal()] = lostPackets;
        series[row + TimeSeriesFeature.LOSS_BURSTS.ordinal()] = lossBursts;
        series[row + TimeSeriesFeature.FEEDBACK_REPORTS.ordinal()] = feedbackReports;
        reportedPackets[slot] = reported;
        lastClosedEndUs = (openStep + 1) * stepUs;
        closedSteps++;
        resetAccumulators();
    }

    /** Bytes received in the step over the receiver-clock span they cover (at least one step). */
    private float receiveRateKbps() {
        if (!hasStepArrival) {
            return 0f;
        }
        long spanUs = stepUs;
        if (hasArrivalRef) {
            long arrivalSpanUs = stepMaxArrivalUs - arrivalRefUs;
            if (arrivalSpanUs > 0 && arrivalSpanUs <= maxRateSpanUs) {
                spanUs = Math.max(arrivalSpanUs, stepUs);
            }
        }
        hasArrivalRef = true;
        arrivalRefUs = stepMaxArrivalUs;
        return (float) (receivedBytes * 8.0 / (spanUs / 1_000.0));
    }

    /** Updates the delay-above-minimum and returns the step's delay gradient (ms/s). */
    private float closeDelay(int slot) {
        minOwdUs[slot] = owdCount > 0 ? stepMinOwdUs : Long.MAX_VALUE;
        if (owdCount == 0) {
            return 0f;
        }
        long baselineUs = stepMinOwdUs;
        long from = Math.max(Math.max(closedSteps - (baseWindowSteps - 1), baselineValidFromStep),
                Math.max(closedSteps - capacity + 1, 0));
        for (long step = from; step < closedSteps; step++) {
            baselineUs = Math.min(baselineUs, minOwdUs[slotOf(step)]);
        }
        double owdOffsetMeanUs = owdOffsetSumUs / owdCount;
        double sendOffsetMeanUs = sendOffsetSumUs / owdCount;
        double aboveMinUs = (double) (owdAnchorUs - baselineUs) + owdOffsetMeanUs;
        heldDelayAboveMinMs = (float) Math.max(0.0, aboveMinUs / 1_000.0);
        double gradientMsPerS = 0;
        if (hasPrevDelay) {
            double sendSpanUs = (double) (sendAnchorUs - prevSendAnchorUs) + (sendOffsetMeanUs - prevSendOffsetMeanUs);
            double owdChangeUs = (double) (owdAnchorUs - prevOwdAnchorUs) + (owdOffsetMeanUs - prevOwdOffsetMeanUs);
            if (sendSpanUs > 0) {
                gradientMsPerS = Math.max(-MAX_GRADIENT_MS_PER_S,
                        Math.min(MAX_GRADIENT_MS_PER_S, owdChangeUs / sendSpanUs * 1_000.0));
            }
        }
        hasPrevDelay = true;
        prevOwdAnchorUs = owdAnchorUs;
        prevOwdOffsetMeanUs = owdOffsetMeanUs;
        prevSendAnchorUs = sendAnchorUs;
        prevSendOffsetMeanUs = sendOffsetMeanUs;
        return (float) gradientMsPerS;
    }

    private void resetAccumulators() {
        sentBytes = 0;
        receivedBytes = 0;
        receivedPackets = 0;
        lostPackets = 0;
        lossBursts = 0;
        feedbackReports = 0;
        rttSumUs = 0;
        rttSamples = 0;
        hasStepArrival = false;
        owdCount = 0;
        stepMinOwdUs = Long.MAX_VALUE;
    }

    int slotOf(long step) {
        return (int) (step % capacity);
    }

    float[] series() {
        return series;
    }

    int reportedPackets(int slot) {
        return reportedPackets[slot];
    }

    double stepSeconds() {
        return stepMs / 1_000.0;
    }

    private static boolean validTime(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }

    private static int clampSize(int sizeBytes) {
        return Math.max(0, Math.min(FeedbackFrontDoor.MAX_PACKET_BYTES, sizeBytes));
    }

    private static float kbps(long rateBps) {
        return rateBps > 0 ? rateBps / 1_000f : 0f;
    }
}
