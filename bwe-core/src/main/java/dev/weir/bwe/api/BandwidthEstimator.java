package dev.weir.bwe.api;

/**
 * A send-side bandwidth estimator: events in, one result out.
 *
 * <p>Every event method takes the current time (microseconds, the caller's clock; estimators
 * never read a clock) and overwrites the caller-supplied {@link BweResult} with the complete,
 * current estimate. Implementations must never throw on bad input (out-of-order, duplicate or
 * late feedback, arrival before send, clock jumps, wrapped sequence numbers, zero-size packets)
 * and never report NaN, a negative rate, or a rate outside their configured bounds.
 *
 * <p>Implementations are not thread-safe: one instance is driven from one thread (the client's
 * network thread). Steady-state calls allocate nothing.
 */
public interface BandwidthEstimator {

    /** A short, stable name used in reports and the estimator registry (e.g. {@code gcc}). */
    String name();

    /**
     * The pacer sent a packet (libwebrtc OnSentPacket). Lets the estimator track the sending rate
     * (application-limited detection) and the data in flight (congestion window) before feedback
     * arrives.
     *
     * @param transportSequenceNumber the transport-wide sequence number as sent on the wire (16
     *     bits, wrapping), the same number its feedback will carry
     */
    void onPacketSent(long transportSequenceNumber, long sendTimeUs, int sizeBytes);

    /** A transport-wide feedback report arrived at {@code nowUs}. */
    void onFeedback(FeedbackReport report, long nowUs, BweResult out);

    /** An external round-trip-time sample (e.g. from RTCP), microseconds. */
    void onRttSample(long rttUs, long nowUs, BweResult out);

    /**
     * An RTCP receiver report: {@code packetsLost} of {@code packetsExpected} since the previous
     * report. For clients without transport-wide feedback.
     */
    void onReceiverReport(long packetsLost, long packetsExpected, long nowUs, BweResult out);

    /** Periodic tick (libwebrtc calls it every 25 ms): timers, probing, RTT backoff. */
    void onProcessInterval(long nowUs, BweResult out);

    /** Fills {@code out} with the current estimate without new input. */
    void currentEstimate(long nowUs, BweResult out);
}
