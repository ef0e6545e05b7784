package dev.weir.rtcp;

/*
 * The RTCP common header (RFC 3550 section 6.4.1) with the feedback packet layout of RFC 4585
 * section 6.1; the padding rules follow libwebrtc's modules/rtp_rtcp/source/rtcp_packet/
 * common_header.cc (https://webrtc.googlesource.com/src).
 */

/**
 * Reads the 4-byte common header of one RTCP packet and the extent of its payload:
 * {@code V=2 | P | FMT/count (5 bits) | PT (8 bits) | length (16 bits, 32-bit words minus one)}.
 * With the padding bit set, the last byte counts the padding bytes (itself included), which are
 * excluded from the payload.
 *
 * <p>Use it to walk a compound RTCP datagram: read a header, hand the packet to the parser its
 * type and format select, advance by {@link #packetSizeBytes()}.
 *
 * <p>Reusable and not thread-safe.
 */
public final class RtcpHeader {
    /** RFC 4585 transport-layer feedback (RTPFB). */
    public static final int PACKET_TYPE_RTPFB = 205;
    /** Size of the common header in bytes. */
    public static final int HEADER_BYTES = 4;
    private static final int VERSION = 2;

    private int format;
    private int packetType;
    private boolean padding;
    private int packetSizeBytes;
    private int payloadEnd;

    /**
     * Reads the header of the packet at {@code offset}.
     *
     * @param lengthBytes bytes available from {@code offset} (may hold further packets)
     * @throws IndexOutOfBoundsException if {@code [offset, offset + lengthBytes)} is not inside {@code buf}
     */
    public void read(byte[] buf, int offset, int lengthBytes) throws RtcpFormatException {
        // The range is the caller's promise, not packet content: breaking it is a programming error.
        java.util.Objects.checkFromIndexSize(offset, lengthBytes, buf.length);
        if (lengthBytes < HEADER_BYTES) {
            throw new RtcpFormatException(RtcpProblem.TRUNCATED_HEADER, 0,
                    lengthBytes + " bytes available, the common header needs " + HEADER_BYTES);
        }
        int first = Bytes.u8(buf, offset);
        int version = first >>> 6;
        if (version != VERSION) {
            throw new RtcpFormatException(RtcpProblem.BAD_VERSION, 0, "version " + version + ", expected 2");
        }
        padding = (first & 0x20) != 0;
        format = first & 0x1F;
        packetType = Bytes.u8(buf, offset + 1);
        packetSizeBytes = (Bytes.u16(buf, offset + 2) + 1) * 4;
        if (packetSizeBytes > lengthBytes) {
            throw new RtcpFormatException(RtcpProblem.LENGTH_BEYOND_BUFFER, 2, "length field declares "
                    + packetSizeBytes + " bytes, " + lengthBytes + " available");
        }
        payloadEnd = packetSizeBytes;
        if (padding) {
            int paddingBytes = Bytes.u8(buf, offset + packetSizeBytes - 1);
            int payloadBytes = packetSizeBytes - HEADER_BYTES;
            if (paddingBytes == 0 || paddingBytes > payloadBytes) {
                throw new RtcpFormatException(RtcpProblem.BAD_PADDING, packetSizeBytes - 1, "padding bit set, padding count "
                        + paddingBytes + " with " + payloadBytes + " payload bytes");
            }
            payloadEnd -= paddingBytes;
        }
    }

    /** Reads the header and checks that the packet is RTPFB with feedback message type {@code expectedFormat}. */
    void readFeedback(byte[] buf, int offset, int lengthBytes, int expectedFormat, String formatName)
            throws RtcpFormatException {
        read(buf, offset, lengthBytes);
        if (packetType != PACKET_TYPE_RTPFB) {
            throw new RtcpFormatException(RtcpProblem.WRONG_PACKET_TYPE, 1, "packet type " + packetType
                    + ", " + formatName + " is RTPFB (" + PACKET_TYPE_RTPFB + ")");
        }
        if (format != expectedFormat) {
            throw new RtcpFormatException(RtcpProblem.WRONG_FORMAT, 0, "feedback message type " + format
                    + ", " + formatName + " is " + expectedFormat);
        }
    }

    /** Writes a version-2 header for a packet of {@code packetSizeBytes} (a multiple of 4). */
    static void write(byte[] buf, int offset, int format, int packetType, int packetSizeBytes, boolean padding) {
        buf[offset] = (byte) (VERSION << 6 | (padding ? 0x20 : 0) | format);
        buf[offset + 1] = (byte) packetType;
        Bytes.put16(buf, offset + 2, packetSizeBytes / 4 - 1);
    }

    /** FMT (feedback message type) or reception report count, 5 bits. */
    public int format() {
        return format;
    }

    public int packetType() {
        return packetType;
    }

    public boolean hasPadding() {
        return padding;
    }

    /** The whole packet: header, payload and padding. */
    public int packetSizeBytes() {
        return packetSizeBytes;
    }

    /** Offset (from the packet's first byte) where the padding starts, or the packet size without padding. */
    public int payloadEndOffset() {
        return payloadEnd;
    }
}
