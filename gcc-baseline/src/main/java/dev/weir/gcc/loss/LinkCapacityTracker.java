package dev.weir.gcc.loss;

/**
 * Slow estimate of the link capacity, after libwebrtc's {@code LinkCapacityTracker} in
 * send_side_bandwidth_estimation.cc: drops at once to a lower delay-based estimate or an RTT
 * backoff, rises towards {@code min(acked, target)} with an exponential time constant.
 *
 * <p>Not thread-safe: owned by one {@link SendSideBandwidthEstimation}.
 */
final class LinkCapacityTracker {
    private double capacityBps;
    private boolean hasUpdate;
    private long lastUpdateUs;
    private long lastDelayBasedBps = Long.MAX_VALUE;

    void onDelayBasedEstimate(long nowUs, long delayBasedBps) {
        if (delayBasedBps < lastDelayBasedBps) {
            capacityBps = Math.min(capacityBps, delayBasedBps);
            markUpdate(nowUs);
        }
        lastDelayBasedBps = delayBasedBps;
    }

    void onStartingRate(long startBps) {
        if (!hasUpdate) {
            capacityBps = startBps;
        }
    }

    void onRateUpdate(long ackedBps, long targetBps, long nowUs, long trackingUs) {
        if (ackedBps <= 0) {
            return;
        }
        long ackedTargetBps = Math.min(ackedBps, targetBps);
        if (ackedTargetBps > capacityBps) {
            double alpha = 0;
            if (hasUpdate) {
                double deltaUs = Math.max(0, nowUs - lastUpdateUs);
                alpha = Math.exp(-deltaUs / Math.max(1, trackingUs));
            }
            capacityBps = alpha * capacityBps + (1 - alpha) * ackedTargetBps;
        }
        markUpdate(nowUs);
    }

    void onRttBackoff(long backoffBps, long nowUs) {
        capacityBps = Math.min(capacityBps, backoffBps);
        markUpdate(nowUs);
    }

    long estimateBps() {
        return Math.max(0, Math.round(capacityBps));
    }

    private void markUpdate(long nowUs) {
        hasUpdate = true;
        lastUpdateUs = nowUs;
    }
}
