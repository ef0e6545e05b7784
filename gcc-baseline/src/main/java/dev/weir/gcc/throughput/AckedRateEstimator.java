package dev.weir.gcc.throughput;

/**
 * Acknowledged (received) throughput for GCC: libwebrtc's
 * {@code AcknowledgedBitrateEstimatorInterface}. Two implementations, as in libwebrtc: the default
 * {@link AcknowledgedBitrateEstimator} and, behind a setting, {@link RobustThroughputEstimator}.
 *
 * <p>Implementations are not thread-safe: one per estimator.
 */
public interface AckedRateEstimator {

    /** One received packet; callers pass a report's packets in arrival order. */
    void onPacket(long sendTimeUs, long arrivalTimeUs, int sizeBytes);

    /** The acknowledged rate, bits per second; 0 while unknown. */
    long bitrateBps();

    /** Whether the sender is application-limited now (lowers trust in rate drops). */
    default void setInAlr(boolean inAlr) {
    }

    /** ALR ended at {@code timeUs}: expect the rate to change fast. */
    default void setAlrEndedTimeUs(long timeUs) {
    }
}
