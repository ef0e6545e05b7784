package dev.weir.rtcp;

/*
 * The chunk-packing rule of libwebrtc's TransportFeedback::LastChunk
 * (modules/rtp_rtcp/source/rtcp_packet/transport_feedback.cc, https://webrtc.googlesource.com/src),
 * so that weir writes the same bytes libwebrtc writes for the same arrivals.
 */

/**
 * The status chunk being filled: collects delta sizes (0 not received, 1 small, 2 large) while
 * they still fit one chunk, as a run-length chunk (up to 8191 equal symbols), a 1-bit vector (14
 * symbols, no large deltas) or a 2-bit vector (7 symbols). Not thread-safe.
 */
final class StatusChunkEncoder {
    static final int MAX_RUN_LENGTH = 0x1FFF;
    private static final int ONE_BIT_CAPACITY = 14;
    private static final int TWO_BIT_CAPACITY = 7;
    private static final int LARGE = 2;

    private final byte[] sizes = new byte[ONE_BIT_CAPACITY];
    private int size;
    private boolean allSame = true;
    private boolean hasLarge;

    boolean isEmpty() {
        return size == 0;
    }

    void clear() {
        size = 0;
        allSame = true;
        hasLarge = false;
    }

    /** Whether {@code deltaSize} still fits the chunk under construction. */
    boolean canAdd(int deltaSize) {
        if (size < TWO_BIT_CAPACITY) {
            return true;
        }
        if (size < ONE_BIT_CAPACITY && !hasLarge && deltaSize != LARGE) {
            return true;
        }
        return size < MAX_RUN_LENGTH && allSame && sizes[0] == deltaSize;
    }

    void add(int deltaSize) {
        if (size < ONE_BIT_CAPACITY) {
            sizes[size] = (byte) deltaSize;
        }
        size++;
        allSame = allSame && deltaSize == sizes[0];
        hasLarge = hasLarge || deltaSize == LARGE;
    }

    /** Starts an empty chunk as a run of {@code count} not-received symbols ({@code count < 8191}). */
    void addMissing(int count) {
        java.util.Arrays.fill(sizes, (byte) 0);
        size = count;
    }

    /** Encodes as much as one chunk holds (called when the next symbol does not fit) and removes it. */
    int emit() {
        if (allSame) {
            int chunk = encodeRunLength();
            clear();
            return chunk;
        }
        if (size == ONE_BIT_CAPACITY) {
            int chunk = encodeOneBit();
            clear();
            return chunk;
        }
        int chunk = encodeTwoBit(TWO_BIT_CAPACITY);
        size -= TWO_BIT_CAPACITY;
        allSame = true;
        hasLarge = false;
        for (int i = 0; i < size; i++) {
            byte deltaSize = sizes[TWO_BIT_CAPACITY + i];
            sizes[i] = deltaSize;
            allSame = allSame && deltaSize == sizes[0];
            hasLarge = hasLarge || deltaSize == LARGE;
        }
        return chunk;
    }

    /** Encodes everything collected into one chunk, padding vectors with not-received symbols. */
    int encodeLast() {
        if (allSame) {
            return encodeRunLength();
        }
        return size <= TWO_BIT_CAPACITY ? encodeTwoBit(size) : encodeOneBit();
    }

    private int encodeRunLength() {
        return sizes[0] << 13 | size;
    }

    private int encodeOneBit() {
        int chunk = 0x8000;
        for (int i = 0; i < size; i++) {
            chunk |= sizes[i] << (ONE_BIT_CAPACITY - 1 - i);
        }
        return chunk;
    }

    private int encodeTwoBit(int count) {
        int chunk = 0xC000;
        for (int i = 0; i < count; i++) {
            chunk |= sizes[i] << 2 * (TWO_BIT_CAPACITY - 1 - i);
        }
        return chunk;
    }
}
