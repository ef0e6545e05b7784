package dev.weir.sim.scenario;

/**
 * The bytes the simulated receiver's transport feedback travels as (scenario field
 * {@code feedback_format}): every call builds these packets from its arrivals, sends them over the
 * return path and parses them at the sender.
 */
public enum FeedbackFormat {
    /** Transport-wide congestion control feedback (RTCP RTPFB FMT 15): 250 us deltas, 64 ms reference time. */
    TWCC("twcc"),
    /** RFC 8888 congestion control feedback (RTCP RTPFB FMT 11): per-stream blocks, 1/1024 s arrival offsets. */
    RFC8888("rfc8888");

    private final String jsonName;

    FeedbackFormat(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The value of the scenario field. */
    public String jsonName() {
        return jsonName;
    }

    /** The format named {@code jsonName}, or null. */
    public static FeedbackFormat ofJsonName(String jsonName) {
        for (FeedbackFormat format : values()) {
            if (format.jsonName.equals(jsonName)) {
                return format;
            }
        }
        return null;
    }
}
