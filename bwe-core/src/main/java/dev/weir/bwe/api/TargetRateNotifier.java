package dev.weir.bwe.api;

/**
 * What an estimator implementation uses to serve {@link BandwidthEstimator#setTargetRateListener}:
 * it remembers the listener and the target last reported to it, and calls the listener when a
 * result's target differs. Allocation-free.
 *
 * <p>Not thread-safe: owned by one estimator, used on its thread.
 */
public final class TargetRateNotifier {
    /** Below any real target, so a new listener hears the first result. */
    private static final long NONE = Long.MIN_VALUE;

    private TargetRateListener listener;
    private long reportedBps = NONE;

    /** Sets (or with null removes) the listener; a new listener hears the next result's target. */
    public void setListener(TargetRateListener listener) {
        this.listener = listener;
        reportedBps = NONE;
    }

    /** Calls the listener if {@code result}'s target differs from the one it last heard. */
    public void onResult(BweResult result) {
        TargetRateListener current = listener;
        if (current != null && result.targetRateBps() != reportedBps) {
            reportedBps = result.targetRateBps();
            current.onTargetRateChanged(result);
        }
    }
}
