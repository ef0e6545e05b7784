package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.bwe.api.TargetRateListener;
import dev.weir.bwe.api.TargetRateNotifier;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * <p>The call's life as libwebrtc's controller sees it: constraints change
 * ({@link #onTargetRateConstraints}, libwebrtc ResetConstraints), the route changes
 * ({@link #onNetworkRouteChange}: new acknowledged-rate, probe-result and delay-based estimators, the
 * loss-based controller's OnRouteChange, the probe controller reset, constraints again with the
 * safe-reset start rate), the network goes down and up (probing stops and resumes), and REMB caps
 * the target ({@link #onRemoteEstimate}). Set-up, route changes and availability are logged
 * (SLF4J, {@code dev.weir.gcc.GoogCcEstimator}); nothing is logged per packet.
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
    private static final Logger LOG = LoggerFactory.getLogger(GoogCcEstimator.class);

    private final GccSettings settings;
    private final FeedbackFrontDoor frontDoor;
    private DelayBasedBwe delayBased;
    private final DelayBasedResult delayResult = new DelayBasedResult();
    private final SendSideBandwidthEstimation lossBased;
    private AckedRateEstimator throughput;
    private final AlrDetector alr;
    private final ProbeClusterRegistry probeClusters = new ProbeClusterRegistry();
    private final ProbeController probeController;
    private ProbeBitrateEstimator probeEstimator;
    private final CongestionWindowPushback pushback;
    private boolean pushbackEnabled;
    private NetworkStatePredictor networkStatePredictor;
    private final TargetRateNotifier notifier = new TargetRateNotifier();
    private boolean networkAvailable = true;
    private long reportedTargetBps;
    private long packetsSent;
    private long feedbackReports;
    private long packetsReceived;
    private long packetsLost;
    private long feedbackPacketsIgnored;
    private long probeClustersRequested;
    private long routeChanges;
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
        throughput = newThroughputEstimator();
        alr = new AlrDetector(this.settings.alr);
        probeController = new ProbeController(this.settings.probe, probeClusters);
        probeEstimator = new ProbeBitrateEstimator(this.settings.probe);
        pushback = new CongestionWindowPushback(this.settings.pushback);
        pushbackEnabled = this.settings.pushback.enabled;
        lastTargetBps = this.settings.startBitrateBps;
        pushbackTargetBps = lastTargetBps;
        reportedTargetBps = lastTargetBps;
        if (LOG.isDebugEnabled()) {
            LOG.debug("gcc: bitrates [{}, {}] bps, start {} bps; LossBasedBweV2 {}, robust acked rate {}, pushback {}",
                    this.settings.minBitrateBps, this.settings.maxBitrateBps, this.settings.startBitrateBps,
                    this.settings.lossBased.v2.enabled ? "on" : "off",
                    this.settings.useRobustThroughputEstimator ? "on" : "off", pushbackEnabled ? "on" : "off");
        }
    }

    private AckedRateEstimator newThroughputEstimator() {
        return settings.useRobustThroughputEstimator
                ? new RobustThroughputEstimator(settings.throughput)
                : new AcknowledgedBitrateEstimator(settings.ackedBitrate);
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
        networkStatePredictor = predictor;
        delayBased.setNetworkStatePredictor(predictor);
    }

    /** The minimum target in force, bits per second (constructor or the latest constraints). */
    public long minBitrateBps() {
        return settings.minBitrateBps;
    }

    /** The maximum target in force, bits per second (constructor or the latest constraints). */
    public long maxBitrateBps() {
        return settings.maxBitrateBps;
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
        packetsSent++;
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
        int received = feedback.receivedCount();
        feedbackReports++;
        packetsReceived += received;
        packetsLost += count - received;
        feedbackPacketsIgnored += feedback.reportedCount() - count;
        if (count == 0) {
            complete(nowUs, out);
            return;
        }
        firstFeedbackReceived = true;
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
        complete(nowUs, out);
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
        complete(nowUs, out);
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
        complete(nowUs, out);
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
        complete(nowUs, out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        out.clearProbeRequests();
        complete(Math.max(nowUs, lastNowUs), out);
    }

    /**
     * libwebrtc OnTargetRateConstraints: ResetConstraints with the new bounds (loss-based and
     * delay-based controllers, probe controller), then the target moves into them.
     */
    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        if (!started) {
            setConstraints(minBps, startBps, maxBps);
            start(nowUs, out);
        } else {
            resetConstraints(minBps, startBps, maxBps, nowUs, out);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("gcc: constraints [{}, {}] bps, start {} bps at {} us", settings.minBitrateBps,
                    settings.maxBitrateBps, settings.startBitrateBps, nowUs);
        }
        onTargetMaybeChanged(nowUs, out);
        complete(nowUs, out);
    }

    /**
     * libwebrtc OnNetworkRouteChange with WebRTC-Bwe-SafeResetOnRouteChange (on by default): the
     * start rate is at most the acknowledged rate on the old route; the acknowledged-rate,
     * probe-result and delay-based estimators start afresh, the loss-based controller forgets the
     * route, the probe controller resets, the constraints are applied again (initial probes follow
     * while the network is available) and feedback for packets of the old route is ignored.
     * Allocates the new components.
     */
    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        out.clearProbeRequests(); // initial probes of a call that starts with a route change are moot
        routeChanges++;
        long requestedStartBps = startBps > 0 ? startBps : settings.startBitrateBps;
        long ackedBps = throughput.bitrateBps();
        long safeStartBps = ackedBps > 0 ? Math.min(requestedStartBps, ackedBps) : requestedStartBps;
        frontDoor.startRoute();
        throughput = newThroughputEstimator();
        probeEstimator = new ProbeBitrateEstimator(settings.probe);
        delayBased = new DelayBasedBwe(settings.delayBased);
        delayBased.setNetworkStatePredictor(networkStatePredictor);
        lossBased.onRouteChange();
        probeController.reset(nowUs);
        ackedRateBps = 0;
        lostSinceLossUpdate = 0;
        expectedSinceLossUpdate = 0;
        nextLossUpdateUs = Long.MIN_VALUE;
        resetConstraints(minBps, safeStartBps, maxBps, nowUs, out);
        if (LOG.isInfoEnabled()) {
            LOG.info("gcc: network route change at {} us: start {} bps (requested {}, acked {}), bitrates [{}, {}] bps",
                    nowUs, settings.startBitrateBps, requestedStartBps, ackedBps, settings.minBitrateBps,
                    settings.maxBitrateBps);
        }
        onTargetMaybeChanged(nowUs, out);
        complete(nowUs, out);
    }

    /** libwebrtc OnNetworkAvailability: the probe controller stops or resumes probing. */
    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        boolean changed = available != networkAvailable;
        networkAvailable = available;
        if (!started) {
            start(nowUs, out);
        } else {
            probeController.onNetworkAvailability(available, nowUs, out);
        }
        if (changed && LOG.isInfoEnabled()) {
            LOG.info("gcc: network {} at {} us", available ? "available" : "unavailable", nowUs);
        }
        complete(nowUs, out);
    }

    /** libwebrtc OnRemoteBitrateReport: the loss-based controller's receiver limit caps the target. */
    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        lossBased.onReceiverEstimate(bitrateBps, nowUs);
        complete(nowUs, out);
    }

    @Override
    public void setTargetRateListener(TargetRateListener listener) {
        notifier.setListener(listener);
    }

    @Override
    public void stats(BweStats out) {
        long receiverLimitBps = lossBased.receiverLimitBps();
        out.estimate(name(), lastNowUs == Long.MIN_VALUE ? 0 : lastNowUs, reportedTargetBps)
                .constraints(settings.minBitrateBps, settings.startBitrateBps, settings.maxBitrateBps,
                        receiverLimitBps == SendSideBandwidthEstimation.NO_LIMIT ? 0 : receiverLimitBps,
                        networkAvailable)
                .counters(packetsSent, feedbackReports, packetsReceived, packetsLost, feedbackPacketsIgnored,
                        probeClustersRequested, routeChanges)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE);
    }

    /** Applies the call's constraints and starts the initial probes, once, at the first event. */
    private void start(long nowUs, BweResult out) {
        if (started) {
            return;
        }
        started = true;
        // libwebrtc ResetConstraints with the initial constraints; then the network availability.
        resetConstraints(settings.minBitrateBps, settings.startBitrateBps, settings.maxBitrateBps, nowUs, out);
        probeController.onNetworkAvailability(networkAvailable, nowUs, out);
        alr.setEstimatedBitrate(settings.startBitrateBps);
    }

    /** The normalised constraints become the settings in force (so results are clamped to them). */
    private void setConstraints(long minBps, long startBps, long maxBps) {
        long minInForce = RateConstraints.min(minBps);
        long maxInForce = RateConstraints.max(minBps, maxBps);
        long startInForce = RateConstraints.start(minBps, startBps, maxBps);
        settings.minBitrateBps = minInForce;
        settings.maxBitrateBps = maxInForce;
        settings.startBitrateBps = startInForce != RateConstraints.NOT_SET ? startInForce
                : Math.max(minInForce, Math.min(maxInForce, settings.startBitrateBps));
    }

    /**
     * libwebrtc ResetConstraints: the bounds (and the start rate, when set) go to the loss-based and
     * delay-based controllers and to the probe controller. A maximum that is not set leaves the
     * probe controller at its 5 Mbps default, as libwebrtc's infinite maximum does.
     */
    private void resetConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        long startInForce = RateConstraints.start(minBps, startBps, maxBps);
        setConstraints(minBps, startBps, maxBps);
        long probeMaxBps = maxBps > 0 ? settings.maxBitrateBps : 0;
        lossBased.setBitrates(settings.minBitrateBps, startInForce, settings.maxBitrateBps, nowUs);
        if (startInForce != RateConstraints.NOT_SET) {
            delayBased.setStartBitrate(startInForce);
        }
        delayBased.setMinBitrate(settings.minBitrateBps);
        probeController.setBitrates(settings.minBitrateBps, startInForce, probeMaxBps, nowUs, out);
    }

    /** The event's result: filled, probe requests counted, the target listener told. */
    private void complete(long nowUs, BweResult out) {
        fill(nowUs, out);
        probeClustersRequested += out.probeRequestCount();
        reportedTargetBps = out.targetRateBps();
        notifier.onResult(out);
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
