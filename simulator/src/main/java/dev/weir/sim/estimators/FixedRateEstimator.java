package dev.weir.sim.estimators;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BandwidthUsage;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;

/**
 * A non-adaptive estimator that always targets one rate: a test fixture and a "no congestion
 * control" reference (pacing at 2.5x the rate, as libwebrtc's default pacing factor).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class FixedRateEstimator implements BandwidthEstimator {
    /** libwebrtc's pacing factor: the pacer drains at 2.5x the target. */
    private static final double PACING_FACTOR = 2.5;

    private final long rateBps;
    private long rttUs;

    private final LossRatio lossRatio = new LossRatio();

    /** @param rateBps the constant target, bits per second (negative counts as 0) */
    public FixedRateEstimator(long rateBps) {
        this.rateBps = Math.max(0, rateBps);
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public void onPacketSent(long sendTimeUs, int sizeBytes) {
        // The rate does not depend on what was sent.
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        lossRatio.onFeedback(report);
        fill(nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        if (rttUs > 0) {
            this.rttUs = rttUs;
        }
        fill(nowUs, out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        lossRatio.onReceiverReport(packetsLost, packetsExpected);
        fill(nowUs, out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        fill(nowUs, out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        fill(nowUs, out);
    }

    private void fill(long nowUs, BweResult out) {
        out.timeUs(nowUs).targetRateBps(rateBps).pacingRateBps((long) (rateBps * PACING_FACTOR))
                .delayBasedRateBps(rateBps).lossBasedRateBps(rateBps).ackedRateBps(0)
                .delayState(BandwidthUsage.NORMAL).lossRatio(lossRatio.value()).rttUs(rttUs).inAlr(false).fecRatio(0)
                .clearProbeRequests();
    }
}
