package dev.weir.sim.estimators;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;

/**
 * An "estimator" whose target is a rule of time, not an estimate (the oracle, a fixed rate): it
 * ignores what was sent, reports loss and RTT from feedback for completeness, paces at 2.5x the
 * target (libwebrtc's pacing factor) and never probes.
 *
 * <p>Not thread-safe: one instance per call.
 */
abstract class TargetRuleEstimator implements BandwidthEstimator {
    /** libwebrtc's pacing factor: the pacer drains at 2.5x the target. */
    private static final double PACING_FACTOR = 2.5;

    private final LossRatio lossRatio = new LossRatio();
    private long rttUs;

    /** The target at {@code nowUs}, bits per second. */
    public abstract long targetBpsAt(long nowUs);

    @Override
    public final void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        // The rule needs no sending history.
    }

    @Override
    public final void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
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

    private void fill(long nowUs, BweResult out) {
        long targetBps = targetBpsAt(nowUs);
        out.timeUs(nowUs).targetRateBps(targetBps).pacingRateBps((long) (targetBps * PACING_FACTOR))
                .delayBasedRateBps(targetBps).lossBasedRateBps(targetBps).ackedRateBps(0)
                .delayState(BandwidthUsage.NORMAL).lossRatio(lossRatio.value()).rttUs(rttUs).inAlr(false).fecRatio(0)
                .paddingRateBps(0).dataWindowBytes(0).cwndReduceRatio(0).pushbackRateBps(targetBps)
                .steering(BweResult.NO_NETWORK_TYPE, BweResult.NO_NETWORK_TYPE, 0, 0, 0).clearProbeRequests();
    }
}
