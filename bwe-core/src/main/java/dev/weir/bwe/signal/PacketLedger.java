package dev.weir.bwe.signal;

import java.util.Arrays;

/**
 * Remembers what feedback said about each recent (unwrapped) sequence number, so duplicates and
 * repeated reports are counted once. A fixed ring indexed by sequence number: a packet older than
 * the ring (16384 packets, about 16 s at 1000 packets/s) is stale and ignored.
 *
 * <p>Not thread-safe: owned by one {@link SignalRecorder}.
 */
final class PacketLedger {
    /** What the ledger knew before a report: the packet is new, a duplicate, or a late arrival. */
    static final int NEW = 0;
    static final int DUPLICATE = 1;
    static final int RECOVERED = 2;
    static final int STALE = 3;

    /** Ring size, packets (power of two): 16 s of a 10 Mbps stream of 1200-byte packets. */
    private static final int SIZE = 1 << 14;
    private static final int MASK = SIZE - 1;
    private static final byte LOST = 1;
    private static final byte RECEIVED = 2;

    private final long[] sequences = new long[SIZE];
    private final byte[] states = new byte[SIZE];
    private boolean hasHighest;
    private long highest;

    PacketLedger() {
        Arrays.fill(sequences, Long.MIN_VALUE);
    }

    /** Records one report of {@code sequence} and classifies it (see the constants). */
    int record(long sequence, boolean lost) {
        if (hasHighest && sequence < highest - MASK) {
            return STALE;
        }
        if (!hasHighest || sequence > highest) {
            hasHighest = true;
            highest = sequence;
        }
        int slot = (int) (sequence & MASK);
        byte state = lost ? LOST : RECEIVED;
        if (sequences[slot] != sequence) {
            sequences[slot] = sequence;
            states[slot] = state;
            return NEW;
        }
        if (states[slot] == LOST && !lost) {
            states[slot] = RECEIVED;
            return RECOVERED;
        }
        return DUPLICATE;
    }
}
