package dev.weir.rtcp;

/**
 * Maps (SSRC, RTP sequence number) to the unwrapped transport sequence number a packet was sent
 * with, for RFC 8888 feedback, which identifies packets by stream and RTP sequence number.
 *
 * <p>Open addressing over twice the send history's capacity with probes bounded to
 * {@value #MAX_PROBES} slots. Entries are never deleted: an entry whose packet has left the
 * {@link SendHistory} (or was re-sent under another transport sequence) is stale and its slot is
 * reused; with at most half the slots live, a probe window with no free slot is rare, and then
 * the oldest mapping in the window is dropped (that packet's feedback is then unknown).
 * Allocation-free after construction. Not thread-safe.
 */
final class RtpSequenceIndex {
    /** Bounded probing: lookups cost at most this many slot reads. */
    private static final int MAX_PROBES = 16;
    private static final long FREE = 0;
    private static final long FIBONACCI_HASH = 0x9E3779B97F4A7C15L;

    private final SendHistory history;
    private final int mask;
    private final int shift;
    private final long[] keys;
    private final long[] transportSequences;

    RtpSequenceIndex(SendHistory history) {
        this.history = history;
        int capacity = history.capacity() * 2;
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        keys = new long[capacity];
        transportSequences = new long[capacity];
    }

    /** Key 0 is the free marker, so keys are offset by one. */
    private static long key(long ssrc, int rtpSequence) {
        return ((ssrc & 0xFFFF_FFFFL) << 16 | (rtpSequence & 0xFFFF)) + 1;
    }

    private int home(long key) {
        return (int) ((key * FIBONACCI_HASH) >>> shift);
    }

    private boolean isLive(int slot, long ssrc, int rtpSequence) {
        int historySlot = history.find(transportSequences[slot]);
        return historySlot >= 0 && history.hasRtpIdentity(historySlot, ssrc, rtpSequence);
    }

    void put(long ssrc, int rtpSequence, long transportSequence) {
        long key = key(ssrc, rtpSequence);
        int home = home(key);
        int target = -1;
        int oldest = home;
        for (int i = 0; i < MAX_PROBES; i++) {
            int slot = (home + i) & mask;
            long slotKey = keys[slot];
            if (slotKey == key) {
                target = slot;
                break;
            }
            if (target < 0 && (slotKey == FREE || !isLive(slot, keySsrc(slotKey), keyRtpSequence(slotKey)))) {
                target = slot;
            }
            if (transportSequences[slot] < transportSequences[oldest]) {
                oldest = slot;
            }
        }
        int slot = target >= 0 ? target : oldest;
        keys[slot] = key;
        transportSequences[slot] = transportSequence;
    }

    /** The transport sequence of a live mapping, or -1. */
    long get(long ssrc, int rtpSequence) {
        long key = key(ssrc, rtpSequence);
        int home = home(key);
        for (int i = 0; i < MAX_PROBES; i++) {
            int slot = (home + i) & mask;
            long slotKey = keys[slot];
            if (slotKey == FREE) {
                return -1;
            }
            if (slotKey == key) {
                return isLive(slot, ssrc, rtpSequence) ? transportSequences[slot] : -1;
            }
        }
        return -1;
    }

    private static long keySsrc(long key) {
        return (key - 1) >>> 16;
    }

    private static int keyRtpSequence(long key) {
        return (int) ((key - 1) & 0xFFFF);
    }
}
