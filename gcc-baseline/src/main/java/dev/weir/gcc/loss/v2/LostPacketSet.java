package dev.weir.gcc.loss.v2;

/**
 * The lost packets of the partial observation, keyed by transport sequence number (libwebrtc's
 * {@code PartialObservation::lost_packets}, an {@code unordered_map<int64_t, DataSize>} in
 * modules/congestion_controller/goog_cc/loss_based_bwe_v2.h): a packet reported lost is added
 * once, with its size; a later report of it as received removes it, so reordering between two
 * feedback reports is not counted as loss.
 *
 * <p>Open addressing with linear probing and backward-shift deletion, without allocation per
 * packet: {@link #clear()} is O(1) (a generation stamp), and the table doubles only when a partial
 * observation loses more packets than any before. Once {@link #MAX_CAPACITY} slots are 3/4 full, a
 * further lost packet is still counted (with its size) but cannot later be removed: memory stays
 * bounded even if a caller's send times never advance and the observation never completes.
 *
 * <p>Not thread-safe: owned by one {@link LossBasedBweV2}.
 */
final class LostPacketSet {
    /** Initial slots: ~128 lost packets per 250 ms observation before the first growth. */
    private static final int INITIAL_CAPACITY = 256;
    /** Largest table (2^20 slots, 20 MB): ~780 k lost packets in one observation. */
    static final int MAX_CAPACITY = 1 << 20;
    /** Fibonacci hashing multiplier (2^64 / golden ratio). */
    private static final long HASH_MULTIPLIER = 0x9E3779B97F4A7C15L;

    private long[] keys = new long[INITIAL_CAPACITY];
    private long[] sizesBytes = new long[INITIAL_CAPACITY];
    private int[] stamps = new int[INITIAL_CAPACITY];
    private int generation = 1;
    private int shift = 64 - Integer.numberOfTrailingZeros(INITIAL_CAPACITY);
    private int stored;
    private long count;
    private long totalBytes;

    /** libwebrtc {@code lost_packets.emplace}: adds {@code sequence} unless already present. */
    void addLost(long sequence, long sizeBytes) {
        int slot = find(sequence);
        if (slot >= 0) {
            return;
        }
        count++;
        totalBytes += sizeBytes;
        // Load factor 1/2; at the maximum size up to 3/4, then counted but not stored (probe lengths stay short).
        if ((stored + 1) * 2 > keys.length && !grow() && (stored + 1) * 4 > keys.length * 3) {
            return;
        }
        int index = home(sequence);
        while (stamps[index] == generation) {
            index = (index + 1) & (keys.length - 1);
        }
        keys[index] = sequence;
        sizesBytes[index] = sizeBytes;
        stamps[index] = generation;
        stored++;
    }

    /** libwebrtc {@code lost_packets.erase}: a packet reported as received is no longer lost. */
    void removeReceived(long sequence) {
        if (stored == 0) {
            return; // the common case: nothing lost in this observation yet
        }
        int slot = find(sequence);
        if (slot < 0) {
            return;
        }
        count--;
        totalBytes -= sizesBytes[slot];
        stored--;
        int mask = keys.length - 1;
        int gap = slot;
        int next = (gap + 1) & mask;
        while (stamps[next] == generation) {
            int nextHome = home(keys[next]);
            // Move the entry back into the gap unless its home lies cyclically in (gap, next].
            boolean homeAfterGap = gap <= next ? (nextHome > gap && nextHome <= next)
                    : (nextHome > gap || nextHome <= next);
            if (!homeAfterGap) {
                keys[gap] = keys[next];
                sizesBytes[gap] = sizesBytes[next];
                gap = next;
            }
            next = (next + 1) & mask;
        }
        stamps[gap] = 0;
    }

    /** Number of distinct lost packets. */
    long count() {
        return count;
    }

    /** Sum of the lost packets' sizes, bytes. */
    long totalBytes() {
        return totalBytes;
    }

    void clear() {
        stored = 0;
        count = 0;
        totalBytes = 0;
        generation++;
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(stamps, 0);
            generation = 1;
        }
    }

    private int find(long sequence) {
        int mask = keys.length - 1;
        int index = home(sequence);
        while (stamps[index] == generation) {
            if (keys[index] == sequence) {
                return index;
            }
            index = (index + 1) & mask;
        }
        return -1;
    }

    private int home(long sequence) {
        return (int) ((sequence * HASH_MULTIPLIER) >>> shift);
    }

    private boolean grow() {
        if (keys.length >= MAX_CAPACITY) {
            return false;
        }
        long[] oldKeys = keys;
        long[] oldSizes = sizesBytes;
        int[] oldStamps = stamps;
        int oldGeneration = generation;
        int capacity = keys.length * 2;
        keys = new long[capacity];
        sizesBytes = new long[capacity];
        stamps = new int[capacity];
        generation = 1;
        shift--;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldStamps[i] == oldGeneration) {
                int index = home(oldKeys[i]);
                while (stamps[index] == generation) {
                    index = (index + 1) & (capacity - 1);
                }
                keys[index] = oldKeys[i];
                sizesBytes[index] = oldSizes[i];
                stamps[index] = generation;
            }
        }
        return true;
    }
}
