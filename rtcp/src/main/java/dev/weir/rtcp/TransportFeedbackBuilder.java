package dev.weir.rtcp;

/*
 * Writes draft-holmer-rmcat-transport-wide-cc-extensions-01 feedback (RTCP RTPFB FMT 15) the way
 * libwebrtc's TransportFeedback::AddReceivedPacket and Create do
 * (modules/rtp_rtcp/source/rtcp_packet/transport_feedback.cc, https://webrtc.googlesource.com/src):
 * same chunk choice, delta rounding, padding and limits, plus a maximum packet size.
 */

/**
 * Builds one TWCC packet from received packets in increasing transport sequence order; gaps
 * become not-received statuses. {@link #addReceivedPacket} returns false, leaving the packet
 * intact, when the packet cannot take the next arrival: delta beyond +-8.19 s, sequence number
 * not newer, 65535 statuses, or the maximum packet size reached. As in libwebrtc, the
 * not-received statuses of a gap are kept when the arrival after them no longer fits.
 *
 * <p>Preallocated for its maximum packet size: building allocates nothing. Not thread-safe.
 */
public final class TransportFeedbackBuilder {
    /** Largest RTCP packet the 16-bit length field can describe: 65536 words of 4 bytes. */
    public static final int MAX_RTCP_PACKET_BYTES = 4 * (1 << 16);
    /**
     * Default maximum packet size: fits one UDP datagram within IPv6's 1280-byte minimum MTU
     * after IPv6 (40), UDP (8) and SRTCP (index 4 + tag 10) overhead, rounded down.
     */
    public static final int DEFAULT_MAX_PACKET_BYTES = 1200;
    /** Smallest useful packet: fixed fields, one chunk, one delta, padded to 4 bytes. */
    public static final int MIN_PACKET_BYTES = 24;
    private static final int MAX_STATUS_COUNT = 0xFFFF;
    private static final int CHUNK_BYTES = 2;
    private static final int SMALL_DELTA_MAX_TICKS = 0xFF;
    /** Sequence gaps larger than this cannot be newer (libwebrtc's IsNewerSequenceNumber). */
    private static final int HALF_SEQUENCE_SPACE = 0x8000;

    private final int maxBytes;
    private final char[] chunks;
    private final short[] deltaTicks;
    private final StatusChunkEncoder lastChunk = new StatusChunkEncoder();
    private int chunkCount;
    private int deltaCount;
    private long senderSsrc;
    private long mediaSsrc;
    private int baseSequenceNumber;
    private int referenceTicks;
    private int feedbackPacketCount;
    private int statusCount;
    private long lastTimestampUs;
    private int unpaddedBytes;

    public TransportFeedbackBuilder() {
        this(DEFAULT_MAX_PACKET_BYTES);
    }

    /** @param maxPacketSizeBytes in [{@value #MIN_PACKET_BYTES}, {@value #MAX_RTCP_PACKET_BYTES}] */
    public TransportFeedbackBuilder(int maxPacketSizeBytes) {
        if (maxPacketSizeBytes < MIN_PACKET_BYTES || maxPacketSizeBytes > MAX_RTCP_PACKET_BYTES) {
            throw new IllegalArgumentException("max packet size " + maxPacketSizeBytes + " bytes outside ["
                    + MIN_PACKET_BYTES + ", " + MAX_RTCP_PACKET_BYTES + "]");
        }
        maxBytes = maxPacketSizeBytes & ~3;
        int payloadBytes = maxBytes - TransportFeedback.FIXED_BYTES;
        chunks = new char[payloadBytes / CHUNK_BYTES];
        deltaTicks = new short[payloadBytes];
        reset(0, 0, 0, 0, 0);
    }

    /**
     * Starts a new packet.
     *
     * @param baseSequenceNumber transport sequence number of the first status (16 bits)
     * @param referenceTimeUs receiver clock; written as whole 64 ms ticks (rounded down, 24 bits)
     * @param feedbackPacketCount the receiver's feedback counter (8 bits)
     */
    public void reset(long senderSsrc, long mediaSsrc, int baseSequenceNumber, long referenceTimeUs,
                      int feedbackPacketCount) {
        this.senderSsrc = senderSsrc & 0xFFFF_FFFFL;
        this.mediaSsrc = mediaSsrc & 0xFFFF_FFFFL;
        this.baseSequenceNumber = baseSequenceNumber & 0xFFFF;
        this.feedbackPacketCount = feedbackPacketCount & 0xFF;
        long ticks = Math.floorDiv(referenceTimeUs, TransportFeedback.REFERENCE_TICK_US);
        referenceTicks = (int) (ticks & (TransportFeedback.REFERENCE_TIME_MODULUS - 1));
        lastTimestampUs = ticks * TransportFeedback.REFERENCE_TICK_US;
        statusCount = 0;
        chunkCount = 0;
        deltaCount = 0;
        lastChunk.clear();
        unpaddedBytes = TransportFeedback.FIXED_BYTES;
    }

    /** Adds a received packet; false (packet unchanged except for a kept gap) when it cannot. */
    public boolean addReceivedPacket(int sequenceNumber, long arrivalTimeUs) {
        int sequence = sequenceNumber & 0xFFFF;
        long deltaUs = arrivalTimeUs - lastTimestampUs;
        long half = TransportFeedback.DELTA_TICK_US / 2;
        long ticks = (deltaUs >= 0 ? deltaUs + half : deltaUs - half) / TransportFeedback.DELTA_TICK_US;
        if (ticks != (short) ticks) {
            return false;
        }
        int next = (baseSequenceNumber + statusCount) & 0xFFFF;
        if (sequence != next) {
            int last = (next - 1) & 0xFFFF;
            if (!isNewer(sequence, last) || !addMissing((sequence - next) & 0xFFFF)) {
                return false;
            }
        }
        int deltaSize = ticks >= 0 && ticks <= SMALL_DELTA_MAX_TICKS ? 1 : 2;
        if (!addDeltaSize(deltaSize)) {
            return false;
        }
        deltaTicks[deltaCount++] = (short) ticks;
        lastTimestampUs += ticks * TransportFeedback.DELTA_TICK_US;
        unpaddedBytes += deltaSize;
        return true;
    }

    private static boolean isNewer(int sequence, int previous) {
        int difference = (sequence - previous) & 0xFFFF;
        if (difference == HALF_SEQUENCE_SPACE) {
            return sequence > previous;
        }
        return difference != 0 && difference < HALF_SEQUENCE_SPACE;
    }

    private boolean addDeltaSize(int deltaSize) {
        if (statusCount == MAX_STATUS_COUNT) {
            return false;
        }
        int newChunkBytes = lastChunk.isEmpty() ? CHUNK_BYTES : 0;
        if (unpaddedBytes + deltaSize + newChunkBytes > maxBytes) {
            return false;
        }
        if (lastChunk.canAdd(deltaSize)) {
            unpaddedBytes += newChunkBytes;
            lastChunk.add(deltaSize);
            statusCount++;
            return true;
        }
        if (unpaddedBytes + deltaSize + CHUNK_BYTES > maxBytes) {
            return false;
        }
        chunks[chunkCount++] = (char) lastChunk.emit();
        unpaddedBytes += CHUNK_BYTES;
        lastChunk.add(deltaSize);
        statusCount++;
        return true;
    }

    private boolean addMissing(int missing) {
        int newStatusCount = statusCount + missing;
        if (newStatusCount > MAX_STATUS_COUNT) {
            return false;
        }
        if (!lastChunk.isEmpty()) {
            while (missing > 0 && lastChunk.canAdd(0)) {
                lastChunk.add(0);
                missing--;
            }
            if (missing == 0) {
                statusCount = newStatusCount;
                return true;
            }
            chunks[chunkCount++] = (char) lastChunk.emit();
        }
        int fullChunks = missing / StatusChunkEncoder.MAX_RUN_LENGTH;
        int partial = missing % StatusChunkEncoder.MAX_RUN_LENGTH;
        int newChunks = fullChunks + (partial > 0 ? 1 : 0);
        if (unpaddedBytes + CHUNK_BYTES * newChunks > maxBytes) {
            statusCount = newStatusCount - missing;
            return false;
        }
        unpaddedBytes += CHUNK_BYTES * newChunks;
        for (int i = 0; i < fullChunks; i++) {
            chunks[chunkCount++] = (char) StatusChunkEncoder.MAX_RUN_LENGTH;
        }
        lastChunk.addMissing(partial);
        statusCount = newStatusCount;
        return true;
    }

    /** Statuses (received and not) in the packet so far. */
    public int statusCount() {
        return statusCount;
    }

    /** Size of the packet {@link #write} produces: padded to a multiple of 4 bytes. */
    public int sizeBytes() {
        return (unpaddedBytes + 3) & ~3;
    }

    /**
     * Writes the packet at {@code offset}; returns its size. Padding, when needed, is declared with
     * the P bit and a final count byte, as libwebrtc writes it.
     *
     * @throws IllegalStateException when no packet has been added (empty feedback is invalid)
     * @throws IndexOutOfBoundsException when {@code out} has fewer than {@link #sizeBytes()} bytes from {@code offset}
     */
    public int write(byte[] out, int offset) {
        if (statusCount == 0) {
            throw new IllegalStateException("a TWCC packet needs at least one status");
        }
        int total = sizeBytes();
        java.util.Objects.checkFromIndexSize(offset, total, out.length);
        int padding = total - unpaddedBytes;
        RtcpHeader.write(out, offset, TransportFeedback.FORMAT, RtcpHeader.PACKET_TYPE_RTPFB, total, padding > 0);
        Bytes.put32(out, offset + 4, senderSsrc);
        Bytes.put32(out, offset + 8, mediaSsrc);
        Bytes.put16(out, offset + 12, baseSequenceNumber);
        Bytes.put16(out, offset + 14, statusCount);
        Bytes.put24(out, offset + 16, referenceTicks);
        out[offset + 19] = (byte) feedbackPacketCount;
        int at = offset + TransportFeedback.FIXED_BYTES;
        for (int i = 0; i < chunkCount; i++) {
            Bytes.put16(out, at, chunks[i]);
            at += CHUNK_BYTES;
        }
        if (!lastChunk.isEmpty()) {
            Bytes.put16(out, at, lastChunk.encodeLast());
            at += CHUNK_BYTES;
        }
        for (int i = 0; i < deltaCount; i++) {
            int ticks = deltaTicks[i];
            if (ticks >= 0 && ticks <= SMALL_DELTA_MAX_TICKS) {
                out[at++] = (byte) ticks;
            } else {
                Bytes.put16(out, at, ticks);
                at += 2;
            }
        }
        for (int i = 1; i < padding; i++) {
            out[at++] = 0;
        }
        if (padding > 0) {
            out[at] = (byte) padding;
        }
        return total;
    }
}
