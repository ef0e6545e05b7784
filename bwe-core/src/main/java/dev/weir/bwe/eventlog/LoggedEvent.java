package dev.weir.bwe.eventlog;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.api.FeedbackReport;

/**
 * One recorded estimator call, as {@link EventLogReader#next} fills it: the call, its arguments and
 * the result the recorded estimator produced. Reused: every {@code next} overwrites it (the report
 * and result keep their storage), so reading a log allocates nothing per event.
 *
 * <p>Not thread-safe.
 */
public final class LoggedEvent {
    final FeedbackReport report = new FeedbackReport();
    final BweResult result = new BweResult();
    EventType type;
    long timeUs;
    long sequenceNumber;
    int sizeBytes;
    long value;
    long second;
    long minBps;
    long startBps;
    long maxBps;
    boolean available;

    /** The call. */
    public EventType type() {
        return type;
    }

    /** The call's time argument ({@code sendTimeUs} or {@code nowUs}), microseconds. */
    public long timeUs() {
        return timeUs;
    }

    /** {@link EventType#PACKET_SENT}: the transport sequence number as handed in. */
    public long sequenceNumber() {
        return sequenceNumber;
    }

    /** {@link EventType#PACKET_SENT}: the size as handed in. */
    public int sizeBytes() {
        return sizeBytes;
    }

    /** {@link EventType#FEEDBACK}: the report as handed in. */
    public FeedbackReport report() {
        return report;
    }

    /** {@link EventType#RTT}: the round-trip time, microseconds. */
    public long rttUs() {
        return value;
    }

    /** {@link EventType#RECEIVER_REPORT}: packets lost. */
    public long packetsLost() {
        return value;
    }

    /** {@link EventType#RECEIVER_REPORT}: packets expected. */
    public long packetsExpected() {
        return second;
    }

    /** {@link EventType#REMOTE_ESTIMATE}: the remote estimate, bits per second. */
    public long bitrateBps() {
        return value;
    }

    /** {@link EventType#CONSTRAINTS} and {@link EventType#ROUTE_CHANGE}: the minimum as handed in. */
    public long minBps() {
        return minBps;
    }

    /** {@link EventType#CONSTRAINTS} and {@link EventType#ROUTE_CHANGE}: the start rate as handed in. */
    public long startBps() {
        return startBps;
    }

    /** {@link EventType#CONSTRAINTS} and {@link EventType#ROUTE_CHANGE}: the maximum as handed in. */
    public long maxBps() {
        return maxBps;
    }

    /** {@link EventType#AVAILABILITY}: whether the network came up. */
    public boolean available() {
        return available;
    }

    /** The recorded estimator's result; meaningful when {@link EventType#hasResult()}. */
    public BweResult result() {
        return result;
    }

    /**
     * Makes the same call on {@code estimator} (replay); {@code out} receives its result, untouched
     * for {@link EventType#PACKET_SENT}.
     */
    public void applyTo(BandwidthEstimator estimator, BweResult out) {
        switch (type) {
            case PACKET_SENT -> estimator.onPacketSent(sequenceNumber, timeUs, sizeBytes);
            case FEEDBACK -> estimator.onFeedback(report, timeUs, out);
            case RTT -> estimator.onRttSample(value, timeUs, out);
            case RECEIVER_REPORT -> estimator.onReceiverReport(value, second, timeUs, out);
            case PROCESS -> estimator.onProcessInterval(timeUs, out);
            case CURRENT_ESTIMATE -> estimator.currentEstimate(timeUs, out);
            case CONSTRAINTS -> estimator.onTargetRateConstraints(minBps, startBps, maxBps, timeUs, out);
            case ROUTE_CHANGE -> estimator.onNetworkRouteChange(minBps, startBps, maxBps, timeUs, out);
            case AVAILABILITY -> estimator.onNetworkAvailability(available, timeUs, out);
            case REMOTE_ESTIMATE -> estimator.onRemoteEstimate(value, timeUs, out);
        }
    }
}
