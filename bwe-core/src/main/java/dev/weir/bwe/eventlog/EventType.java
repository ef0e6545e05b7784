package dev.weir.bwe.eventlog;

/**
 * The estimator calls an event log records, each with its record type byte (see
 * docs/architecture.md, "Event log"). Immutable and thread-safe.
 */
public enum EventType {
    /** {@code onPacketSent}: no result. */
    PACKET_SENT(1, false),
    /** {@code onFeedback}. */
    FEEDBACK(2, true),
    /** {@code onRttSample}. */
    RTT(3, true),
    /** {@code onReceiverReport}. */
    RECEIVER_REPORT(4, true),
    /** {@code onProcessInterval}. */
    PROCESS(5, true),
    /** {@code currentEstimate}. */
    CURRENT_ESTIMATE(6, true),
    /** {@code onTargetRateConstraints}. */
    CONSTRAINTS(7, true),
    /** {@code onNetworkRouteChange}. */
    ROUTE_CHANGE(8, true),
    /** {@code onNetworkAvailability}. */
    AVAILABILITY(9, true),
    /** {@code onRemoteEstimate}. */
    REMOTE_ESTIMATE(10, true);

    private static final EventType[] BY_CODE = new EventType[16];

    static {
        for (EventType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final boolean hasResult;

    EventType(int code, boolean hasResult) {
        this.code = code;
        this.hasResult = hasResult;
    }

    /** The record type byte. */
    public int code() {
        return code;
    }

    /** Whether the call fills a result (every call but {@code onPacketSent}). */
    public boolean hasResult() {
        return hasResult;
    }

    /** The type of record type byte {@code code}, or null if it names no event. */
    static EventType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
