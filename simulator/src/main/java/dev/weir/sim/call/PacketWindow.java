package dev.weir.sim.call;

import dev.weir.sim.media.PacketKind;

/**
 * The sent packets a running call may still read, by transport-wide sequence number (0, 1, 2, ...
 * in send order): kind, send and arrival time, size, media id and probe cluster. A packet stays
 * until its arrival has been handled (or it was dropped) and every feedback report that covers it
 * has reached the sender (or was lost); {@link #releaseThrough} then drops it, oldest first. So
 * the window holds the packets in flight plus those waiting for feedback: its size follows the
 * rates and delays of the call, never its length. The full ground truth of every packet goes to
 * {@link PacketTap}s as the packet is sent; nothing here is kept for the end of the call.
 *
 * <p>A growable power-of-two ring of primitive fields. Reading a released packet throws: the call
 * would otherwise read another packet's fields.
 *
 * <p>Not thread-safe: one instance per call.
 */
final class PacketWindow {
    private int first;
    private int end;
    private int mask;
    private byte[] kinds;
    private long[] sendTimesUs;
    private long[] arrivalTimesUs;
    private int[] sizesBytes;
    private int[] mediaIds;
    private int[] probeClusterIds;
    private boolean[] done;
    private int maxHeld;

    PacketWindow(int initialCapacity) {
        int capacity = Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1;
        allocate(capacity);
    }

    private void allocate(int capacity) {
        mask = capacity - 1;
        kinds = new byte[capacity];
        sendTimesUs = new long[capacity];
        arrivalTimesUs = new long[capacity];
        sizesBytes = new int[capacity];
        mediaIds = new int[capacity];
        probeClusterIds = new int[capacity];
        done = new boolean[capacity];
    }

    /** Appends a sent packet and returns its sequence number; its arrival follows in {@link #setArrival}. */
    int append(PacketKind kind, long sendTimeUs, int sizeBytes, int mediaId, int probeClusterId) {
        if (end == Integer.MAX_VALUE) {
            throw new IllegalStateException("more than " + Integer.MAX_VALUE + " packets in one call");
        }
        if (end - first == kinds.length) {
            grow();
        }
        int seq = end++;
        maxHeld = Math.max(maxHeld, end - first);
        int slot = seq & mask;
        kinds[slot] = (byte) kind.ordinal();
        sendTimesUs[slot] = sendTimeUs;
        arrivalTimesUs[slot] = -1;
        sizesBytes[slot] = sizeBytes;
        mediaIds[slot] = mediaId;
        probeClusterIds[slot] = probeClusterId;
        done[slot] = false;
        return seq;
    }

    private void grow() {
        byte[] oldKinds = kinds;
        long[] oldSend = sendTimesUs;
        long[] oldArrival = arrivalTimesUs;
        int[] oldSizes = sizesBytes;
        int[] oldMedia = mediaIds;
        int[] oldClusters = probeClusterIds;
        boolean[] oldDone = done;
        int oldMask = mask;
        allocate(kinds.length * 2);
        for (int seq = first; seq < end; seq++) {
            int from = seq & oldMask;
            int to = seq & mask;
            kinds[to] = oldKinds[from];
            sendTimesUs[to] = oldSend[from];
            arrivalTimesUs[to] = oldArrival[from];
            sizesBytes[to] = oldSizes[from];
            mediaIds[to] = oldMedia[from];
            probeClusterIds[to] = oldClusters[from];
            done[to] = oldDone[from];
        }
    }

    /** Arrival time at the receiver, or -1 when the network dropped the packet. */
    void setArrival(int seq, long arrivalTimeUs) {
        arrivalTimesUs[slot(seq)] = arrivalTimeUs;
    }

    /** Nothing will arrive for {@code seq} any more: it arrived, was dropped or lands after the call. */
    void markDone(int seq) {
        done[slot(seq)] = true;
    }

    /**
     * Drops packets from the oldest on while they are done and at most {@code lastReportedSeq}
     * (every feedback report covering them has been handled).
     */
    void releaseThrough(int lastReportedSeq) {
        while (first < end && first <= lastReportedSeq && done[first & mask]) {
            first++;
        }
    }

    /** Number of packets sent so far (the next sequence number). */
    int sent() {
        return end;
    }

    /** Most packets held at once so far. */
    int maxHeld() {
        return maxHeld;
    }

    byte kindOrdinal(int seq) {
        return kinds[slot(seq)];
    }

    long sendTimeUs(int seq) {
        return sendTimesUs[slot(seq)];
    }

    long arrivalTimeUs(int seq) {
        return arrivalTimesUs[slot(seq)];
    }

    int sizeBytes(int seq) {
        return sizesBytes[slot(seq)];
    }

    int mediaId(int seq) {
        return mediaIds[slot(seq)];
    }

    int probeClusterId(int seq) {
        return probeClusterIds[slot(seq)];
    }

    private int slot(int seq) {
        if (seq < first || seq >= end) {
            throw new IllegalStateException("packet " + seq + " is not held (held: " + first + ".." + (end - 1) + ")");
        }
        return seq & mask;
    }
}
