package dev.weir.bwe.feedback;

import dev.weir.bwe.api.FeedbackReport;
import dev.weir.bwe.util.SequenceUnwrapper;

/**
 * Turns each {@link FeedbackReport} into the {@link AcceptedFeedback} every consumer reads, once:
 * <ol>
 *   <li>16-bit transport sequence numbers are unwrapped (libwebrtc {@code SeqNumUnwrapper});</li>
 *   <li>packets with a send or arrival time beyond +-2^52 us are garbage and dropped;</li>
 *   <li>a packet already reported is dropped, unless it was reported lost and is received now
 *       (then it is accepted once more, marked {@linkplain AcceptedFeedback#isRecovered recovered});
 *       packets older than the 8192-packet ledger window are dropped;</li>
 *   <li>after {@link #startRoute()}, packets sent before it (on the old route) are dropped, as
 *       libwebrtc's {@code TransportFeedbackAdapter} drops feedback for packets of another route;</li>
 *   <li>sizes are clamped to [0, 65535] bytes (the largest UDP datagram);</li>
 *   <li>received packets are ordered by arrival time: a stable merge sort over preallocated
 *       buffers, skipped when the report is already in order (the usual case), so a hostile
 *       reversed report costs O(n log n), never O(n^2).</li>
 * </ol>
 * Arrays grow (doubling) only when a report is larger than any before it, so steady state
 * allocates nothing. Never throws on report contents.
 *
 * <p>Not thread-safe: one instance per call, driven from one thread.
 */
public final class FeedbackFrontDoor {
    /** Largest UDP datagram, bytes; larger sizes are garbage. */
    public static final int MAX_PACKET_BYTES = 65_535;
    /** Times beyond +-2^52 us (~142 years) are garbage; the bound keeps differences from overflowing. */
    public static final long MAX_ABS_TIME_US = 1L << 52;

    private final SequenceUnwrapper unwrapper = new SequenceUnwrapper();
    private final SequenceLedger ledger = new SequenceLedger();
    private final AcceptedFeedback accepted;
    private int[] receivedIndex;
    private int[] lostIndex;
    private int[] scratch;
    private long[] sequences;
    private boolean[] recovered;
    /** Highest unwrapped sequence number sent, or {@link Long#MIN_VALUE} before the first. */
    private long highestSentSequence = Long.MIN_VALUE;
    /** Packets with lower unwrapped sequence numbers were sent on an earlier route. */
    private long routeFirstSequence = Long.MIN_VALUE;

    public FeedbackFrontDoor() {
        this(256);
    }

    /** @param initialCapacity packets per report before the first growth */
    public FeedbackFrontDoor(int initialCapacity) {
        int capacity = Math.max(1, initialCapacity);
        accepted = new AcceptedFeedback(capacity);
        receivedIndex = new int[capacity];
        lostIndex = new int[capacity];
        scratch = new int[capacity];
        sequences = new long[capacity];
        recovered = new boolean[capacity];
    }

    /**
     * Accepts {@code report}, handed in at {@code feedbackTimeUs}; returns the view (the same
     * object every time, overwritten by the next call).
     */
    public AcceptedFeedback accept(FeedbackReport report, long feedbackTimeUs) {
        int n = report.count();
        ensureCapacity(n);
        int received = 0;
        int lost = 0;
        long highestSequence = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long arrivalUs = report.arrivalTimeUs(i);
            boolean isLost = arrivalUs == FeedbackReport.LOST;
            if (!validTime(report.sendTimeUs(i)) || (!isLost && !validTime(arrivalUs))) {
                continue;
            }
            long sequence = unwrapper.unwrap(report.sequenceNumber(i));
            if (sequence < routeFirstSequence) {
                continue;
            }
            highestSequence = Math.max(highestSequence, sequence);
            int status = ledger.record(sequence, isLost);
            if (status != SequenceLedger.NEW && status != SequenceLedger.RECOVERED) {
                continue;
            }
            sequences[i] = sequence;
            recovered[i] = status == SequenceLedger.RECOVERED;
            if (isLost) {
                lostIndex[lost++] = i;
            } else {
                receivedIndex[received++] = i;
            }
        }
        sortByArrival(report, received);
        accepted.begin(received + lost, n, feedbackTimeUs, highestSequence);
        for (int k = 0; k < received; k++) {
            copy(report, receivedIndex[k]);
        }
        for (int k = 0; k < lost; k++) {
            copy(report, lostIndex[k]);
        }
        return accepted;
    }

    /**
     * Unwraps the transport sequence number of a packet being sent, in the same space as the
     * feedback that will report it (one unwrapper for both, so they agree across wrap-around).
     */
    public long unwrapSent(long transportSequenceNumber) {
        long sequence = unwrapper.unwrap(transportSequenceNumber);
        highestSentSequence = Math.max(highestSentSequence, sequence);
        return sequence;
    }

    /**
     * A new network route starts: feedback for every packet sent so far (through
     * {@link #unwrapSent}) is dropped from now on. Sequence numbers keep counting across routes, as
     * the transport-wide sequence does.
     */
    public void startRoute() {
        if (highestSentSequence != Long.MIN_VALUE) {
            routeFirstSequence = highestSentSequence + 1;
        }
    }

    /** The view of the last accepted report. */
    public AcceptedFeedback last() {
        return accepted;
    }

    /** Forgets every sequence number seen (a new transport, e.g. after a route change). */
    public void reset() {
        unwrapper.reset();
        ledger.reset();
        highestSentSequence = Long.MIN_VALUE;
        routeFirstSequence = Long.MIN_VALUE;
    }

    private void copy(FeedbackReport report, int i) {
        int size = Math.max(0, Math.min(MAX_PACKET_BYTES, report.sizeBytes(i)));
        accepted.add(sequences[i], report.sendTimeUs(i), report.arrivalTimeUs(i), size, report.probeClusterId(i),
                recovered[i]);
    }

    /** Stable bottom-up merge sort of {@code receivedIndex[0, n)} by arrival time. */
    private void sortByArrival(FeedbackReport report, int n) {
        boolean sorted = true;
        for (int k = 1; k < n && sorted; k++) {
            sorted = report.arrivalTimeUs(receivedIndex[k - 1]) <= report.arrivalTimeUs(receivedIndex[k]);
        }
        if (sorted) {
            return;
        }
        int[] from = receivedIndex;
        int[] to = scratch;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (a < mid && (b >= hi || report.arrivalTimeUs(from[a]) <= report.arrivalTimeUs(from[b]))) {
                        to[k] = from[a++];
                    } else {
                        to[k] = from[b++];
                    }
                }
            }
            int[] swap = from;
            from = to;
            to = swap;
        }
        if (from != receivedIndex) {
            System.arraycopy(from, 0, receivedIndex, 0, n);
        }
    }

    private void ensureCapacity(int n) {
        if (receivedIndex.length < n) {
            int capacity = Math.max(n, receivedIndex.length * 2);
            receivedIndex = new int[capacity];
            lostIndex = new int[capacity];
            scratch = new int[capacity];
            sequences = new long[capacity];
            recovered = new boolean[capacity];
        }
    }

    private static boolean validTime(long timeUs) {
        return timeUs > -MAX_ABS_TIME_US && timeUs < MAX_ABS_TIME_US;
    }
}
