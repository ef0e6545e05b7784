package dev.weir.rtcp;

/*
 * Format: draft-holmer-rmcat-transport-wide-cc-extensions-01 section 3.1 (RTCP RTPFB FMT 15).
 * Acceptance rules follow libwebrtc's modules/rtp_rtcp/source/rtcp_packet/transport_feedback.cc
 * (https://webrtc.googlesource.com/src), stricter where libwebrtc silently guesses.
 */

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One parsed transport-wide congestion control feedback packet (TWCC):
 *
 * <pre>
 *  0 | V=2 |P| FMT=15 | PT=205 | length                          |
 *  4 | SSRC of packet sender                                     |
 *  8 | SSRC of media source                                      |
 * 12 | base sequence number        | packet status count         |
 * 16 | reference time (24 bits, 64 ms)           | fb pkt. count |
 * 20 | packet chunks (16 bits each) ... | recv deltas ... | padding |
 * </pre>
 *
 * Chunks are run-length ({@code 0 SS len13}), 1-bit vectors ({@code 1 0 + 14 symbols}) or
 * 2-bit vectors ({@code 1 1 + 7 symbols}); symbols are 0 not received, 1 received with a 1-byte
 * unsigned delta, 2 received with a 2-byte signed delta, 3 reserved. Deltas are in 250 us ticks,
 * the first relative to the reference time, each next relative to the previous received packet.
 *
 * <p>Validation: every field must lie inside the packet; the reserved symbol, a zero status count,
 * truncated deltas and bytes after the deltas (other than the padding the P bit declares, or up to
 * 3 zero bytes without it, which old libwebrtc senders wrote) are errors. Like libwebrtc, a last
 * chunk that describes more statuses than the count is cut to the count (real senders write
 * such run-length chunks), and a packet that ends right after its chunks is read as libwebrtc's
 * feedback without receive deltas ({@link #hasReceiveDeltas()} false).
 *
 * <p>Reusable: {@link #parse} overwrites everything. Storage grows only when a packet declares
 * more statuses than any before, to at most 65535 (the 16-bit count), so hostile bytes cannot
 * make it allocate more than ~0.6 MB. Not thread-safe.
 */
public final class TransportFeedback {
    /** RTPFB feedback message type of TWCC. */
    public static final int FORMAT = 15;
    /** Receive delta unit: 250 us. */
    public static final long DELTA_TICK_US = 250;
    /** Reference time unit: 64 ms. */
    public static final long REFERENCE_TICK_US = 64_000;
    /** The reference time field is 24 bits and wraps (every 12.4 days). */
    public static final int REFERENCE_TIME_MODULUS = 1 << 24;
    /** Status symbol: not received. */
    public static final int NOT_RECEIVED = 0;
    /** Status symbol: received, 1-byte delta in [0, 63.75] ms. */
    public static final int RECEIVED_SMALL_DELTA = 1;
    /** Status symbol: received, 2-byte signed delta. */
    public static final int RECEIVED_LARGE_DELTA = 2;
    /** {@link #receiveOffsetUs} of a packet with no receive time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** Header (4), media and sender SSRC (8), base sequence, count, reference time, fb count (8). */
    static final int FIXED_BYTES = 20;
    private static final int RESERVED_SYMBOL = 3;
    private static final int RUN_LENGTH_MASK = 0x1FFF;
    private static final int ONE_BIT_SYMBOLS = 14;
    private static final int TWO_BIT_SYMBOLS = 7;
    /** Initial status capacity: a 100 ms report of a ~25 Mbps stream of 1200-byte packets. */
    private static final int INITIAL_CAPACITY = 256;

    private final RtcpHeader header = new RtcpHeader();
    private byte[] symbols = new byte[INITIAL_CAPACITY];
    private long[] offsetsUs = new long[INITIAL_CAPACITY];
    private long senderSsrc;
    private long mediaSsrc;
    private int baseSequenceNumber;
    private int statusCount;
    private int referenceTimeTicks;
    private int feedbackPacketCount;
    private int receivedCount;
    private boolean hasReceiveDeltas;
    private int packetSizeBytes;
    private byte[] scratch = new byte[0];

    /**
     * Parses the TWCC packet at {@code offset}.
     *
     * @param lengthBytes bytes available from {@code offset}; the packet's own length comes from
     *     its header, so further packets of a compound datagram may follow
     */
    public void parse(byte[] buf, int offset, int lengthBytes) throws RtcpFormatException {
        statusCount = 0;
        receivedCount = 0;
        header.readFeedback(buf, offset, lengthBytes, FORMAT, "transport-wide feedback (TWCC)");
        int end = header.payloadEndOffset();
        if (end < FIXED_BYTES) {
            throw new RtcpFormatException(RtcpProblem.PAYLOAD_TOO_SHORT, end,
                    "payload ends at byte " + end + ", the fixed fields end at byte " + FIXED_BYTES);
        }
        senderSsrc = Bytes.u32(buf, offset + 4);
        mediaSsrc = Bytes.u32(buf, offset + 8);
        baseSequenceNumber = Bytes.u16(buf, offset + 12);
        int count = Bytes.u16(buf, offset + 14);
        referenceTimeTicks = Bytes.u24(buf, offset + 16);
        feedbackPacketCount = Bytes.u8(buf, offset + 19);
        if (count == 0) {
            throw new RtcpFormatException(RtcpProblem.ZERO_STATUS_COUNT, 14, "packet status count is 0");
        }
        ensureCapacity(count);
        int at = readChunks(buf, offset, FIXED_BYTES, end, count);
        at = readDeltas(buf, offset, at, end, count);
        checkTrailing(buf, offset, at, end);
        statusCount = count;
        packetSizeBytes = header.packetSizeBytes();
    }

    /**
     * Parses the packet at the buffer's position (up to its limit) without moving the position.
     * Direct buffers are copied into a scratch array that grows to the largest packet seen.
     */
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

    /** Decodes status chunks until {@code count} symbols are known; returns the offset after them. */
    private int readChunks(byte[] buf, int offset, int at, int end, int count) throws RtcpFormatException {
        int decoded = 0;
        while (decoded < count) {
            if (at + 2 > end) {
                throw new RtcpFormatException(RtcpProblem.STATUS_CHUNKS_TRUNCATED, at, "chunks cover " + decoded
                        + " of " + count + " statuses when the payload ends at byte " + end);
            }
            int chunk = Bytes.u16(buf, offset + at);
            int remaining = count - decoded;
            if ((chunk & 0x8000) == 0) {
                int symbol = chunk >>> 13;
                if (symbol == RESERVED_SYMBOL) {
                    throw reserved(at, decoded);
                }
                int run = Math.min(chunk & RUN_LENGTH_MASK, remaining);
                Arrays.fill(symbols, decoded, decoded + run, (byte) symbol);
                decoded += run;
            } else if ((chunk & 0x4000) == 0) {
                int n = Math.min(ONE_BIT_SYMBOLS, remaining);
                for (int i = 0; i < n; i++) {
                    symbols[decoded++] = (byte) ((chunk >>> (ONE_BIT_SYMBOLS - 1 - i)) & 1);
                }
            } else {
                int n = Math.min(TWO_BIT_SYMBOLS, remaining);
                for (int i = 0; i < n; i++) {
                    int symbol = (chunk >>> (2 * (TWO_BIT_SYMBOLS - 1 - i))) & 3;
                    if (symbol == RESERVED_SYMBOL) {
                        throw reserved(at, decoded);
                    }
                    symbols[decoded++] = (byte) symbol;
                }
            }
            at += 2;
        }
        return at;
    }

    private static RtcpFormatException reserved(int at, int statusIndex) {
        return new RtcpFormatException(RtcpProblem.RESERVED_STATUS_SYMBOL, at,
                "status " + statusIndex + " has the reserved symbol 0b11");
    }

    /** Reads the receive deltas (or notes their absence); returns the offset after them. */
    private int readDeltas(byte[] buf, int offset, int at, int end, int count) throws RtcpFormatException {
        long deltaBytes = 0;
        for (int i = 0; i < count; i++) {
            deltaBytes += symbols[i];
        }
        if (deltaBytes > 0 && at == end) {
            hasReceiveDeltas = false;
            for (int i = 0; i < count; i++) {
                offsetsUs[i] = NO_TIME;
                receivedCount += symbols[i] != NOT_RECEIVED ? 1 : 0;
            }
            return at;
        }
        if (at + deltaBytes > end) {
            throw new RtcpFormatException(RtcpProblem.RECEIVE_DELTAS_TRUNCATED, at, deltaBytes
                    + " bytes of receive deltas declared, " + (end - at) + " present");
        }
        hasReceiveDeltas = true;
        long sinceReferenceUs = 0;
        for (int i = 0; i < count; i++) {
            int symbol = symbols[i];
            if (symbol == NOT_RECEIVED) {
                offsetsUs[i] = NO_TIME;
                continue;
            }
            int ticks;
            if (symbol == RECEIVED_SMALL_DELTA) {
                ticks = Bytes.u8(buf, offset + at);
                at += 1;
            } else {
                ticks = Bytes.s16(buf, offset + at);
                at += 2;
            }
            sinceReferenceUs += ticks * DELTA_TICK_US;
            offsetsUs[i] = sinceReferenceUs;
            receivedCount++;
        }
        return at;
    }

    private void checkTrailing(byte[] buf, int offset, int at, int end) throws RtcpFormatException {
        int extra = end - at;
        if (extra == 0) {
            return;
        }
        boolean legacyZeroPadding = !header.hasPadding() && extra < 4;
        for (int i = at; legacyZeroPadding && i < end; i++) {
            legacyZeroPadding = buf[offset + i] == 0;
        }
        if (!legacyZeroPadding) {
            throw new RtcpFormatException(RtcpProblem.TRAILING_BYTES, at, extra
                    + " bytes after the receive deltas that no padding declares");
        }
    }

    private void ensureCapacity(int count) {
        if (symbols.length >= count) {
            return;
        }
        int capacity = Math.max(count, Math.min(symbols.length * 2, 0xFFFF));
        symbols = new byte[capacity];
        offsetsUs = new long[capacity];
    }

    public long senderSsrc() {
        return senderSsrc;
    }

    public long mediaSsrc() {
        return mediaSsrc;
    }

    /** Transport sequence number of the first status (16 bits). */
    public int baseSequenceNumber() {
        return baseSequenceNumber;
    }

    /** Number of packets (received or not) this feedback describes. */
    public int packetStatusCount() {
        return statusCount;
    }

    /** The 24-bit reference time in 64 ms ticks, as on the wire (wrapping). */
    public int referenceTimeTicks() {
        return referenceTimeTicks;
    }

    /** The receiver's feedback packet counter (8 bits, wrapping): gaps reveal lost feedback. */
    public int feedbackPacketCount() {
        return feedbackPacketCount;
    }

    /** False for libwebrtc's feedback without receive deltas: statuses only, no times. */
    public boolean hasReceiveDeltas() {
        return hasReceiveDeltas;
    }

    public int receivedCount() {
        return receivedCount;
    }

    /** The whole RTCP packet including padding: where the next packet of a compound datagram starts. */
    public int packetSizeBytes() {
        return packetSizeBytes;
    }

    /** Transport sequence number of status {@code index} (16 bits, wrapping). */
    public int sequenceNumber(int index) {
        checkIndex(index);
        return (baseSequenceNumber + index) & 0xFFFF;
    }

    /** {@link #NOT_RECEIVED}, {@link #RECEIVED_SMALL_DELTA} or {@link #RECEIVED_LARGE_DELTA}. */
    public int symbol(int index) {
        checkIndex(index);
        return symbols[index];
    }

    public boolean isReceived(int index) {
        return symbol(index) != NOT_RECEIVED;
    }

    /**
     * Receive time of status {@code index} in microseconds after the reference time (the sum of
     * the deltas up to it; may be negative), or {@link #NO_TIME} when it was not received or the
     * packet carries no deltas.
     */
    public long receiveOffsetUs(int index) {
        checkIndex(index);
        return offsetsUs[index];
    }

    private void checkIndex(int index) {
        if (index < 0 || index >= statusCount) {
            throw new IndexOutOfBoundsException("status " + index + " of " + statusCount);
        }
    }
}
