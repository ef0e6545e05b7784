package dev.weir.sim.closedloop;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;

/**
 * Wraps an estimator and drops every probe request it makes, so the pacer never sends a probe
 * cluster: the estimator then only learns from its media (what GCC ports without probing, like
 * early Pion, do). GCC's {@code ProbeSettings} has no switch for this: every valid setting still
 * requests the initial cluster(s) (first_exponential_probe_scale >= 1), hence the wrapper.
 *
 * <p>Not thread-safe: one instance per call, like the estimator it wraps.
 */
final class WithoutProbing implements BandwidthEstimator {
    private final BandwidthEstimator inner;

    WithoutProbing(BandwidthEstimator inner) {
        this.inner = inner;
    }

    @Override
    public String name() {
        return inner.name() + "-without-probing";
    }

    @Override
    public void onPacketSent(long sendTimeUs, int sizeBytes) {
        inner.onPacketSent(sendTimeUs, sizeBytes);
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        inner.onFeedback(report, nowUs, out);
        out.clearProbeRequests();
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        inner.onRttSample(rttUs, nowUs, out);
        out.clearProbeRequests();
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        inner.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
        out.clearProbeRequests();
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        inner.onProcessInterval(nowUs, out);
        out.clearProbeRequests();
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        inner.currentEstimate(nowUs, out);
        out.clearProbeRequests();
    }
}
