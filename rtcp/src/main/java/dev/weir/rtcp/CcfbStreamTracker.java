package dev.weir.rtcp;

/*
 * libwebrtc's CongestionControlFeedbackTracker (modules/remote_bitrate_estimator/
 * congestion_control_feedback_tracker.cc, https://webrtc.googlesource.com/src) as a ring buffer.
 */

/**
 * Per-RTP-stream receive state for RFC 8888 feedback: arrival time and ECN of each sequence number
 * in a window of at most {@value #MAX_PACKETS} (RFC 8888's per-block limit), reporting from the
 * first sequence number not yet reported. After each report the last
 * {@value #KEEP_FOR_REORDERING} entries stay so a late packet can be reported (the next report then
 * starts at it). Duplicates keep the first arrival; a CE mark on any copy is reported (RFC 8888
 * section 3.1). Packets older than the window, or so new that the window would exceed its limit,
 * are ignored; if only ignored packets arrive between two reports, the stream's sequence numbers
 * are assumed reset and the state starts over.
 *
 * <p>The ring grows by doubling up to its limit, so steady state allocates nothing. Not
 * thread-safe.
 */
final class CcfbStreamTracker {
    static final int MAX_PACKETS = CongestionControlFeedback.MAX_REPORTS_PER_BLOCK;
    /** libwebrtc kMaxPacketsToKeepForReorderCalculation. */
    static final int KEEP_FOR_REORDERING = 64;
    private static final long NOT_RECEIVED = Long.MIN_VALUE;
    private static final int INITIAL_CAPACITY = 128;

    private final long ssrc;
    private final FollowingUnwrapper unwrapper = new FollowingUnwrapper();
    private long[] arrivalsUs = new long[INITIAL_CAPACITY];
    private byte[] ecns = new byte[INITIAL_CAPACITY];
    private int mask = INITIAL_CAPACITY - 1;
    /** Entries in the window; 0 until the first packet (or after a reset). */
    private int size;
    private long first;
    private long nextToReport;
    private int ignoredSinceReport;

    CcfbStreamTracker(long ssrc) {
        this.ssrc = ssrc;
    }

    long ssrc() {
        return ssrc;
    }

    void onPacket(int rtpSequenceNumber, long arrivalUs, int ecn) {
        long sequence = unwrapper.unwrap(rtpSequenceNumber);
        int slot = slotFor(sequence);
        if (slot < 0) {
            ignoredSinceReport++;
            return;
        }
        if (arrivalsUs[slot] != NOT_RECEIVED) {
            if (ecn != CongestionControlFeedback.ECN_CE || ecns[slot] == CongestionControlFeedback.ECN_CE) {
                return; // a duplicate with nothing new to report
            }
            ecns[slot] = CongestionControlFeedback.ECN_CE;
        } else {
            arrivalsUs[slot] = arrivalUs;
            ecns[slot] = (byte) ecn;
        }
        if (sequence < nextToReport) {
            nextToReport = sequence;
        }
    }

    /** Ring slot of {@code sequence}, extending the window as needed; -1 if it cannot be held. */
    private int slotFor(long sequence) {
        if (size == 0) {
            size = KEEP_FOR_REORDERING;
            first = sequence - KEEP_FOR_REORDERING + 1;
            nextToReport = sequence;
            clear(first, first + size);
            return index(sequence);
        }
        if (sequence < first) {
            return -1;
        }
        long newSize = sequence - first + 1;
        if (newSize > MAX_PACKETS) {
            return -1;
        }
        if (newSize > size) {
            ensureCapacity((int) newSize);
            clear(first + size, sequence + 1);
            size = (int) newSize;
        }
        return index(sequence);
    }

    /** Whether there is anything to report; resets the stream when only ignored packets came. */
    boolean hasPending() {
        if (size == 0) {
            return false;
        }
        if (nextToReport == first + size) {
            if (ignoredSinceReport > 0) {
                size = 0; // sequence numbers were reset: start over with the next packet
                ignoredSinceReport = 0;
            }
            return false;
        }
        return true;
    }

    /** First unwrapped sequence number of the next report. */
    long pendingFrom() {
        return nextToReport;
    }

    /** One past the last unwrapped sequence number of the next report. */
    long pendingTo() {
        return first + size;
    }

    /** Arrival of {@code sequence} (in the pending range), or {@link Long#MIN_VALUE} if not received. */
    long arrivalUs(long sequence) {
        return arrivalsUs[index(sequence)];
    }

    int ecn(long sequence) {
        return ecns[index(sequence)];
    }

    /** Marks everything before {@code sequence} reported and trims the window to the reordering tail. */
    void reportedUpTo(long sequence) {
        nextToReport = sequence;
        ignoredSinceReport = 0;
        if (size > KEEP_FOR_REORDERING) {
            first += size - KEEP_FOR_REORDERING;
            size = KEEP_FOR_REORDERING;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= arrivalsUs.length) {
            return;
        }
        int capacity = arrivalsUs.length;
        while (capacity < needed) {
            capacity *= 2;
        }
        long[] arrivals = new long[capacity];
        byte[] marks = new byte[capacity];
        for (long s = first; s < first + size; s++) {
            arrivals[(int) (s & (capacity - 1))] = arrivalsUs[index(s)];
            marks[(int) (s & (capacity - 1))] = ecns[index(s)];
        }
        arrivalsUs = arrivals;
        ecns = marks;
        mask = capacity - 1;
    }

    private void clear(long from, long to) {
        for (long s = from; s < to; s++) {
            arrivalsUs[index(s)] = NOT_RECEIVED;
            ecns[index(s)] = 0;
        }
    }

    private int index(long sequence) {
        return (int) (sequence & mask);
    }
}
