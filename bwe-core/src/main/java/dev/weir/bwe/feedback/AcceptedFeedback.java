package dev.weir.bwe.feedback;

import dev.weir.bwe.api.FeedbackReport;
import java.util.Arrays;

/**
 * One feedback report as every consumer should see it: only packets reported for the first time
 * (or received after being reported lost), sequence numbers unwrapped, sizes clamped, times
 * checked; received packets first in arrival order (ties keep report order), then lost packets in
 * report order (libwebrtc {@code TransportPacketsFeedback::SortedByReceiveTime} followed by the
 * lost ones).
 *
 * <p>A view owned by its {@link FeedbackFrontDoor} and overwritten by its next
 * {@link FeedbackFrontDoor#accept}; read it before then. Not thread-safe.
 */
public final class AcceptedFeedback {
    private long[] sequences;
    private long[] sendTimesUs;
    private long[] arrivalTimesUs;
    private int[] sizesBytes;
    private int[] probeClusterIds;
    private boolean[] recovered;
    private int count;
    private int receivedCount;
    private int reportedCount;
    private long feedbackTimeUs;
    private long highestSequence;

    AcceptedFeedback(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        sequences = new long[capacity];
        sendTimesUs = new long[capacity];
        arrivalTimesUs = new long[capacity];
        sizesBytes = new int[capacity];
        probeClusterIds = new int[capacity];
        recovered = new boolean[capacity];
    }

    /** Packets accepted from the report (received and lost). */
    public int count() {
        return count;
    }

    /** Received packets; they occupy indices {@code [0, receivedCount())}. */
    public int receivedCount() {
        return receivedCount;
    }

    /**
     * Entries in the report as handed in; {@code reportedCount() - count()} were ignored (duplicates,
     * stale or garbage entries, packets of an earlier route).
     */
    public int reportedCount() {
        return reportedCount;
    }

    /** When the report was handed in, the caller's clock, microseconds. */
    public long feedbackTimeUs() {
        return feedbackTimeUs;
    }

    /** Unwrapped transport-wide sequence number. */
    public long sequence(int k) {
        return sequences[k];
    }

    public long sendTimeUs(int k) {
        return sendTimesUs[k];
    }

    /** Arrival time on the receiver's clock, microseconds, or {@link FeedbackReport#LOST}. */
    public long arrivalTimeUs(int k) {
        return arrivalTimesUs[k];
    }

    public boolean isLost(int k) {
        return k >= receivedCount;
    }

    /** Size in bytes, clamped to [0, 65535]. */
    public int sizeBytes(int k) {
        return sizesBytes[k];
    }

    /** Probe cluster id or {@link FeedbackReport#NOT_A_PROBE}. */
    public int probeClusterId(int k) {
        return probeClusterIds[k];
    }

    /** Whether an earlier report said this packet was lost (it is counted once, as lost). */
    public boolean isRecovered(int k) {
        return recovered[k];
    }

    /** Latest arrival among the received packets, or {@link FeedbackReport#LOST} if none. */
    public long maxArrivalTimeUs() {
        return receivedCount == 0 ? FeedbackReport.LOST : arrivalTimesUs[receivedCount - 1];
    }

    /**
     * Highest unwrapped sequence number the report listed (duplicates included: a report covers
     * every packet up to it), or {@link Long#MIN_VALUE} if it listed none with valid times.
     */
    public long highestSequence() {
        return highestSequence;
    }

    void begin(int capacity, int reportedCount, long feedbackTimeUs, long highestSequence) {
        if (sequences.length < capacity) {
            int grown = Math.max(capacity, sequences.length * 2);
            sequences = Arrays.copyOf(sequences, grown);
            sendTimesUs = Arrays.copyOf(sendTimesUs, grown);
            arrivalTimesUs = Arrays.copyOf(arrivalTimesUs, grown);
            sizesBytes = Arrays.copyOf(sizesBytes, grown);
            probeClusterIds = Arrays.copyOf(probeClusterIds, grown);
            recovered = Arrays.copyOf(recovered, grown);
        }
        count = 0;
        receivedCount = 0;
        this.reportedCount = reportedCount;
        this.feedbackTimeUs = feedbackTimeUs;
        this.highestSequence = highestSequence;
    }

    void add(long sequence, long sendTimeUs, long arrivalTimeUs, int sizeBytes, int probeClusterId,
             boolean wasLostBefore) {
        sequences[count] = sequence;
        sendTimesUs[count] = sendTimeUs;
        arrivalTimesUs[count] = arrivalTimeUs;
        sizesBytes[count] = sizeBytes;
        probeClusterIds[count] = probeClusterId;
        recovered[count] = wasLostBefore;
        count++;
        if (arrivalTimeUs != FeedbackReport.LOST) {
            receivedCount = count;
        }
    }
}
