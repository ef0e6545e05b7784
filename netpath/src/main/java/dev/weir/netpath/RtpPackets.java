package dev.weir.netpath;

/*
 * RTP fixed header: RFC 3550 section 5.1. Header extension: RFC 8285 section 4.2 (one-byte
 * header, profile 0xBEDE). Transport-wide sequence number element: 16 bits, big-endian,
 * draft-holmer-rmcat-transport-wide-cc-extensions-01 section 2 (libwebrtc
 * modules/rtp_rtcp/source/rtp_header_extensions.cc, TransportSequenceNumber). RTP/RTCP
 * demultiplexing on one port by the second byte: RFC 5761 section 4.
 */

/**
 * Writes and reads the harness's media packets: an RTP header with one RFC 8285 one-byte header
 * extension carrying the transport-wide sequence number, then zero filler up to the packet size.
 * The sizes the pacer and the estimator count are IP-level ({@link #IP_UDP_OVERHEAD_BYTES} on top
 * of the datagram), as libwebrtc's send-side BWE counts them with transport overhead.
 *
 * <pre>
 *  0                   1                   2                   3
 *  V=2|P|X=1|CC=0|M|  PT (7)  |      RTP sequence number      |
 *                           RTP timestamp                     |
 *                               SSRC                          |
 *        0xBE     |     0xDE     |       length = 1 (words)     |
 *  ID=5  | L=1    | transport sequence number (16) | 0 (pad)    |
 *  payload: zero bytes up to the datagram size
 * </pre>
 *
 * <p>Stateless and thread-safe; {@link Parsed} instances are reusable and not thread-safe.
 */
public final class RtpPackets {
    /** RTP fixed header, bytes (RFC 3550 5.1, no CSRCs). */
    static final int FIXED_HEADER_BYTES = 12;
    /** Extension header (profile + length) plus one 32-bit word holding the element. */
    static final int EXTENSION_BYTES = 8;
    /** Fixed header + extension: the smallest datagram this harness writes. */
    public static final int HEADER_BYTES = FIXED_HEADER_BYTES + EXTENSION_BYTES;
    /** IPv4 header (20, no options) + UDP header (8): what the estimator's sizes add to a datagram. */
    public static final int IP_UDP_OVERHEAD_BYTES = 28;
    /** Ethernet header the veth device and tbf count on top of the IP packet, bytes. */
    public static final int ETHERNET_HEADER_BYTES = 14;
    /**
     * Extension element ID of the transport-wide sequence number. Any of 1..14 works (SDP
     * {@code a=extmap} negotiates it); 5 is a common choice of browsers' offers.
     */
    public static final int TRANSPORT_SEQUENCE_EXTENSION_ID = 5;
    /** RFC 8285 one-byte header profile. */
    static final int ONE_BYTE_PROFILE = 0xBEDE;
    /** Media payload type: the first dynamic payload type (RFC 3551 section 6). */
    public static final int MEDIA_PAYLOAD_TYPE = 96;
    /** Probe and padding packets: a second dynamic payload type, so the receiver can tell them apart. */
    public static final int FILLER_PAYLOAD_TYPE = 97;
    private static final int VERSION = 2;
    /** RFC 5761 section 4: second byte 192..223 (with the marker bit) is RTCP, not RTP. */
    private static final int FIRST_RTCP_TYPE = 192;
    private static final int LAST_RTCP_TYPE = 223;

    private RtpPackets() {
    }

    /**
     * Writes one datagram of {@code datagramBytes} into {@code buf} from offset 0.
     *
     * @throws IllegalArgumentException when the size is below {@link #HEADER_BYTES} or above the buffer
     */
    public static int write(byte[] buf, int datagramBytes, int payloadType, boolean marker, int rtpSequence,
            long rtpTimestamp, long ssrc, int transportSequence) {
        if (datagramBytes < HEADER_BYTES || datagramBytes > buf.length) {
            throw new IllegalArgumentException("datagram of " + datagramBytes + " bytes: must be in [" + HEADER_BYTES
                    + ", " + buf.length + "]");
        }
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type " + payloadType + " is not 7 bits");
        }
        buf[0] = (byte) (VERSION << 6 | 0x10); // X = 1, CC = 0
        buf[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        put16(buf, 2, rtpSequence);
        put32(buf, 4, rtpTimestamp);
        put32(buf, 8, ssrc);
        put16(buf, 12, ONE_BYTE_PROFILE);
        put16(buf, 14, 1);
        buf[16] = (byte) (TRANSPORT_SEQUENCE_EXTENSION_ID << 4 | 1); // L = length - 1 = 1
        put16(buf, 17, transportSequence);
        java.util.Arrays.fill(buf, 19, datagramBytes, (byte) 0);
        return datagramBytes;
    }

    /** Whether the datagram's second byte marks RTCP (RFC 5761 demultiplexing). */
    public static boolean isRtcp(byte[] buf, int lengthBytes) {
        if (lengthBytes < 2) {
            return false;
        }
        int type = buf[1] & 0xFF;
        return type >= FIRST_RTCP_TYPE && type <= LAST_RTCP_TYPE;
    }

    /** One parsed RTP packet; {@link #parse} overwrites it. */
    public static final class Parsed {
        private int payloadType;
        private boolean marker;
        private int rtpSequence;
        private long rtpTimestamp;
        private long ssrc;
        private int transportSequence;
        private String problem;

        /**
         * Parses the RTP packet in {@code buf[0, lengthBytes)}. Returns false, with {@link #problem()}
         * saying why, for anything that is not a version-2 RTP packet carrying the transport-wide
         * sequence number element.
         */
        public boolean parse(byte[] buf, int lengthBytes) {
            problem = null;
            if (lengthBytes < FIXED_HEADER_BYTES || lengthBytes > buf.length) {
                return fail("datagram of " + lengthBytes + " bytes, RTP needs at least " + FIXED_HEADER_BYTES);
            }
            int first = buf[0] & 0xFF;
            if (first >>> 6 != VERSION) {
                return fail("version " + (first >>> 6) + ", expected 2");
            }
            if ((first & 0x10) == 0) {
                return fail("no header extension (X = 0): no transport-wide sequence number");
            }
            int csrcCount = first & 0x0F;
            marker = (buf[1] & 0x80) != 0;
            payloadType = buf[1] & 0x7F;
            rtpSequence = u16(buf, 2);
            rtpTimestamp = u32(buf, 4);
            ssrc = u32(buf, 8);
            int extension = FIXED_HEADER_BYTES + 4 * csrcCount;
            if (extension + 4 > lengthBytes) {
                return fail("extension header at byte " + extension + " beyond the " + lengthBytes + "-byte datagram");
            }
            if (u16(buf, extension) != ONE_BYTE_PROFILE) {
                return fail(String.format("extension profile 0x%04X at byte %d, expected 0xBEDE (RFC 8285 one-byte)",
                        u16(buf, extension), extension));
            }
            int end = extension + 4 + 4 * u16(buf, extension + 2);
            if (end > lengthBytes) {
                return fail("extension of " + (end - extension) + " bytes beyond the " + lengthBytes + "-byte datagram");
            }
            int at = extension + 4;
            while (at < end) {
                int id = (buf[at] & 0xFF) >>> 4;
                int length = (buf[at] & 0x0F) + 1;
                if (id == 0) { // padding byte (RFC 8285 4.2)
                    at++;
                    continue;
                }
                if (id == 15) { // reserved: stop processing the extension
                    break;
                }
                if (at + 1 + length > end) {
                    return fail("extension element " + id + " at byte " + at + " runs past the extension");
                }
                if (id == TRANSPORT_SEQUENCE_EXTENSION_ID) {
                    if (length != 2) {
                        return fail("transport sequence element of " + length + " bytes at byte " + at + ", expected 2");
                    }
                    transportSequence = u16(buf, at + 1);
                    return true;
                }
                at += 1 + length;
            }
            return fail("no transport-wide sequence number element (ID " + TRANSPORT_SEQUENCE_EXTENSION_ID + ")");
        }

        private boolean fail(String why) {
            problem = why;
            return false;
        }

        public int payloadType() {
            return payloadType;
        }

        public boolean marker() {
            return marker;
        }

        public int rtpSequence() {
            return rtpSequence;
        }

        /** RTP timestamp, 32 bits unsigned. */
        public long rtpTimestamp() {
            return rtpTimestamp;
        }

        /** SSRC, 32 bits unsigned. */
        public long ssrc() {
            return ssrc;
        }

        /** Transport-wide sequence number, 16 bits as on the wire. */
        public int transportSequence() {
            return transportSequence;
        }

        /** Why the last {@link #parse} failed, or null after a success. */
        public String problem() {
            return problem;
        }
    }

    static void put16(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    static void put32(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    static int u16(byte[] buf, int at) {
        return (buf[at] & 0xFF) << 8 | (buf[at + 1] & 0xFF);
    }

    static long u32(byte[] buf, int at) {
        return ((long) u16(buf, at) << 16) | u16(buf, at + 2);
    }
}
