package dev.weir.bwe.feedback;

import java.util.Arrays;

/**
 * What feedback already said about each recent unwrapped transport sequence number: unseen,
 * reported lost, or reported received; two bits per packet in a ring over the latest
 * {@link #WINDOW} sequence numbers (2 KiB), so a packet is counted once however often it is
 * reported, and a lost packet reported received later is recognised as recovered.
 *
 * <p>When the highest sequence advances, the slots it passes are cleared word by word, so one
 * record costs at most {@code WINDOW / 32} word writes whatever the input.
 *
 * <p>Not thread-safe: owned by one {@link FeedbackFrontDoor}.
 */
final class SequenceLedger {
    /** First report of this packet. */
    static final int NEW = 0;
    /** Reported lost before, received now. */
    static final int RECOVERED = 1;
    /** Reported before with nothing new to say. */
    static final int DUPLICATE = 2;
    /** Older than the window: the ledger cannot tell, so it is ignored. */
    static final int STALE = 3;

    /**
     * Packets remembered (power of two): 8 s at 1000 packets/s (a 10 Mbps stream of 1200-byte
     * packets), 30 s at 2.5 Mbps; far longer than any feedback is late.
     */
    static final int WINDOW = 1 << 13;
    private static final int MASK = WINDOW - 1;
    private static final int SLOTS_PER_WORD = 32;
    private static final long UNSEEN = 0;
    private static final long LOST = 1;
    private static final long RECEIVED = 2;

    private final long[] words = new long[WINDOW / SLOTS_PER_WORD];
    private boolean hasHighest;
    private long highest;

    /** Records one report of {@code sequence} and classifies it (see the constants). */
    int record(long sequence, boolean lost) {
        if (!hasHighest) {
            hasHighest = true;
            highest = sequence;
        } else if (sequence > highest) {
            clearAfterHighest(sequence);
            highest = sequence;
        } else if (sequence <= highest - WINDOW) {
            return STALE;
        }
        int slot = (int) (sequence & MASK);
        long state = get(slot);
        if (state == UNSEEN) {
            set(slot, lost ? LOST : RECEIVED);
            return NEW;
        }
        if (state == LOST && !lost) {
            set(slot, RECEIVED);
            return RECOVERED;
        }
        return DUPLICATE;
    }

    /** Forgets everything. */
    void reset() {
        Arrays.fill(words, 0);
        hasHighest = false;
        highest = 0;
    }

    /** Clears the slots of sequence numbers (highest, sequence], which now start afresh. */
    private void clearAfterHighest(long sequence) {
        long advance = sequence - highest;
        if (advance >= WINDOW || advance < 0) {
            Arrays.fill(words, 0);
            return;
        }
        int from = (int) ((highest + 1) & MASK);
        int count = (int) advance;
        int firstPart = Math.min(count, WINDOW - from);
        clearSlots(from, firstPart);
        clearSlots(0, count - firstPart);
    }

    /** Clears {@code count} contiguous slots from {@code from} (no wrap). */
    private void clearSlots(int from, int count) {
        int slot = from;
        int end = from + count;
        while (slot < end && (slot % SLOTS_PER_WORD) != 0) {
            set(slot++, UNSEEN);
        }
        while (end - slot >= SLOTS_PER_WORD) {
            words[slot / SLOTS_PER_WORD] = 0;
            slot += SLOTS_PER_WORD;
        }
        while (slot < end) {
            set(slot++, UNSEEN);
        }
    }

    private long get(int slot) {
        return (words[slot / SLOTS_PER_WORD] >>> shift(slot)) & 3L;
    }

    private void set(int slot, long state) {
        int word = slot / SLOTS_PER_WORD;
        int shift = shift(slot);
        words[word] = (words[word] & ~(3L << shift)) | (state << shift);
    }

    private static int shift(int slot) {
        return (slot % SLOTS_PER_WORD) * 2;
    }
}
