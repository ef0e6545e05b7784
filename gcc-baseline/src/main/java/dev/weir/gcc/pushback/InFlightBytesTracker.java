package dev.weir.gcc.pushback;

/**
 * Bytes in flight (data in flight) for the congestion window, as libwebrtc's
 * {@code TransportFeedbackAdapter} with its {@code InFlightBytesTracker}
 * (modules/congestion_controller/rtp/transport_feedback_adapter.cc,
 * https://webrtc.googlesource.com/src) counts them: a packet is in flight from when it is sent
 * until a feedback report covers its transport sequence number, received or lost; a report
 * acknowledges every packet up to the highest sequence number it lists, including any skipped
 * by a lost report.
 *
 * <p>Sequence numbers are unwrapped transport-wide sequence numbers (the caller unwraps the
 * 16-bit wire values). History is a ring of a fixed number of packets: where libwebrtc forgets a
 * packet after 60 s without feedback, this tracker forgets one when the ring needs its slot, and
 * in both cases the forgotten packet stops counting as in flight.
 *
 * <p>Allocation-free after construction. Not thread-safe: one instance per estimator, driven
 * from one thread.
 */
public final class InFlightBytesTracker {
    /** Marks an empty slot and "nothing acknowledged yet". */
    private static final long NONE = Long.MIN_VALUE;
    /** Smallest ring, packets. */
    private static final int MIN_CAPACITY = 16;
    /** Largest ring, packets (2^20: over 15 min at 1000 packets/s). */
    private static final int MAX_CAPACITY = 1 << 20;

    private final long[] sequences;
    private final int[] sizesBytes;
    private final int mask;
    private long lastAckedSequence = NONE;
    private long outstandingBytes;

    /**
     * @param capacityPackets packets remembered (rounded up to a power of two in [16, 2^20]);
     *        2^15 keeps half the 16-bit sequence space, about 30 s of a 10 Mbps stream
     */
    public InFlightBytesTracker(int capacityPackets) {
        int capacity = Integer.highestOneBit(Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, capacityPackets)));
        if (capacity < capacityPackets && capacity < MAX_CAPACITY) {
            capacity <<= 1;
        }
        sequences = new long[capacity];
        sizesBytes = new int[capacity];
        mask = capacity - 1;
        java.util.Arrays.fill(sequences, NONE);
    }

    /**
     * A packet with unwrapped transport sequence number {@code sequence} was sent. Packets already
     * acknowledged, sent again under the same number, or of negative size are not counted
     * (libwebrtc counts a transport sequence number once).
     */
    public void onPacketSent(long sequence, int sizeBytes) {
        if (sequence == NONE || sizeBytes < 0 || (lastAckedSequence != NONE && sequence <= lastAckedSequence)) {
            return;
        }
        int slot = (int) (sequence & mask);
        if (sequences[slot] == sequence) {
            return;
        }
        if (sequences[slot] != NONE) {
            outstandingBytes -= sizesBytes[slot]; // forgotten without feedback
        }
        sequences[slot] = sequence;
        sizesBytes[slot] = sizeBytes;
        outstandingBytes += sizeBytes;
    }

    /**
     * A feedback report listed packets up to unwrapped sequence number {@code highestSequence}
     * (received or lost): every packet up to it leaves flight. Older or repeated reports change
     * nothing.
     */
    public void onFeedback(long highestSequence) {
        if (highestSequence == NONE || (lastAckedSequence != NONE && highestSequence <= lastAckedSequence)) {
            return;
        }
        boolean scanAll = lastAckedSequence == NONE || highestSequence - lastAckedSequence >= sequences.length
                || highestSequence - lastAckedSequence < 0;
        if (scanAll) {
            for (int slot = 0; slot < sequences.length; slot++) {
                if (sequences[slot] != NONE && sequences[slot] <= highestSequence) {
                    remove(slot);
                }
            }
        } else {
            for (long sequence = lastAckedSequence + 1; sequence <= highestSequence; sequence++) {
                int slot = (int) (sequence & mask);
                if (sequences[slot] == sequence) {
                    remove(slot);
                }
            }
        }
        lastAckedSequence = highestSequence;
    }

    /** Bytes sent and not yet covered by feedback. */
    public long outstandingBytes() {
        return outstandingBytes;
    }

    private void remove(int slot) {
        outstandingBytes -= sizesBytes[slot];
        sequences[slot] = NONE;
        sizesBytes[slot] = 0;
    }
}
