package dev.weir.rtcp;

/**
 * What was wrong with a feedback packet that failed to parse (see {@link RtcpFormatException}).
 * Immutable and thread-safe.
 */
public enum RtcpProblem {
    /** Fewer bytes than the 4-byte RTCP common header (RFC 3550 section 6.4). */
    TRUNCATED_HEADER,
    /** The version field is not 2. */
    BAD_VERSION,
    /** The packet type is not RTPFB (205, RFC 4585 section 6.1). */
    WRONG_PACKET_TYPE,
    /** The feedback message type (FMT) is not the one this parser reads. */
    WRONG_FORMAT,
    /** The header's length field declares more bytes than the buffer holds. */
    LENGTH_BEYOND_BUFFER,
    /** The padding bit is set but the padding count is 0 or larger than the payload. */
    BAD_PADDING,
    /** The payload is too short for the format's fixed fields. */
    PAYLOAD_TOO_SHORT,
    /** RFC 8888: the payload (after padding) is not a whole number of 32-bit words. */
    PAYLOAD_NOT_WORD_ALIGNED,
    /** TWCC: packet status count is 0 (libwebrtc rejects empty feedback too). */
    ZERO_STATUS_COUNT,
    /** TWCC: the packet ends before the status chunks cover the packet status count. */
    STATUS_CHUNKS_TRUNCATED,
    /** TWCC: a status symbol is 0b11, which the draft reserves. */
    RESERVED_STATUS_SYMBOL,
    /** TWCC: the packet ends inside the receive deltas. */
    RECEIVE_DELTAS_TRUNCATED,
    /** Bytes left over after the last field (beyond up to 3 bytes of legacy zero padding). */
    TRAILING_BYTES,
    /** RFC 8888: a report block's 8-byte header does not fit before the report timestamp. */
    REPORT_BLOCK_TRUNCATED,
    /** RFC 8888: num_reports is larger than the 16384 the RFC allows per block. */
    TOO_MANY_REPORTS,
    /** RFC 8888: num_reports metric blocks do not fit before the report timestamp. */
    REPORT_COUNT_BEYOND_PACKET
}
