package dev.weir.rtcp;

/*
 * The send-time history of libwebrtc's TransportFeedbackAdapter
 * (modules/congestion_controller/rtp/transport_feedback_adapter.cc, https://webrtc.googlesource.com/src)
 * as a preallocated ring instead of a std::map.
 */

/**
 * Sent packets by unwrapped transport sequence number in a power-of-two ring: slot
 * {@code sequence & mask}. An entry is live while no newer packet took its slot (capacity) and it
 * is no older than the history window relative to the newest send (age, libwebrtc's 60 s
 * {@code kSendTimeHistoryWindow}). Each entry remembers whether feedback has acknowledged it or
 * reported it lost, so the adapter reports every packet once. Not thread-safe.
 */
final class SendHistory {
    static final byte SENT = 1;
    static final byte ACKNOWLEDGED = 2;
    static final byte REPORTED_LOST = 3;
    private static final long EMPTY = -1;

    private final int mask;
    private final long windowUs;
    private final long[] sequences;
    private final long[] sendTimesUs;
    private final int[] sizesBytes;
    private final int[] probeClusterIds;
    private final int[] ssrcs;
    private final char[] rtpSequences;
    private final byte[] states;
    private long newestSendTimeUs = Long.MIN_VALUE;

    SendHistory(int capacity, long windowUs) {
        mask = capacity - 1;
        this.windowUs = windowUs;
        sequences = new long[capacity];
        java.util.Arrays.fill(sequences, EMPTY);
        sendTimesUs = new long[capacity];
        sizesBytes = new int[capacity];
        probeClusterIds = new int[capacity];
        ssrcs = new int[capacity];
        rtpSequences = new char[capacity];
        states = new byte[capacity];
    }

    int capacity() {
        return mask + 1;
    }

    void add(long sequence, long sendTimeUs, int sizeBytes, int probeClusterId, long ssrc, int rtpSequence) {
        int slot = (int) (sequence & mask);
        sequences[slot] = sequence;
        sendTimesUs[slot] = sendTimeUs;
        sizesBytes[slot] = sizeBytes;
        probeClusterIds[slot] = probeClusterId;
        ssrcs[slot] = (int) ssrc;
        rtpSequences[slot] = (char) rtpSequence;
        states[slot] = SENT;
        newestSendTimeUs = Math.max(newestSendTimeUs, sendTimeUs);
    }

    /** The slot of {@code sequence}, or -1 when it was never sent, was overwritten or aged out. */
    int find(long sequence) {
        if (sequence < 0) {
            return -1;
        }
        int slot = (int) (sequence & mask);
        if (sequences[slot] != sequence || newestSendTimeUs - sendTimesUs[slot] > windowUs) {
            return -1;
        }
        return slot;
    }

    long sequence(int slot) {
        return sequences[slot];
    }

    long sendTimeUs(int slot) {
        return sendTimesUs[slot];
    }

    int sizeBytes(int slot) {
        return sizesBytes[slot];
    }

    int probeClusterId(int slot) {
        return probeClusterIds[slot];
    }

    boolean hasRtpIdentity(int slot, long ssrc, int rtpSequence) {
        return ssrcs[slot] == (int) ssrc && rtpSequences[slot] == (char) rtpSequence;
    }

    byte state(int slot) {
        return states[slot];
    }

    void setState(int slot, byte state) {
        states[slot] = state;
    }
}
