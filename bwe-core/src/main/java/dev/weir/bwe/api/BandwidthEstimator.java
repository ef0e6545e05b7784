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
 * <p>The client API follows libwebrtc's {@code NetworkControllerInterface} (and Pion's
 * {@code BandwidthEstimator}): besides packets and feedback, a call's constraints change
 * ({@link #onTargetRateConstraints}), its route changes ({@link #onNetworkRouteChange}), the network
 * goes down and up ({@link #onNetworkAvailability}), the receiver caps the rate (REMB,
 * {@link #onRemoteEstimate}); a {@link TargetRateListener} hears target changes, {@link #stats}
 * fills a snapshot for logging and {@link #close} releases what the estimator holds. Rates passed
 * in are normalised by {@link RateConstraints}; values of zero or below mean "not set".
 *
 * <p>Implementations are not thread-safe: one instance is driven from one thread (the client's
 * network thread). Steady-state calls allocate nothing; the rare configuration events (constraints,
 * route change) may.
 */
public interface BandwidthEstimator extends AutoCloseable {

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

    /**
     * The call's target-rate constraints changed mid-call (libwebrtc {@code OnTargetRateConstraints},
     * which runs {@code ResetConstraints}): the target stays within the new bounds from this result
     * on; a start rate, when set, becomes the estimate (libwebrtc {@code SetBitrates}), and a raised
     * maximum may be probed. Values are normalised by {@link RateConstraints}: nonsense (negative,
     * minimum above maximum, beyond 1 Gbps) is clamped, never thrown.
     *
     * @param minBps lowest target, bits per second; {@code <= 0}: libwebrtc's 5 kbps floor
     * @param startBps new estimate, bits per second; {@code <= 0}: keep the current estimate
     * @param maxBps highest target, bits per second; {@code <= 0}: no maximum (1 Gbps)
     */
    void onTargetRateConstraints(long minBps, long startBps, long maxBps, long nowUs, BweResult out);

    /**
     * The call moved to a new network route (libwebrtc {@code OnNetworkRouteChange}: ICE restart,
     * Wi-Fi to cellular): everything learned about the old path is dropped and the estimator starts
     * again with the given constraints, as at the start of a call. GCC's safe reset applies: the
     * start rate is at most the acknowledged rate on the old path. Feedback for packets sent before
     * the change is ignored, and a remote estimate no longer caps the target (it was the old
     * route's; libwebrtc's loss-based controller forgets its receiver limit too). Constraints as in {@link #onTargetRateConstraints}; a start rate that
     * is not set means the one configured last.
     */
    void onNetworkRouteChange(long minBps, long startBps, long maxBps, long nowUs, BweResult out);

    /**
     * The network went down or came back (libwebrtc {@code OnNetworkAvailability}). While it is
     * down no probe cluster is requested; once it is back, probing resumes (initial probes if none
     * were sent on this route). Estimates are kept.
     */
    void onNetworkAvailability(boolean available, long nowUs, BweResult out);

    /**
     * The receiver's estimate of the most it can take (REMB, libwebrtc {@code OnRemoteBitrateReport},
     * the loss-based controller's receiver limit): the target is capped at it, never below the
     * minimum. {@code bitrateBps <= 0} removes the cap.
     */
    void onRemoteEstimate(long bitrateBps, long nowUs, BweResult out);

    /**
     * Sets (or with null removes) the listener told of target changes, at the end of the event that
     * changed it, on the estimator's thread; a new listener hears the next result's target. Telling
     * it allocates nothing.
     */
    void setTargetRateListener(TargetRateListener listener);

    /** Fills {@code out} with a snapshot for logging; allocates nothing. */
    void stats(BweStats out);

    /**
     * Releases what the estimator holds (a steering model, an event log's file). Idempotent; events
     * after it are a caller error that the estimator tolerates (no exception, sane results).
     *
     * <p>The default does nothing, which is correct for estimators holding nothing beyond their
     * own memory (GCC, the simulator's rule-based estimators).
     */
    @Override
    default void close() {
    }
}
