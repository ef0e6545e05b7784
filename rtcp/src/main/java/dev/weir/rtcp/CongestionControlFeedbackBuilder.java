package dev.weir.rtcp;

/*
 * Writes RFC 8888 section 3.1 feedback (RTCP RTPFB FMT 11) as libwebrtc's
 * CongestionControlFeedback::Create does (modules/rtp_rtcp/source/rtcp_packet/
 * congestion_control_feedback.cc, https://webrtc.googlesource.com/src), within a maximum size.
 */

/**
 * Builds one RFC 8888 packet: {@link #reset}, then per stream {@link #beginBlock} and one
 * {@link #addReceived} or {@link #addLost} per consecutive RTP sequence number. Each call returns
 * false, changing nothing, when the packet is full (maximum size, or 16384 reports in the block):
 * write the packet, reset, and continue in a new block.
 *
 * <p>Preallocated for its maximum packet size: building allocates nothing. Not thread-safe.
 */
public final class CongestionControlFeedbackBuilder {
    /** Smallest useful packet: header, sender SSRC, one block with one padded report, timestamp. */
    public static final int MIN_PACKET_BYTES = CongestionControlFeedback.HEADER_BYTES
            + CongestionControlFeedback.BLOCK_HEADER_BYTES + 4 + CongestionControlFeedback.TIMESTAMP_BYTES;
    private static final long MICROS_PER_SECOND = 1_000_000;
    private static final int ATO_UNITS_PER_SECOND = 1024;

    private final byte[] buf;
    private final int maxBytes;
    private long reportTimestamp;
    private int blockStart = -1;
    private int blockReports;
    /** End of the last finished block (or of the sender SSRC). */
    private int blocksEnd;

    public CongestionControlFeedbackBuilder() {
        this(TransportFeedbackBuilder.DEFAULT_MAX_PACKET_BYTES);
    }

    /** @param maxPacketSizeBytes in [{@value #MIN_PACKET_BYTES}, 262144 (the RTCP length limit)] */
    public CongestionControlFeedbackBuilder(int maxPacketSizeBytes) {
        if (maxPacketSizeBytes < MIN_PACKET_BYTES || maxPacketSizeBytes > TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES) {
            throw new IllegalArgumentException("max packet size " + maxPacketSizeBytes + " bytes outside ["
                    + MIN_PACKET_BYTES + ", " + TransportFeedbackBuilder.MAX_RTCP_PACKET_BYTES + "]");
        }
        maxBytes = maxPacketSizeBytes & ~3;
        buf = new byte[maxBytes];
        reset(0, 0);
    }

    /**
     * Starts a new packet.
     *
     * @param reportTimestampCompactNtp the receiver clock at sending, compact NTP (low 32 bits used)
     */
    public void reset(long senderSsrc, long reportTimestampCompactNtp) {
        Bytes.put32(buf, 4, senderSsrc);
        reportTimestamp = reportTimestampCompactNtp & 0xFFFF_FFFFL;
        blockStart = -1;
        blockReports = 0;
        blocksEnd = CongestionControlFeedback.HEADER_BYTES;
    }

    /** Starts the report block of stream {@code ssrc} at RTP sequence {@code beginSequenceNumber}. */
    public boolean beginBlock(long ssrc, int beginSequenceNumber) {
        finishBlock();
        if (blocksEnd + CongestionControlFeedback.BLOCK_HEADER_BYTES + 4 + CongestionControlFeedback.TIMESTAMP_BYTES > maxBytes) {
            return false;
        }
        blockStart = blocksEnd;
        blockReports = 0;
        Bytes.put32(buf, blockStart, ssrc);
        Bytes.put16(buf, blockStart + 4, beginSequenceNumber);
        return true;
    }

    /**
     * Reports the next sequence number as received {@code arrivalOffsetUs} before the report
     * timestamp (negative: after it, written as unavailable; beyond 8189/1024 s: over-range).
     *
     * @param ecn RFC 3168 codepoint (2 bits)
     */
    public boolean addReceived(long arrivalOffsetUs, int ecn) {
        return addMetric(0x8000 | (ecn & 3) << 13 | arrivalTimeOffsetUnits(arrivalOffsetUs));
    }

    /** Reports the next sequence number as not received. */
    public boolean addLost() {
        return addMetric(0);
    }

    /** RFC 8888's 13-bit ATO of an offset in microseconds (libwebrtc To13bitAto, rounded down). */
    static int arrivalTimeOffsetUnits(long arrivalOffsetUs) {
        if (arrivalOffsetUs < 0) {
            return CongestionControlFeedback.ATO_UNAVAILABLE;
        }
        long units = Math.min(arrivalOffsetUs, CongestionControlFeedback.ATO_OVER_RANGE * MICROS_PER_SECOND)
                * ATO_UNITS_PER_SECOND / MICROS_PER_SECOND;
        return (int) Math.min(units, CongestionControlFeedback.ATO_OVER_RANGE);
    }

    private boolean addMetric(int metric) {
        if (blockStart < 0) {
            throw new IllegalStateException("addReceived/addLost before beginBlock");
        }
        if (blockReports == CongestionControlFeedback.MAX_REPORTS_PER_BLOCK) {
            return false;
        }
        boolean needsWord = blockReports % 2 == 0;
        int blockBytes = CongestionControlFeedback.BLOCK_HEADER_BYTES + 4 * ((blockReports + 2) / 2);
        if (needsWord && blockStart + blockBytes + CongestionControlFeedback.TIMESTAMP_BYTES > maxBytes) {
            return false;
        }
        int at = blockStart + CongestionControlFeedback.BLOCK_HEADER_BYTES + 2 * blockReports;
        Bytes.put16(buf, at, metric);
        if (needsWord) {
            Bytes.put16(buf, at + 2, 0);
        }
        blockReports++;
        return true;
    }

    private void finishBlock() {
        if (blockStart < 0) {
            return;
        }
        Bytes.put16(buf, blockStart + 6, blockReports);
        blocksEnd = blockStart + CongestionControlFeedback.BLOCK_HEADER_BYTES + 4 * ((blockReports + 1) / 2);
        blockStart = -1;
    }

    /** Size of the packet as it stands. */
    public int sizeBytes() {
        int end = blockStart < 0 ? blocksEnd
                : blockStart + CongestionControlFeedback.BLOCK_HEADER_BYTES + 4 * ((blockReports + 1) / 2);
        return end + CongestionControlFeedback.TIMESTAMP_BYTES;
    }

    /** Whether the packet holds no report block yet. */
    public boolean isEmpty() {
        return blockStart < 0 && blocksEnd == CongestionControlFeedback.HEADER_BYTES;
    }

    /**
     * Finishes the packet and copies it to {@code out} at {@code offset}; returns its size.
     *
     * @throws IndexOutOfBoundsException when {@code out} has fewer than {@link #sizeBytes()} bytes from {@code offset}
     */
    public int write(byte[] out, int offset) {
        java.util.Objects.checkFromIndexSize(offset, sizeBytes(), out.length);
        int size = finish();
        System.arraycopy(buf, 0, out, offset, size);
        return size;
    }

    /** Finishes the packet in the internal buffer ({@link #buffer()}); returns its size. */
    int finish() {
        finishBlock();
        int size = blocksEnd + CongestionControlFeedback.TIMESTAMP_BYTES;
        Bytes.put32(buf, blocksEnd, reportTimestamp);
        RtcpHeader.write(buf, 0, CongestionControlFeedback.FORMAT, RtcpHeader.PACKET_TYPE_RTPFB, size, false);
        return size;
    }

    byte[] buffer() {
        return buf;
    }
}
