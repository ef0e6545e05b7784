package dev.weir.bwe.eventlog;

/**
 * The event log's constants, shared by {@link EventLogWriter} and {@link EventLogReader}; the
 * format itself is documented byte by byte in docs/architecture.md ("Event log").
 */
final class EventLogFormat {
    /** First bytes of every log: a high-bit byte (catches 7-bit transfers), then "WEIRLOG". */
    static final byte[] MAGIC = {(byte) 0x89, 'W', 'E', 'I', 'R', 'L', 'O', 'G'};
    static final int VERSION = 1;
    /** Record type of a string-table entry (network types, parameter set ids). */
    static final int STRING = 0x0F;
    /** Record type of the end of the log (the writer was closed). */
    static final int END = 0xFF;

    /** Feedback entry flags. */
    static final int ENTRY_LOST = 1;
    static final int ENTRY_PROBE = 2;

    /** Result fields, one mask bit each; a set bit means "differs from the previous result" and its value follows. */
    static final int F_TIME = 0;
    static final int F_TARGET = 1;
    static final int F_PACING = 2;
    static final int F_DELAY_BASED = 3;
    static final int F_LOSS_BASED = 4;
    static final int F_ACKED = 5;
    static final int F_DELAY_STATE = 6;
    static final int F_LOSS_RATIO = 7;
    static final int F_RTT = 8;
    static final int F_ALR = 9;
    static final int F_FEC = 10;
    static final int F_PADDING = 11;
    static final int F_DATA_WINDOW = 12;
    static final int F_CWND_REDUCE = 13;
    static final int F_PUSHBACK = 14;
    static final int F_NETWORK_TYPE = 15;
    static final int F_PARAMETER_SET = 16;
    static final int F_TYPE_CONFIDENCE = 17;
    static final int F_CONGESTION = 18;
    static final int F_RANDOM_LOSS = 19;
    static final int F_PROBES = 20;
    static final long ALL_FIELDS = (1L << 21) - 1;

    /** Reader caps (why: a hostile file must not make the reader allocate what it does not hold). */
    static final int MAX_HEADER_BYTES = 4 * EventLogHeader.MAX_TEXT_BYTES + 1024;
    static final int MAX_STRING_BYTES = 4096;
    static final int MAX_STRINGS = 1 << 16;
    static final int MAX_FEEDBACK_PACKETS = 1 << 20;

    private EventLogFormat() {
    }
}
