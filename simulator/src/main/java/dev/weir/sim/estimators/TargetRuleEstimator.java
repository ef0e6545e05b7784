package dev.weir.sim.estimators;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.BweStats;
import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.api.RateConstraints;
import dev.weir.bwe.api.TargetRateListener;
import dev.weir.bwe.api.TargetRateNotifier;

/**
 * An "estimator" whose target is a rule of time, not an estimate (the oracle, a fixed rate): it
 * ignores what was sent, reports loss and RTT from feedback for completeness, paces at 2.5x the
 * target (libwebrtc's pacing factor) and never probes. The client API still binds it: the rule's
 * target is clamped to the constraints in force (its own bounds until a client sets others) and
 * capped by a remote estimate, never below the minimum, as libwebrtc's loss-based controller caps
 * its target; a route change sets constraints and drops the remote estimate (a rule learns nothing
 * about a path).
 *
 * <p>Not thread-safe: one instance per call.
 */
abstract class TargetRuleEstimator implements BandwidthEstimator {
    /** libwebrtc's pacing factor: the pacer drains at 2.5x the target. */
    private static final double PACING_FACTOR = 2.5;

    private final LossRatio lossRatio = new LossRatio();
    private final TargetRateNotifier notifier = new TargetRateNotifier();
    private long rttUs;
    private long minBps;
    private long startBps;
    private long maxBps;
    private long remoteEstimateBps = Long.MAX_VALUE;
    private boolean networkAvailable = true;
    private long timeUs;
    private long reportedTargetBps;
    private long packetsSent;
    private long feedbackReports;
    private long packetsReceived;
    private long packetsLost;
    private long routeChanges;

    /** @param minBps lowest target, @param startBps reported start rate, @param maxBps highest target, until constraints change them */
    TargetRuleEstimator(long minBps, long startBps, long maxBps) {
        this.minBps = Math.max(0, minBps);
        this.maxBps = Math.max(this.minBps, maxBps);
        this.startBps = Math.max(this.minBps, Math.min(this.maxBps, startBps));
        this.reportedTargetBps = this.startBps;
    }

    /** The target at {@code nowUs}, bits per second. */
    public abstract long targetBpsAt(long nowUs);

    @Override
    public final void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        packetsSent++; // the rule needs no sending history
    }

    @Override
    public final void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        feedbackReports++;
        for (int i = 0; i < report.count(); i++) {
            if (report.isLost(i)) {
                packetsLost++;
            } else {
                packetsReceived++;
            }
        }
        lossRatio.onFeedback(report);
        fill(nowUs, out);
    }

    @Override
    public final void onRttSample(long rttUs, long nowUs, BweResult out) {
        if (rttUs > 0) {
            this.rttUs = rttUs;
        }
        fill(nowUs, out);
    }

    @Override
    public final void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        lossRatio.onReceiverReport(packetsLost, packetsExpected);
        fill(nowUs, out);
    }

    @Override
    public final void onProcessInterval(long nowUs, BweResult out) {
        fill(nowUs, out);
    }

    @Override
    public final void currentEstimate(long nowUs, BweResult out) {
        fill(nowUs, out);
    }

    @Override
    public final void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        this.minBps = RateConstraints.min(minBps);
        this.maxBps = RateConstraints.max(minBps, maxBps);
        long start = RateConstraints.start(minBps, startBps, maxBps);
        this.startBps = start != RateConstraints.NOT_SET ? start
                : Math.max(this.minBps, Math.min(this.maxBps, this.startBps));
        fill(nowUs, out);
    }

    @Override
    public final void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        routeChanges++;
        remoteEstimateBps = Long.MAX_VALUE;
        onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public final void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        networkAvailable = available;
        fill(nowUs, out);
    }

    @Override
    public final void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        remoteEstimateBps = bitrateBps > 0 ? bitrateBps : Long.MAX_VALUE;
        fill(nowUs, out);
    }

    @Override
    public final void setTargetRateListener(TargetRateListener listener) {
        notifier.setListener(listener);
    }

    @Override
    public final void stats(BweStats out) {
        out.estimate(name(), timeUs, reportedTargetBps)
                .constraints(minBps, startBps, maxBps, remoteEstimateBps == Long.MAX_VALUE ? 0 : remoteEstimateBps,
                        networkAvailable)
                .counters(packetsSent, feedbackReports, packetsReceived, packetsLost, 0, 0, routeChanges)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE);
    }

    private void fill(long nowUs, BweResult out) {
        timeUs = nowUs;
        long targetBps = Math.max(minBps, Math.min(Math.min(maxBps, remoteEstimateBps), targetBpsAt(nowUs)));
        out.timeUs(nowUs).targetRateBps(targetBps).pacingRateBps((long) (targetBps * PACING_FACTOR))
                .delayBasedRateBps(targetBps).lossBasedRateBps(targetBps).ackedRateBps(0)
                .delayState(BandwidthUsage.NORMAL).lossRatio(lossRatio.value()).rttUs(rttUs).inAlr(false).fecRatio(0)
                .paddingRateBps(0).dataWindowBytes(0).cwndReduceRatio(0).pushbackRateBps(targetBps)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, 0, 0, 0).clearProbeRequests();
        reportedTargetBps = targetBps;
        notifier.onResult(out);
    }
}
