package dev.weir.bwe.api;

/**
 * A {@link BandwidthEstimator} that hands every event to another one: the base of decorators
 * (taps, recorders, loggers) that look at a few events and pass everything on, so each overrides
 * only what it watches and calls {@code super} to forward it. {@link #close} is forwarded too.
 *
 * <p>Not thread-safe, like the estimator it wraps: one instance per call, driven from one thread.
 */
public abstract class ForwardingEstimator implements BandwidthEstimator {
    private final BandwidthEstimator delegate;

    protected ForwardingEstimator(BandwidthEstimator delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("delegate estimator must not be null");
        }
        this.delegate = delegate;
    }

    /** The estimator every event is handed to. */
    protected final BandwidthEstimator delegate() {
        return delegate;
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes) {
        delegate.onPacketSent(transportSequenceNumber, sendTimeUs, sizeBytes);
    }

    @Override
    public void onFeedback(FeedbackReport report, long nowUs, BweResult out) {
        delegate.onFeedback(report, nowUs, out);
    }

    @Override
    public void onRttSample(long rttUs, long nowUs, BweResult out) {
        delegate.onRttSample(rttUs, nowUs, out);
    }

    @Override
    public void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out) {
        delegate.onReceiverReport(packetsLost, packetsExpected, nowUs, out);
    }

    @Override
    public void onProcessInterval(long nowUs, BweResult out) {
        delegate.onProcessInterval(nowUs, out);
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        delegate.currentEstimate(nowUs, out);
    }

    @Override
    public void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        delegate.onTargetRateConstraints(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out) {
        delegate.onNetworkRouteChange(minBps, startBps, maxBps, nowUs, out);
    }

    @Override
    public void onNetworkAvailability(boolean available, long nowUs, BweResult out) {
        delegate.onNetworkAvailability(available, nowUs, out);
    }

    @Override
    public void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out) {
        delegate.onRemoteEstimate(bitrateBps, nowUs, out);
    }

    @Override
    public void setTargetRateListener(TargetRateListener listener) {
        delegate.setTargetRateListener(listener);
    }

    @Override
    public void stats(BweStats out) {
        delegate.stats(out);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
