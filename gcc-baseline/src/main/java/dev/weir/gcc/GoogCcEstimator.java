package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsCopy;
import dev.weir.bwe.feedback.AcceptedFeedback;
import dev.weir.bwe.feedback.AcceptedFeedbackSource;
import dev.weir.bwe.feedback.FeedbackFrontDoor;
import dev.weir.gcc.alr.AlrDetector;
import dev.weir.gcc.delay.DelayBasedBwe;
import dev.weir.gcc.delay.DelayBasedResult;
import dev.weir.gcc.delay.NetworkStatePredictor;
import dev.weir.gcc.loss.LossBasedSettings;
import dev.weir.gcc.loss.SendSideBandwidthEstimation;
import dev.weir.gcc.loss.v2.LossBasedState;
import dev.weir.gcc.probe.BandwidthLimitedCause;
import dev.weir.gcc.probe.ProbeBitrateEstimator;
import dev.weir.gcc.probe.ProbeClusterRegistry;
import dev.weir.gcc.probe.ProbeController;
import dev.weir.gcc.pushback.CongestionWindowPushback;
import dev.weir.gcc.throughput.AckedRateEstimator;
import dev.weir.gcc.throughput.AcknowledgedBitrateEstimator;
import dev.weir.gcc.throughput.RobustThroughputEstimator;

/**
 * Google Congestion Control, composed as libwebrtc's {@code GoogCcNetworkController} does
 * (modules/congestion_controller/goog_cc/goog_cc_network_control.cc,
 * https://webrtc.googlesource.com/src; draft-ietf-rmcat-gcc-02): per transport feedback report,
 * the acknowledged throughput, probe results and the delay-based estimate (inter-arrival groups ->
 * trendline -> AIMD) are computed, the loss-based controller takes the delay-based estimate as its
 * upper limit, and its output is the target. ALR detection and the probe controller run beside
 * them.
 *
 * <p>Round-trip times as libwebrtc uses them: RTCP round-trip times ({@link #onRttSample}) set
 * AIMD's response time and the loss-based decrease interval; the propagation RTT measured from
 * each feedback report drives the RTT backoff.
 *
 * <p>Every report goes through the bwe-core {@link FeedbackFrontDoor} (unwrapping, duplicates,
 * sizes, arrival order), and time never runs backwards inside (a caller clock that does is held at
 * its latest value). Steady state allocates nothing.
 *
 * <p>Not thread-safe: one instance per call, driven from one thread.
 */
public final class GoogCcEstimator implements BandwidthEstimator, AcceptedFeedbackSource {
    /** Feedback RTTs outside [0, 60 s] are not RTTs but clock garbage. */
    private static final long MAX_PLAUSIBLE_RTT_US = 60_000_000;

    private final GccSettings settings;
    private final FeedbackFrontDoor frontDoor;
    private final DelayBasedBwe delayBased;
    private final DelayBasedResult delayResult = new DelayBasedResult();
    private final SendSideBandwidthEstimation lossBased;
    private final AckedRateEstimator throughput;
    private final AlrDetector alr;
    private final ProbeClusterRegistry probeClusters = new ProbeClusterRegistry();
    private final ProbeController probeController;
    private final ProbeBitrateEstimator probeEstimator;
    private final CongestionWindowPushback pushback;
    private boolean pushbackEnabled;
    /** A tuning waiting for the next report (written and read on the estimator's thread). */
    private GccTuning pendingTuning;

    private long lostSinceLossUpdate;
    private long expectedSinceLossUpdate;
    private long nextLossUpdateUs = Long.MIN_VALUE;
    private long lastNowUs = Long.MIN_VALUE;
    private boolean started;
    private boolean firstPacketSent;
    private boolean firstFeedbackReceived;
    private boolean previouslyInAlr;
    private long lastTargetBps;
    private long pushbackTargetBps;
    private BandwidthLimitedCause lastLimitedCause;
    private long ackedRateBps;

    /** An estimator with {@code settings}, which are validated (every problem listed) and copied. */
    public GoogCcEstimator(GccSettings settings) {
        this(settings, new FeedbackFrontDoor(64));
    }

    /**
     * An estimator that shares {@code frontDoor} with its caller: a wrapper (the weir estimator)
     * accepts each report once and hands the {@link AcceptedFeedback} to {@link #onAcceptedFeedback}
     * and to its own consumers; sent packets are unwrapped by the same door.
     */
    public GoogCcEstimator(GccSettings settings, FeedbackFrontDoor frontDoor) {
        this.frontDoor = java.util.Objects.requireNonNull(frontDoor, "frontDoor");
        ConfigCheck check = ConfigCheck.of("gcc");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = SettingsCopy.copy(settings);
        delayBased = new DelayBasedBwe(this.settings.delayBased);
        lossBased = new SendSideBandwidthEstimation(this.settings.lossBased);
        throughput = this.settings.useRobustThroughputEstimator
                ? new RobustThroughputEstimator(this.settings.throughput)
                : new AcknowledgedBitrateEstimator(this.settings.ackedBitrate);
        alr = new AlrDetector(this.settings.alr);
        probeController = new ProbeController(this.settings.probe, probeClusters);
        probeEstimator = new ProbeBitrateEstimator(this.settings.probe);
        pushback = new CongestionWindowPushback(this.settings.pushback);
        pushbackEnabled = this.settings.pushback.enabled;
        lastTargetBps = this.settings.startBitrateBps;
        pushbackTargetBps = lastTargetBps;
    }

    /** An estimator with libwebrtc's defaults and the given bitrate constraints. */
    public GoogCcEstimator(long minBps, long startBps, long maxBps) {
        this(GccSettings.defaults().withBitrates(minBps, startBps, maxBps));
    }

    @Override
    public String name() {
        return "gcc";
    }

    /** A copy of the settings in force (including any tuning applied since construction). */
    public GccSettings settings() {
        GccSettings copy = SettingsCopy.copy(settings);
        copy.lossBased = lossBased.settings().copy();
        return copy;
    }

    /**
     * Swaps in a network type's parameter set: loss-based control (classic and LBv2), AIMD, the
     * trendline detector, probing and pushback, without resetting any estimate. It takes effect at
     * the next feedback report (the loss-based part at the next loss update). Returns false, and
     * changes nothing, if {@code tuning} is invalid. Call on the estimator's thread.
     */
    public boolean applyTuning(GccTuning tuning) {
        if (tuning == null) {
            return false;
        }
        ConfigCheck check = ConfigCheck.of("tuning");
        tuning.validate(check);
        if (!check.isValid()) {
            return false;
        }
        pendingTuning = tuning.copy();
        return true;
    }

    /**
     * Injects (or with null removes) a predictor whose verdict replaces the overuse detector's, as
     * libwebrtc's NetworkStatePredictor hook in DelayBasedBwe: the seam for early back-off.
     */
    public void setNetworkStatePredictor(NetworkStatePredictor predictor) {
        delayBased.setNetworkStatePredictor(predictor);
    }

    private void applyPendingTuning() {
        GccTuning tuning = pendingTuning;
        pendingTuning = null;
        lossBased.applySettings(tuning.lossBased);
        delayBased.applyTuning(tuning.trendline, tuning.aimd);
        probeController.applySettings(tuning.probe);
        pushback.applySettings(tuning.pushback);
        pushbackEnabled = tuning.pushback.enabled;
        GccSettings inForce = tuning.applyTo(settings);
        settings.delayBased = inForce.delayBased;
        settings.probe = inForce.probe;
        settings.pushback = inForce.pushback;
    }

    /**
     * Swaps the loss-based controller's parameter set (classic thresholds and factors, and the
     * LossBasedBweV2 settings) without resetting the estimate; it takes effect at the next loss
     * report. Returns false, and changes nothing, if {@code lossSettings} is invalid. This is the
     * hook network-type steering uses (e.g. tolerate random radio loss).
     */
    public boolean applyLossBasedSettings(LossBasedSettings lossSettings) {
        return lossBased.applySettings(lossSettings);
    }

    /** LossBasedBweV2's state (libwebrtc loss_based_state()); delay-based while it is off or not ready. */
    public LossBasedState lossBasedState() {
        return lossBased.lossBasedState();
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        long timeUs = Math.max(sendTimeUs, lastNowUs);
        int size = Math.max(0, Math.min(FeedbackFrontDoor.MAX_PACKET_BYTES, sizeBytes));
        alr.onBytesSent(size, timeUs);
        throughput.setInAlr(alr.inAlr());
        if (!firstPacketSent) {
            firstPacketSent = true;
            // libwebrtc: lets the RTT backoff see a call whose feedback never arrives.
            lossBased.onPropagationRtt(0, timeUs);
        }
        lossBased.onPacketSent(timeUs);
        long sequence = frontDoor.unwrapSent(transportSequenceNumber);
        // Bytes in flight are tracked even with pushback off, so a tuning can turn it on mid-call.
        pushback.onPacketSent(sequence, size);
        if (pushbackEnabled) {
            // libwebrtc moves the pushback at every sent packet; the next result reports it.
            pushbackTargetBps = pushback.update(lossBased.targetRateBps(), settings.minBitrateBps);
        }
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        onAcceptedFeedback(frontDoor.accept(report, Math.max(nowUs, lastNowUs)), nowUs, out);
    }

    /** What the front door made of the report the latest {@link #onFeedback} handed in. */
    @Override
    public AcceptedFeedback lastAcceptedFeedback() {
        return frontDoor.last();
    }

    /**
     * A report already accepted by a {@link FeedbackFrontDoor} (a wrapper that shares one front
     * door between GCC and its own consumers calls this instead of {@link #onFeedback}).
     */
    public void onAcceptedFeedback(AcceptedFeedback feedback, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        if (pendingTuning != null) {
            applyPendingTuning();
        }
        int count = feedback.count();
        if (count == 0) {
            fill(nowUs, out);
            return;
        }
        firstFeedbackReceived = true;
        int received = feedback.receivedCount();
        long maxFeedbackRttUs = updateRtts(feedback, nowUs);
        pushback.onFeedback(feedback.highestSequence(), maxFeedbackRttUs);
        countLoss(feedback, nowUs);

        boolean inAlr = alr.alrStartTimeUs() != AlrDetector.NOT_IN_ALR;
        if (previouslyInAlr && !inAlr) {
            throughput.setAlrEndedTimeUs(nowUs);
            probeController.setAlrEndedTime(nowUs);
        }
        previouslyInAlr = inAlr;

        for (int k = 0; k < received; k++) {
            throughput.onPacket(feedback.sendTimeUs(k), feedback.arrivalTimeUs(k), feedback.sizeBytes(k));
        }
        ackedRateBps = Math.max(0, throughput.bitrateBps());
        lossBased.onAckedRate(ackedRateBps);
        for (int k = 0; k < received; k++) {
            int cluster = feedback.probeClusterId(k);
            if (cluster != FeedbackReport.NOT_A_PROBE) {
                probeEstimator.onProbePacket(cluster, feedback.sendTimeUs(k), feedback.arrivalTimeUs(k),
                        feedback.sizeBytes(k), probeClusters, nowUs);
            }
        }
        long probeBps = probeEstimator.fetchAndResetLastEstimateBps();
        if (probeBps > 0 && ackedRateBps > 0) {
            // libwebrtc limit_probes_lower_than_throughput_estimate: a probe may lower the estimate
            // only to slightly below the acked rate (drain queues, do not crash the rate).
            long limitBps = Math.min(delayBased.lastEstimateBps(),
                    (long) (ackedRateBps * settings.probeDropThroughputFraction));
            probeBps = Math.max(probeBps, limitBps);
        }
        for (int k = 0; k < received; k++) {
            delayBased.onPacket(feedback.sendTimeUs(k), feedback.arrivalTimeUs(k), feedback.sizeBytes(k), nowUs);
        }
        DelayBasedResult result = delayBased.onReportEnd(ackedRateBps, probeBps, inAlr, nowUs, delayResult);
        if (result.updated()) {
            if (result.probe()) {
                lossBased.setEstimate(result.targetBitrateBps(), nowUs);
            }
            lossBased.onDelayBasedEstimate(result.targetBitrateBps(), nowUs);
        }
        // libwebrtc UpdateLossBasedEstimator: every packet of the report, received or lost.
        for (int k = 0; k < count; k++) {
            lossBased.onPacketResult(feedback.sequence(k), feedback.sendTimeUs(k), feedback.sizeBytes(k),
                    !feedback.isLost(k));
        }
        lossBased.updateLossBasedEstimator(inAlr, nowUs);
        if (result.updated()) {
            onTargetMaybeChanged(nowUs, out);
        }
        if (result.recoveredFromOveruse()) {
            probeController.setInAlr(inAlr);
            probeController.requestProbe(nowUs, out);
        }
        if (pushbackEnabled && received > 0) {
            pushback.updateWindow(lastTargetBps);
        }
        fill(nowUs, out);
    }

    /** An RTCP round-trip time: AIMD's response time and the loss-based decrease interval. */
    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        if (rttUs > 0 && rttUs <= MAX_PLAUSIBLE_RTT_US) {
            delayBased.setRtt(rttUs);
            lossBased.onRtt(rttUs, nowUs);
        }
        fill(nowUs, out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        if (packetsExpected > 0 && packetsLost >= 0) {
            lossBased.onPacketsReport(Math.min(packetsLost, packetsExpected), packetsExpected, nowUs);
            onTargetMaybeChanged(nowUs, out);
        }
        fill(nowUs, out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        lossBased.onPeriodicUpdate(nowUs);
        // libwebrtc: no ALR probing before the first transport feedback.
        long alrStartUs = alr.alrStartTimeUs();
        probeController.setInAlr(firstFeedbackReceived && alrStartUs != AlrDetector.NOT_IN_ALR);
        probeController.process(nowUs, alrStartUs, out);
        if (pushbackEnabled) {
            pushback.updateWindow(lastTargetBps);
        }
        onTargetMaybeChanged(nowUs, out);
        fill(nowUs, out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        out.clearProbeRequests();
        fill(Math.max(nowUs, lastNowUs), out);
    }

    /** Applies the call's constraints and starts the initial probes, once, at the first event. */
    private void start(long nowUs, BweResult out) {
        if (started) {
            return;
        }
        started = true;
        // libwebrtc ResetConstraints: the call's bitrates go to the loss-based and delay-based
        // controllers and to the probe controller; the network is then available.
        lossBased.setBitrates(settings.minBitrateBps, settings.startBitrateBps, settings.maxBitrateBps, nowUs);
        delayBased.setStartBitrate(settings.startBitrateBps);
        delayBased.setMinBitrate(settings.minBitrateBps);
        probeController.setBitrates(settings.minBitrateBps, settings.startBitrateBps, settings.maxBitrateBps, nowUs,
                out);
        probeController.onNetworkAvailability(true, nowUs, out);
        alr.setEstimatedBitrate(settings.startBitrateBps);
    }

    /**
     * libwebrtc MaybeTriggerOnNetworkChanged: the pushback moves, and a new loss-based target (or
     * limiting cause) feeds ALR and the probe controller.
     */
    private void onTargetMaybeChanged(long nowUs, BweResult out) {
        long targetBps = lossBased.targetRateBps();
        if (pushbackEnabled) {
            pushbackTargetBps = pushback.update(targetBps, settings.minBitrateBps);
        }
        BandwidthLimitedCause cause = limitedCause(nowUs);
        // libwebrtc triggers on a new target or loss-based state (the cause carries the state).
        if (targetBps != lastTargetBps || cause != lastLimitedCause) {
            lastTargetBps = targetBps;
            lastLimitedCause = cause;
            alr.setEstimatedBitrate(targetBps);
            probeController.setEstimatedBitrate(targetBps, cause, nowUs, out);
        }
    }

    /** libwebrtc GetBandwidthLimitedCause. */
    private BandwidthLimitedCause limitedCause(long nowUs) {
        BandwidthUsage usage = delayBased.state();
        if (usage == BandwidthUsage.OVERUSING || usage == BandwidthUsage.UNDERUSING) {
            return BandwidthLimitedCause.DELAY_BASED_LIMITED_DELAY_INCREASED;
        }
        if (lossBased.isRttAboveLimit(nowUs)) {
            return BandwidthLimitedCause.RTT_BASED_BACKOFF_HIGH_RTT;
        }
        return switch (lossBased.lossBasedState()) {
            case DECREASING, INCREASE_USING_PADDING -> BandwidthLimitedCause.LOSS_LIMITED_BWE;
            case INCREASING -> BandwidthLimitedCause.LOSS_LIMITED_BWE_INCREASING;
            case DELAY_BASED_ESTIMATE -> BandwidthLimitedCause.DELAY_BASED_LIMITED;
        };
    }

    /**
     * libwebrtc OnTransportPacketsFeedback: per received packet, the feedback RTT (feedback time
     * minus send time) and the propagation RTT (the same minus the time it waited at the receiver
     * for the report). The minimum propagation RTT drives the RTT backoff; the maximum feedback RTT
     * is returned for the congestion window (-1 when there is none).
     */
    private long updateRtts(AcceptedFeedback feedback, long nowUs) {
        int received = feedback.receivedCount();
        if (received == 0) {
            return -1;
        }
        long maxArrivalUs = feedback.maxArrivalTimeUs();
        long minRttUs = Long.MAX_VALUE;
        long maxFeedbackRttUs = -1;
        for (int k = 0; k < received; k++) {
            long feedbackRttUs = nowUs - feedback.sendTimeUs(k);
            long rttUs = feedbackRttUs - (maxArrivalUs - feedback.arrivalTimeUs(k));
            if (feedbackRttUs >= 0 && feedbackRttUs <= MAX_PLAUSIBLE_RTT_US) {
                maxFeedbackRttUs = Math.max(maxFeedbackRttUs, feedbackRttUs);
            }
            if (rttUs >= 0 && rttUs <= MAX_PLAUSIBLE_RTT_US) {
                minRttUs = Math.min(minRttUs, rttUs);
            }
        }
        if (minRttUs != Long.MAX_VALUE) {
            lossBased.onPropagationRtt(minRttUs, nowUs);
        }
        return maxFeedbackRttUs;
    }

    /**
     * Loss from feedback, handed to the classic loss-based controller once per loss update
     * interval: what libwebrtc learns from RTCP receiver reports (one per second for video).
     */
    private void countLoss(AcceptedFeedback feedback, long nowUs) {
        for (int k = 0; k < feedback.count(); k++) {
            if (!feedback.isRecovered(k)) {
                expectedSinceLossUpdate++;
                if (feedback.isLost(k)) {
                    lostSinceLossUpdate++;
                }
            }
        }
        if (nowUs > nextLossUpdateUs) {
            nextLossUpdateUs = nowUs + settings.lossUpdateIntervalMs * 1_000;
            lossBased.onPacketsReport(lostSinceLossUpdate, expectedSinceLossUpdate, nowUs);
            lostSinceLossUpdate = 0;
            expectedSinceLossUpdate = 0;
        }
    }

    /**
     * The result (libwebrtc TargetTransferRate and PacerConfig): in drop-frame pushback mode the
     * target is the loss-based target and the pushback a frame-drop ratio, otherwise the target is
     * pushed back; pacing follows the loss-based target.
     */
    private void fill(long nowUs, BweResult out) {
        long lossBasedBps = clampTarget(started ? lossBased.targetRateBps() : settings.startBitrateBps);
        long targetBps = !pushbackEnabled || pushback.dropFrameOnly() ? lossBasedBps : clampTarget(pushbackTargetBps);
        BandwidthUsage state = delayBased.state();
        double pacingFactor = firstFeedbackReceived ? settings.pacingFactor : settings.pacingFactorBeforeFeedback;
        out.timeUs(nowUs)
                .targetRateBps(targetBps)
                .pacingRateBps((long) (lossBasedBps * pacingFactor))
                .delayBasedRateBps(delayBased.lastEstimateBps())
                .lossBasedRateBps(lossBasedBps)
                .ackedRateBps(ackedRateBps)
                .delayState(state == null ? BandwidthUsage.NORMAL : state)
                .lossRatio(started ? clampUnit(lossBased.lossRatio()) : 0.0)
                .rttUs(Math.max(0, lossBased.rttUs()))
                .inAlr(alr.alrStartTimeUs() != AlrDetector.NOT_IN_ALR)
                .fecRatio(0.0)
                .paddingRateBps(Math.min(lossBased.lossBasedPaddingRateBps(),
                        !pushbackEnabled ? lossBasedBps : clampTarget(pushbackTargetBps)))
                .dataWindowBytes(!pushbackEnabled ? 0 : pushback.dataWindowBytes())
                .cwndReduceRatio(!pushbackEnabled ? 0 : pushback.cwndReduceRatio())
                .pushbackRateBps(!pushbackEnabled ? targetBps : Math.min(targetBps, clampTarget(pushbackTargetBps)))
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, 0, 0, 0);
    }

    private long clampTarget(long rateBps) {
        return Math.max(settings.minBitrateBps, Math.min(settings.maxBitrateBps, rateBps));
    }

    private long advanceClock(long nowUs) {
        if (nowUs > lastNowUs) {
            lastNowUs = nowUs;
        }
        return lastNowUs;
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1.0 : 0.0);
    }
}
