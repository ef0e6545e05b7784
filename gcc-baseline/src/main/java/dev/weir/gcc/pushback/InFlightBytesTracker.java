package dev.weir.gcc.pushback;

import java.util.Arrays;

/**
 * Bytes in flight (data in flight) for the congestion window, as libwebrtc's
 * {@code TransportFeedbackAdapter} with its {@code InFlightBytesTracker}
 * (modules/congestion_controller/rtp/transport_feedback_adapter.cc,
 * https://webrtc.googlesource.com/src) counts them: a packet is in flight from when it is sent
 * until a feedback report covers its transport sequence number, received or lost; a report
 * acknowledges every packet up to the highest sequence number it lists, including any skipped
 * by a lost report.
 *
 * <p>Transport sequence numbers are assigned in send order, so the tracker keeps only the size of
 * each packet in the window of the latest {@code capacity} sequence numbers (two bytes each,
 * indexed by sequence number); which packets are in flight follows from the highest number sent
 * and the highest acknowledged. A packet that falls out of the window without feedback stops
 * counting as in flight, as libwebrtc forgets a packet after 60 s.
 *
 * <p>Sequence numbers are unwrapped (the caller unwraps the 16-bit wire values). Allocation-free
 * after construction; one event costs at most {@code capacity} slot writes whatever the input.
 * Not thread-safe: one instance per estimator, driven from one thread.
 */
public final class InFlightBytesTracker {
    /** "Nothing sent / acknowledged yet". */
    private static final long NONE = Long.MIN_VALUE;
    /** Smallest window, packets. */
    private static final int MIN_CAPACITY = 16;
    /** Largest window, packets (2^20: over 15 min at 1000 packets/s). */
    private static final int MAX_CAPACITY = 1 << 20;
    /** Sizes are stored in 16 bits: the largest UDP datagram. */
    private static final int MAX_PACKET_BYTES = 65_535;

    private final char[] sizesBytes;
    private final int mask;
    private long highestSent = NONE;
    private long lastAcked = NONE;
    private long outstandingBytes;

    /**
     * @param capacityPackets sequence numbers remembered (rounded up to a power of two in
     *     [16, 2^20])
     */
    public InFlightBytesTracker(int capacityPackets) {
        int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, capacityPackets)));
        if (capacity < capacityPackets && capacity < MAX_CAPACITY) {
            capacity <<= 1;
        }
        sizesBytes = new char[capacity];
        mask = capacity - 1;
    }

    /**
     * A packet with unwrapped transport sequence number {@code sequence} was sent. Packets already
     * acknowledged, older than the window, sent again under the same number, or of non-positive
     * size are not counted (libwebrtc counts a transport sequence number once).
     */
    public void onPacketSent(long sequence, int sizeBytes) {
        if (sequence == NONE || sizeBytes <= 0 || (lastAcked != NONE && sequence <= lastAcked)) {
            return;
        }
        if (highestSent == NONE || sequence > highestSent) {
            if (highestSent != NONE) {
                release(highestSent + 1, sequence); // their slots held packets now out of the window
            }
            highestSent = sequence;
        } else if (sequence <= highestSent - sizesBytes.length) {
            return;
        }
        int slot = (int) (sequence & mask);
        if (sizesBytes[slot] != 0) {
            return;
        }
        int size = Math.min(MAX_PACKET_BYTES, sizeBytes);
        sizesBytes[slot] = (char) size;
        outstandingBytes += size;
    }

    /**
     * A feedback report listed packets up to unwrapped sequence number {@code highestSequence}
     * (received or lost): every packet up to it leaves flight. Older or repeated reports change
     * nothing.
     */
    public void onFeedback(long highestSequence) {
        if (highestSequence == NONE || (lastAcked != NONE && highestSequence <= lastAcked)) {
            return;
        }
        if (highestSent != NONE) {
            long from = lastAcked == NONE ? highestSent - sizesBytes.length + 1 : lastAcked + 1;
            release(from, Math.min(highestSequence, highestSent));
        }
        lastAcked = highestSequence;
    }

    /** Bytes sent and not yet covered by feedback. */
    public long outstandingBytes() {
        return outstandingBytes;
    }

    /** Takes the slots of sequence numbers [from, to] out of flight (their current occupants). */
    private void release(long from, long to) {
        if (to < from) {
            return;
        }
        if (to - from + 1 >= sizesBytes.length) {
            Arrays.fill(sizesBytes, (char) 0);
            outstandingBytes = 0;
            return;
        }
        for (long sequence = from; sequence <= to; sequence++) {
            int slot = (int) (sequence & mask);
            outstandingBytes -= sizesBytes[slot];
            sizesBytes[slot] = 0;
        }
    }
}
