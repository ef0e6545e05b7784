package dev.weir.bwe.api;

/**
 * One transport-wide feedback report: per-packet results the client has joined with its send
 * history (sequence number, send time, arrival time or lost, size).
 *
 * <p>Reusable and preallocated: a client keeps one instance, calls {@link #clear()} and
 * {@link #add} for every packet in the report, then hands it to
 * {@link BandwidthEstimator#onFeedback}. The arrays grow (doubling) only when a report is larger
 * than any before it, so steady state allocates nothing.
 *
 * <p>Values are taken as given: the estimator, not this container, tolerates bad input
 * (out-of-order, duplicates, arrival before send, clock jumps).
 *
 * <p>Not thread-safe: fill and consume it on one thread.
 */
public final class FeedbackReport {
    /** Arrival time marking a packet the receiver reported as lost. */
    public static final long LOST = Long.MIN_VALUE;
    /** Probe cluster id of a packet that belongs to no probe cluster. */
    public static final int NOT_A_PROBE = -1;

    private long[] sequenceNumbers;
    private long[] sendTimesUs;
    private long[] arrivalTimesUs;
    private int[] sizesBytes;
    private int[] probeClusterIds;
    private int count;

    /** @param initialCapacity packets per report before the first growth (e.g. 256) */
    public FeedbackReport(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        sequenceNumbers = new long[capacity];
        sendTimesUs = new long[capacity];
        arrivalTimesUs = new long[capacity];
        sizesBytes = new int[capacity];
        probeClusterIds = new int[capacity];
    }

    public FeedbackReport() {
        this(256);
    }

    /** Empties the report, keeping its storage. */
    public void clear() {
        count = 0;
    }

    /**
     * Appends one packet result.
     *
     * @param transportSequenceNumber the transport-wide sequence number as sent on the wire
     *     (16 bits, wrapping); the estimator unwraps it
     * @param sendTimeUs sender clock, microseconds
     * @param arrivalTimeUs receiver clock, microseconds, or {@link #LOST}
     * @param sizeBytes payload plus headers, bytes
     * @param probeClusterId the probe cluster the packet was sent in, or {@link #NOT_A_PROBE}
     */
    public void add(long transportSequenceNumber, long sendTimeUs, long arrivalTimeUs, int sizeBytes,
                    int probeClusterId) {
        if (count == sequenceNumbers.length) {
            grow();
        }
        sequenceNumbers[count] = transportSequenceNumber;
        sendTimesUs[count] = sendTimeUs;
        arrivalTimesUs[count] = arrivalTimeUs;
        sizesBytes[count] = sizeBytes;
        probeClusterIds[count] = probeClusterId;
        count++;
    }

    /** Appends a packet that belongs to no probe cluster. */
    public void add(long transportSequenceNumber, long sendTimeUs, long arrivalTimeUs, int sizeBytes) {
        add(transportSequenceNumber, sendTimeUs, arrivalTimeUs, sizeBytes, NOT_A_PROBE);
    }

    private void grow() {
        int capacity = sequenceNumbers.length * 2;
        sequenceNumbers = java.util.Arrays.copyOf(sequenceNumbers, capacity);
        sendTimesUs = java.util.Arrays.copyOf(sendTimesUs, capacity);
        arrivalTimesUs = java.util.Arrays.copyOf(arrivalTimesUs, capacity);
        sizesBytes = java.util.Arrays.copyOf(sizesBytes, capacity);
        probeClusterIds = java.util.Arrays.copyOf(probeClusterIds, capacity);
    }

    public int count() {
        return count;
    }

    public long sequenceNumber(int index) {
        return sequenceNumbers[index];
    }

    public long sendTimeUs(int index) {
        return sendTimesUs[index];
    }

    /** Arrival time in microseconds, or {@link #LOST}. */
    public long arrivalTimeUs(int index) {
        return arrivalTimesUs[index];
    }

    public boolean isLost(int index) {
        return arrivalTimesUs[index] == LOST;
    }

    public int sizeBytes(int index) {
        return sizesBytes[index];
    }

    public int probeClusterId(int index) {
        return probeClusterIds[index];
    }
}
