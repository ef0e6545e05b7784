package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.util.SequenceUnwrapper;
import dev.weir.gcc.alr.AlrDetector;
import dev.weir.gcc.delay.DelayBasedBwe;
import dev.weir.gcc.delay.DelayBasedResult;
import dev.weir.gcc.loss.LossBasedSettings;
import dev.weir.gcc.loss.SendSideBandwidthEstimation;
import dev.weir.gcc.loss.v2.LossBasedState;
import dev.weir.gcc.probe.ProbeBitrateEstimator;
import dev.weir.gcc.probe.ProbeClusterRegistry;
import dev.weir.gcc.probe.ProbeController;
import dev.weir.gcc.throughput.AckedRateEstimator;
import dev.weir.gcc.throughput.AcknowledgedBitrateEstimator;
import dev.weir.gcc.throughput.RobustThroughputEstimator;

/**
 * Google Congestion Control, composed as libwebrtc's {@code GoogCcNetworkController} does
 * (modules/congestion_controller/goog_cc/goog_cc_network_control.cc; draft-ietf-rmcat-gcc-02):
 * per transport feedback report, the acknowledged throughput, probe results and the delay-based
 * estimate (inter-arrival groups -> trendline -> AIMD) are computed, the loss-based controller takes
 * the delay-based estimate as its upper limit, and its output is the target. ALR detection and the
 * probe controller run beside them.
 *
 * <p>Input hygiene lives here, once: time never runs backwards inside (a caller clock that does is
 * held at its latest value), duplicate packets are dropped through a window of recently reported
 * sequence numbers, sizes are clamped, and each report is visited in arrival order through a
 * preallocated index, so steady state allocates nothing.
 *
 * <p>Not thread-safe: one instance per call, driven from one thread.
 */
public final class GoogCcEstimator implements BandwidthEstimator {
    /** Recently reported sequence numbers remembered for duplicate detection (power of two). */
    private static final int SEEN_WINDOW = 1 << 13;
    /** Largest plausible packet, bytes (max UDP payload); bigger sizes are garbage and clamped. */
    private static final int MAX_PACKET_BYTES = 65_535;
    /** Feedback RTTs outside (0, 60 s] are not RTTs but clock garbage. */
    private static final long MAX_PLAUSIBLE_RTT_US = 60_000_000;

    private final GccSettings settings;
    private final DelayBasedBwe delayBased;
    private final DelayBasedResult delayResult = new DelayBasedResult();
    private final SendSideBandwidthEstimation lossBased;
    private final AckedRateEstimator throughput;
    private final AlrDetector alr;
    private final ProbeClusterRegistry probeClusters = new ProbeClusterRegistry();
    private final ProbeController probeController;
    private final ProbeBitrateEstimator probeEstimator;
    private final SequenceUnwrapper unwrapper = new SequenceUnwrapper();
    private final long[] seenSequences = new long[SEEN_WINDOW];
    private final long[] feedbackRttsUs;

    private int[] order = new int[256];
    private boolean[] accepted = new boolean[256];
    private long[] unwrappedSequences = new long[256];
    private int feedbackRttCount;
    private int feedbackRttNext;
    private long lostSinceLossUpdate;
    private long expectedSinceLossUpdate;
    private long nextLossUpdateUs = Long.MIN_VALUE;
    private long lastNowUs = Long.MIN_VALUE;
    private boolean started;
    private boolean previouslyInAlr;
    private long lastTargetBps;
    private long ackedRateBps;
    private long rttUs;

    /** An estimator with {@code settings}, which are validated (every problem listed) and copied. */
    public GoogCcEstimator(GccSettings settings) {
        ConfigCheck check = ConfigCheck.of("gcc");
        settings.validate(check);
        check.throwIfInvalid();
        this.settings = SettingsJson.copy(settings, GccSettings.class);
        // The call's constraints bound every component, not only the final target.
        this.settings.delayBased.aimd.startBitrateBps = this.settings.startBitrateBps;
        this.settings.delayBased.aimd.minBitrateBps = this.settings.minBitrateBps;
        this.settings.delayBased.aimd.maxBitrateBps = this.settings.maxBitrateBps;
        delayBased = new DelayBasedBwe(this.settings.delayBased);
        lossBased = new SendSideBandwidthEstimation(this.settings.lossBased);
        throughput = this.settings.useRobustThroughputEstimator
                ? new RobustThroughputEstimator(this.settings.throughput)
                : new AcknowledgedBitrateEstimator(this.settings.ackedBitrate);
        alr = new AlrDetector(this.settings.alr);
        probeController = new ProbeController(this.settings.probe, probeClusters);
        probeEstimator = new ProbeBitrateEstimator(this.settings.probe);
        feedbackRttsUs = new long[this.settings.feedbackRttWindow];
        java.util.Arrays.fill(seenSequences, -1);
        lastTargetBps = this.settings.startBitrateBps;
    }

    /** An estimator with libwebrtc's defaults and the given bitrate constraints. */
    public GoogCcEstimator(long minBps, long startBps, long maxBps) {
        this(GccSettings.defaults().withBitrates(minBps, startBps, maxBps));
    }

    @Override
    public String name() {
        return "gcc";
    }

    /** A copy of the settings in force (the loss-based part may have been swapped since). */
    public GccSettings settings() {
        GccSettings copy = SettingsJson.copy(settings, GccSettings.class);
        copy.lossBased = lossBased.settings().copy();
        return copy;
    }

    /**
     * Swaps the loss-based controller's parameter set (classic thresholds and factors, and the
     * LossBasedBweV2 settings) without resetting the estimate; it takes effect at the next loss
     * report. Returns false, and changes nothing, if {@code lossSettings} is invalid. This is the hook network-type steering
     * uses (e.g. tolerate random radio loss).
     */
    public boolean applyLossBasedSettings(LossBasedSettings lossSettings) {
        return lossBased.applySettings(lossSettings);
    }

    /** LossBasedBweV2's state (libwebrtc loss_based_state()); delay-based while it is off or not ready. */
    public LossBasedState lossBasedState() {
        return lossBased.lossBasedState();
    }

    /** The padding rate LossBasedBweV2 asks the pacer for, bps; 0 when it asks for none. */
    public long lossBasedPaddingRateBps() {
        return lossBased.lossBasedPaddingRateBps();
    }

    @Override
    public void onPacketSent(long sendTimeUs, int sizeBytes) {
        long timeUs = Math.max(sendTimeUs, lastNowUs);
        alr.onBytesSent(clampSize(sizeBytes), timeUs);
        throughput.setInAlr(alr.inAlr());
        lossBased.onPacketSent(timeUs);
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        int count = acceptPackets(report);
        if (count == 0) {
            fill(nowUs, out);
            return;
        }
        updateRttFromFeedback(report, nowUs);
        countLoss(report, nowUs);

        long alrStartUs = alr.alrStartTimeUs();
        boolean inAlr = alrStartUs != AlrDetector.NOT_IN_ALR;
        if (previouslyInAlr && !inAlr) {
            throughput.setAlrEndedTimeUs(nowUs);
        }
        previouslyInAlr = inAlr;

        // Received packets in arrival order feed throughput, probe results and the delay detector.
        for (int k = 0; k < count; k++) {
            int i = order[k];
            if (report.isLost(i)) {
                continue;
            }
            throughput.onPacket(report.sendTimeUs(i), report.arrivalTimeUs(i), clampSize(report.sizeBytes(i)));
        }
        ackedRateBps = Math.max(0, throughput.bitrateBps());
        lossBased.onAckedRate(ackedRateBps);
        for (int k = 0; k < count; k++) {
            int i = order[k];
            int cluster = report.probeClusterId(i);
            if (!report.isLost(i) && cluster != FeedbackReport.NOT_A_PROBE) {
                probeEstimator.onProbePacket(cluster, report.sendTimeUs(i), report.arrivalTimeUs(i),
                        clampSize(report.sizeBytes(i)), probeClusters, nowUs);
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
        for (int k = 0; k < count; k++) {
            int i = order[k];
            if (!report.isLost(i)) {
                delayBased.onPacket(report.sendTimeUs(i), report.arrivalTimeUs(i), clampSize(report.sizeBytes(i)),
                        nowUs);
            }
        }
        DelayBasedResult result = delayBased.onReportEnd(ackedRateBps, probeBps, inAlr, nowUs, delayResult);
        if (result.updated()) {
            if (result.probe()) {
                lossBased.setEstimate(result.targetBitrateBps(), nowUs);
            }
            lossBased.onDelayBasedEstimate(result.targetBitrateBps(), nowUs);
        }
        // libwebrtc UpdateLossBasedEstimator: every packet of the report, received or lost.
        for (int i = 0; i < report.count(); i++) {
            if (accepted[i]) {
                lossBased.onPacketResult(unwrappedSequences[i], report.sendTimeUs(i), clampSize(report.sizeBytes(i)),
                        !report.isLost(i));
            }
        }
        lossBased.updateLossBasedEstimator(inAlr, nowUs);
        if (result.updated()) {
            onTargetMaybeChanged(nowUs, out);
        }
        fill(nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        nowUs = advanceClock(nowUs);
        out.clearProbeRequests();
        start(nowUs, out);
        if (rttUs > 0 && rttUs <= MAX_PLAUSIBLE_RTT_US) {
            delayBased.setRtt(rttUs);
            lossBased.onRtt(rttUs, nowUs);
            this.rttUs = rttUs;
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
        long alrStartUs = alr.alrStartTimeUs();
        probeController.onProcess(nowUs, alrStartUs != AlrDetector.NOT_IN_ALR, alrStartUs, out);
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
        lossBased.setBitrates(settings.minBitrateBps, settings.startBitrateBps, settings.maxBitrateBps, nowUs);
        delayBased.setMinBitrate(settings.minBitrateBps);
        long maxProbeBps = Math.min(settings.maxBitrateBps, settings.probe.defaultMaxProbingBitrateBps);
        probeController.setBitrates(settings.minBitrateBps, settings.startBitrateBps, maxProbeBps, nowUs, out);
        probeController.onNetworkAvailable(nowUs, out);
        alr.setEstimatedBitrate(settings.startBitrateBps);
    }

    /** libwebrtc MaybeTriggerOnNetworkChanged: a new target feeds ALR and the probe controller. */
    private void onTargetMaybeChanged(long nowUs, BweResult out) {
        long targetBps = lossBased.targetRateBps();
        if (targetBps != lastTargetBps) {
            lastTargetBps = targetBps;
            alr.setEstimatedBitrate(targetBps);
            probeController.onEstimate(targetBps, nowUs, out);
        }
    }

    /**
     * Marks duplicates and sorts the accepted packets by arrival time (lost ones keep their
     * position at the end); returns how many were accepted. Insertion sort: reports arrive nearly
     * sorted, so it is linear in practice and allocation-free.
     */
    private int acceptPackets(FeedbackReport report) {
        int n = report.count();
        if (order.length < n) {
            int capacity = Math.max(n, order.length * 2);
            order = new int[capacity];
            accepted = new boolean[capacity];
            unwrappedSequences = new long[capacity];
        }
        int count = 0;
        for (int i = 0; i < n; i++) {
            long sequence = unwrapper.unwrap(report.sequenceNumber(i));
            unwrappedSequences[i] = sequence;
            int slot = (int) (sequence & (SEEN_WINDOW - 1));
            accepted[i] = seenSequences[slot] != sequence;
            if (!accepted[i]) {
                continue;
            }
            seenSequences[slot] = sequence;
            long key = sortKey(report, i);
            int k = count++;
            while (k > 0 && sortKey(report, order[k - 1]) > key) {
                order[k] = order[k - 1];
                k--;
            }
            order[k] = i;
        }
        return count;
    }

    private static long sortKey(FeedbackReport report, int i) {
        return report.isLost(i) ? Long.MAX_VALUE : report.arrivalTimeUs(i);
    }

    /**
     * RTT from the report (libwebrtc OnTransportPacketsFeedback): per packet, feedback time minus
     * send time minus the time it waited at the receiver for the report. The mean of the latest
     * maxima drives AIMD; the minimum drives the loss-based controller.
     */
    private void updateRttFromFeedback(FeedbackReport report, long nowUs) {
        long maxArrivalUs = Long.MIN_VALUE;
        for (int i = 0; i < report.count(); i++) {
            if (accepted[i] && !report.isLost(i)) {
                maxArrivalUs = Math.max(maxArrivalUs, report.arrivalTimeUs(i));
            }
        }
        if (maxArrivalUs == Long.MIN_VALUE) {
            return;
        }
        long maxFeedbackRttUs = -1;
        long minRttUs = Long.MAX_VALUE;
        for (int i = 0; i < report.count(); i++) {
            if (!accepted[i] || report.isLost(i)) {
                continue;
            }
            long feedbackRttUs = nowUs - report.sendTimeUs(i);
            long pendingUs = maxArrivalUs - report.arrivalTimeUs(i);
            long rtt = feedbackRttUs - pendingUs;
            if (feedbackRttUs > 0 && feedbackRttUs <= MAX_PLAUSIBLE_RTT_US) {
                maxFeedbackRttUs = Math.max(maxFeedbackRttUs, feedbackRttUs);
            }
            if (rtt > 0 && rtt <= MAX_PLAUSIBLE_RTT_US) {
                minRttUs = Math.min(minRttUs, rtt);
            }
        }
        if (maxFeedbackRttUs > 0) {
            feedbackRttsUs[feedbackRttNext] = maxFeedbackRttUs;
            feedbackRttNext = (feedbackRttNext + 1) % feedbackRttsUs.length;
            feedbackRttCount = Math.min(feedbackRttCount + 1, feedbackRttsUs.length);
            long sumUs = 0;
            for (int k = 0; k < feedbackRttCount; k++) {
                sumUs += feedbackRttsUs[k];
            }
            delayBased.setRtt(sumUs / feedbackRttCount);
        }
        if (minRttUs != Long.MAX_VALUE) {
            lossBased.onRtt(minRttUs, nowUs);
            rttUs = minRttUs;
        }
    }

    /** Loss from feedback, handed to the loss-based controller once per loss update interval. */
    private void countLoss(FeedbackReport report, long nowUs) {
        for (int i = 0; i < report.count(); i++) {
            if (accepted[i]) {
                expectedSinceLossUpdate++;
                if (report.isLost(i)) {
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

    private void fill(long nowUs, BweResult out) {
        long targetBps = started ? lossBased.targetRateBps() : settings.startBitrateBps;
        targetBps = Math.max(settings.minBitrateBps, Math.min(settings.maxBitrateBps, targetBps));
        BandwidthUsage state = delayBased.state();
        long alrStartUs = alr.alrStartTimeUs();
        out.timeUs(nowUs)
                .targetRateBps(targetBps)
                .pacingRateBps((long) (targetBps * settings.pacingFactor))
                .delayBasedRateBps(delayBased.lastEstimateBps())
                .lossBasedRateBps(targetBps)
                .ackedRateBps(ackedRateBps)
                .delayState(state == null ? BandwidthUsage.NORMAL : state)
                .lossRatio(started ? clampUnit(lossBased.lossRatio()) : 0.0)
                .rttUs(Math.max(0, rttUs))
                .inAlr(alrStartUs != AlrDetector.NOT_IN_ALR)
                .fecRatio(0.0);
    }

    private long advanceClock(long nowUs) {
        if (nowUs > lastNowUs) {
            lastNowUs = nowUs;
        }
        return lastNowUs;
    }

    private static int clampSize(int sizeBytes) {
        return Math.max(0, Math.min(MAX_PACKET_BYTES, sizeBytes));
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1.0 : 0.0);
    }
}
