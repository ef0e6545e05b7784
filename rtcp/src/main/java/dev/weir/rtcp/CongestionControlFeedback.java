package dev.weir.rtcp;

/*
 * Format: RFC 8888 section 3.1 (RTCP RTPFB FMT 11). Acceptance rules follow libwebrtc's
 * modules/rtp_rtcp/source/rtcp_packet/congestion_control_feedback.cc
 * (https://webrtc.googlesource.com/src), plus the RFC's 16384-report limit per block.
 */

import java.nio.ByteBuffer;

/**
 * One parsed RFC 8888 congestion control feedback packet:
 *
 * <pre>
 *  0 | V=2 |P| FMT=11 | PT=205 | length                          |
 *  4 | SSRC of RTCP packet sender                                |
 *    | SSRC of 1st RTP stream                                    |  report block,
 *    | begin_seq                     | num_reports               |  repeated per
 *    | R|ECN|ATO (16 bits per packet) ..., 2 bytes of padding if odd |  stream
 *    | report timestamp (compact NTP, 32 bits)                   |
 * </pre>
 *
 * Each metric block is R (received), ECN (2 bits, RFC 3168 codepoint) and the arrival time offset
 * (ATO, 13 bits, 1/1024 s before the report timestamp; 0x1FFE over-range, 0x1FFF unavailable).
 *
 * <p>Validation: payload word-aligned, every block header and its num_reports metrics inside the
 * packet before the report timestamp, at most 16384 reports per block (the RFC's limit). As in
 * libwebrtc, the bits after R=0 and the value of the alignment padding are ignored.
 *
 * <p>Reports are flattened in packet order: {@link #reportCount()} entries across all blocks.
 * Reusable; storage grows only with the reports actually present (2 bytes each on the wire), so
 * hostile bytes cannot make it allocate beyond the packet's size. Not thread-safe.
 */
public final class CongestionControlFeedback {
    /** RTPFB feedback message type of RFC 8888 feedback. */
    public static final int FORMAT = 11;
    /** RFC 8888: a report block MUST NOT hold more than 16384 metric blocks. */
    public static final int MAX_REPORTS_PER_BLOCK = 16384;
    /** ECN codepoint (RFC 3168): not ECN-capable transport. */
    public static final int ECN_NOT_ECT = 0b00;
    /** ECN codepoint: ECN-capable transport, ECT(1) (L4S). */
    public static final int ECN_ECT1 = 0b01;
    /** ECN codepoint: ECN-capable transport, ECT(0). */
    public static final int ECN_ECT0 = 0b10;
    /** ECN codepoint: congestion experienced. */
    public static final int ECN_CE = 0b11;
    /** ATO value for an arrival more than 8189/1024 s before the report timestamp. */
    public static final int ATO_OVER_RANGE = 0x1FFE;
    /** ATO value for an unavailable arrival time (or one after the report timestamp). */
    public static final int ATO_UNAVAILABLE = 0x1FFF;

    /** Header (4) and sender SSRC (4). */
    static final int HEADER_BYTES = 8;
    static final int BLOCK_HEADER_BYTES = 8;
    static final int TIMESTAMP_BYTES = 4;
    private static final int RECEIVED_BIT = 0x8000;
    private static final int ATO_MASK = 0x1FFF;
    /** Initial report capacity: 100 ms of a ~25 Mbps stream of 1200-byte packets. */
    private static final int INITIAL_REPORTS = 256;
    private static final int INITIAL_BLOCKS = 8;

    private final RtcpHeader header = new RtcpHeader();
    private long senderSsrc;
    private long reportTimestamp;
    private int blockCount;
    private long[] blockSsrcs = new long[INITIAL_BLOCKS];
    private int[] blockBeginSequences = new int[INITIAL_BLOCKS];
    private int[] blockFirstReports = new int[INITIAL_BLOCKS];
    private int reportCount;
    private char[] metrics = new char[INITIAL_REPORTS];
    private int[] reportBlocks = new int[INITIAL_REPORTS];
    private int packetSizeBytes;
    private byte[] scratch = new byte[0];

    /**
     * Parses the RFC 8888 packet at {@code offset}.
     *
     * @param lengthBytes bytes available from {@code offset} (further packets may follow)
     */
    public void parse(byte[] buf, int offset, int lengthBytes) throws RtcpFormatException {
        blockCount = 0;
        reportCount = 0;
        header.readFeedback(buf, offset, lengthBytes, FORMAT, "congestion control feedback (RFC 8888)");
        int end = header.payloadEndOffset();
        if (end < HEADER_BYTES + TIMESTAMP_BYTES) {
            throw new RtcpFormatException(RtcpProblem.PAYLOAD_TOO_SHORT, end, "payload ends at byte " + end
                    + ", sender SSRC and report timestamp end at byte " + (HEADER_BYTES + TIMESTAMP_BYTES));
        }
        if (end % 4 != 0) {
            throw new RtcpFormatException(RtcpProblem.PAYLOAD_NOT_WORD_ALIGNED, end,
                    "payload ends at byte " + end + ", not on a 32-bit word");
        }
        senderSsrc = Bytes.u32(buf, offset + 4);
        int blocksEnd = end - TIMESTAMP_BYTES;
        reportTimestamp = Bytes.u32(buf, offset + blocksEnd);
        int at = HEADER_BYTES;
        while (at < blocksEnd) {
            at = readBlock(buf, offset, at, blocksEnd);
        }
        packetSizeBytes = header.packetSizeBytes();
    }

    /** Parses the packet at the buffer's position (up to its limit) without moving the position. */
    public void parse(ByteBuffer buffer) throws RtcpFormatException {
        if (buffer.hasArray()) {
            parse(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            return;
        }
        int n = buffer.remaining();
        if (scratch.length < n) {
            scratch = new byte[n];
        }
        buffer.get(buffer.position(), scratch, 0, n);
        parse(scratch, 0, n);
    }

    private int readBlock(byte[] buf, int offset, int at, int blocksEnd) throws RtcpFormatException {
        if (at + BLOCK_HEADER_BYTES > blocksEnd) {
            throw new RtcpFormatException(RtcpProblem.REPORT_BLOCK_TRUNCATED, at, "report block header needs "
                    + BLOCK_HEADER_BYTES + " bytes, " + (blocksEnd - at) + " remain before the report timestamp");
        }
        int reports = Bytes.u16(buf, offset + at + 6);
        if (reports > MAX_REPORTS_PER_BLOCK) {
            throw new RtcpFormatException(RtcpProblem.TOO_MANY_REPORTS, at + 6,
                    "num_reports " + reports + " exceeds " + MAX_REPORTS_PER_BLOCK);
        }
        int metricBytes = 4 * ((reports + 1) / 2);
        int metricsAt = at + BLOCK_HEADER_BYTES;
        if (metricsAt + metricBytes > blocksEnd) {
            throw new RtcpFormatException(RtcpProblem.REPORT_COUNT_BEYOND_PACKET, at + 6, "num_reports " + reports
                    + " needs " + metricBytes + " bytes, " + (blocksEnd - metricsAt) + " remain before the report timestamp");
        }
        ensureBlockCapacity(blockCount + 1);
        ensureReportCapacity(reportCount + reports);
        blockSsrcs[blockCount] = Bytes.u32(buf, offset + at);
        blockBeginSequences[blockCount] = Bytes.u16(buf, offset + at + 4);
        blockFirstReports[blockCount] = reportCount;
        for (int k = 0; k < reports; k++) {
            metrics[reportCount] = (char) Bytes.u16(buf, offset + metricsAt + 2 * k);
            reportBlocks[reportCount] = blockCount;
            reportCount++;
        }
        blockCount++;
        return metricsAt + metricBytes;
    }

    private void ensureBlockCapacity(int needed) {
        if (blockSsrcs.length >= needed) {
            return;
        }
        int capacity = Math.max(needed, blockSsrcs.length * 2);
        blockSsrcs = java.util.Arrays.copyOf(blockSsrcs, capacity);
        blockBeginSequences = java.util.Arrays.copyOf(blockBeginSequences, capacity);
        blockFirstReports = java.util.Arrays.copyOf(blockFirstReports, capacity);
    }

    private void ensureReportCapacity(int needed) {
        if (metrics.length >= needed) {
            return;
        }
        int capacity = Math.max(needed, metrics.length * 2);
        metrics = java.util.Arrays.copyOf(metrics, capacity);
        reportBlocks = java.util.Arrays.copyOf(reportBlocks, capacity);
    }

    public long senderSsrc() {
        return senderSsrc;
    }

    /** The report timestamp: compact NTP (16.16 seconds) of the receiver's clock, 32 bits. */
    public long reportTimestampCompactNtp() {
        return reportTimestamp;
    }

    /** Number of report blocks (one per RTP stream, possibly repeated). */
    public int blockCount() {
        return blockCount;
    }

    public long blockSsrc(int block) {
        checkBlock(block);
        return blockSsrcs[block];
    }

    public int blockBeginSequenceNumber(int block) {
        checkBlock(block);
        return blockBeginSequences[block];
    }

    public int blockReportCount(int block) {
        checkBlock(block);
        int end = block + 1 < blockCount ? blockFirstReports[block + 1] : reportCount;
        return end - blockFirstReports[block];
    }

    /** Metric blocks across all report blocks, in packet order. */
    public int reportCount() {
        return reportCount;
    }

    /** SSRC of the stream report {@code index} belongs to. */
    public long ssrc(int index) {
        checkReport(index);
        return blockSsrcs[reportBlocks[index]];
    }

    /** RTP sequence number of report {@code index} (16 bits). */
    public int sequenceNumber(int index) {
        checkReport(index);
        int block = reportBlocks[index];
        return (blockBeginSequences[block] + index - blockFirstReports[block]) & 0xFFFF;
    }

    public boolean isReceived(int index) {
        checkReport(index);
        return (metrics[index] & RECEIVED_BIT) != 0;
    }

    /** ECN codepoint of a received packet ({@link #ECN_NOT_ECT} for one not received). */
    public int ecn(int index) {
        return isReceived(index) ? (metrics[index] >>> 13) & 3 : ECN_NOT_ECT;
    }

    /**
     * Arrival time offset before the report timestamp in 1/1024 s, including the special values
     * {@link #ATO_OVER_RANGE} and {@link #ATO_UNAVAILABLE}; 0 for a packet not received.
     */
    public int arrivalTimeOffset(int index) {
        return isReceived(index) ? metrics[index] & ATO_MASK : 0;
    }

    /** Whether report {@code index} was received with a usable arrival time. */
    public boolean hasArrivalTime(int index) {
        return isReceived(index) && arrivalTimeOffset(index) < ATO_OVER_RANGE;
    }

    /** The whole RTCP packet including padding: where the next packet of a compound datagram starts. */
    public int packetSizeBytes() {
        return packetSizeBytes;
    }

    private void checkBlock(int block) {
        if (block < 0 || block >= blockCount) {
            throw new IndexOutOfBoundsException("block " + block + " of " + blockCount);
        }
    }

    private void checkReport(int index) {
        if (index < 0 || index >= reportCount) {
            throw new IndexOutOfBoundsException("report " + index + " of " + reportCount);
        }
    }
}
