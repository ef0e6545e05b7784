package dev.weir.bwe.lossdiff;

/**
 * An online loss-differentiation rule: fed per-packet feedback in sequence order, it detects loss
 * events and classifies each as {@link Verdict#RANDOM} or {@link Verdict#CONGESTION}.
 *
 * <p>A loss event is a gap of n >= 1 missing sequence numbers, detected at the first packet
 * received after the gap (as in Cen, Cosman, Voelker, "End-to-end differentiation of congestion
 * and wireless losses", IEEE/ACM ToN 11(5), 2003). Packets reported lost are only counted; the
 * gap in received sequence numbers defines the event. Duplicates and packets older than the
 * newest received are ignored; a gap larger than {@link #MAX_GAP_PACKETS} is a stream
 * discontinuity, not a loss event.
 *
 * <p>An evaluator can read the latest verdict ({@link #lastVerdict()}), take the difference of
 * the cumulative counters between two moments (verdicts in a window, without allocation), or
 * register a {@link LossVerdictSink} to see every verdict.
 *
 * <p>Implementations never throw on bad input. Not thread-safe: one instance per call.
 */
public interface LossClassifier {
    /**
     * Gaps longer than this many packets are discontinuities (sequence jumps), not losses: 10 000
     * packets is 10 s of a 10 Mbit/s stream, longer than any outage a call survives.
     */
    long MAX_GAP_PACKETS = 10_000;

    /** A short stable name for reports ({@code biaz}, {@code mbiaz}, {@code spike}, ...). */
    String name();

    /**
     * One packet's feedback, in sequence order.
     *
     * @param sequence unwrapped transport sequence number
     * @param sendTimeUs sender clock, microseconds
     * @param arrivalTimeUs receiver clock, microseconds, or
     *     {@link dev.weir.bwe.api.FeedbackReport#LOST}
     * @param sizeBytes packet size, bytes
     */
    void onPacket(long sequence, long sendTimeUs, long arrivalTimeUs, int sizeBytes);

    /**
     * The estimator's current target rate and RTT. Only rules that need a congestion window
     * (Veno) use it; the others ignore it.
     */
    default void onEstimate(long targetRateBps, long rttUs) {
    }

    /** The verdict on the latest loss event; {@link Verdict#NONE} before the first. */
    Verdict lastVerdict();

    /** First lost sequence number of the latest loss event; -1 before the first. */
    long lastFirstLostSequence();

    /** Packets lost in the latest loss event; 0 before the first. */
    long lastLostPackets();

    /** Arrival time (receiver clock) of the packet that revealed the latest event; 0 before the first. */
    long lastDetectedArrivalUs();

    /** Loss events classified so far. */
    int lossesClassified();

    /** Loss events classified {@link Verdict#RANDOM} so far. */
    long randomLosses();

    /** Loss events classified {@link Verdict#CONGESTION} so far. */
    long congestionLosses();

    /** Lost packets in events classified {@link Verdict#RANDOM} so far. */
    long randomLostPackets();

    /** Lost packets in events classified {@link Verdict#CONGESTION} so far. */
    long congestionLostPackets();

    /** Packets the feedback reported lost (counted, not used for classification). */
    long packetsReportedLost();

    /** Registers the sink that sees every verdict, or null for none. */
    void setSink(LossVerdictSink sink);

    /** Forgets all state and counters (a new call). */
    void reset();
}
