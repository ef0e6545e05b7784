package dev.weir.bwe.eventlog;

/**
 * What an event log says about the call before its first event: the estimator that was recorded,
 * its configuration and the call's time origin. Replay uses it to rebuild the same estimator.
 *
 * <p>Immutable and thread-safe.
 *
 * @param estimatorName the recorded estimator's {@code name()} (e.g. {@code gcc})
 * @param bundleId the steering bundle in force at the start, or empty
 * @param settings the estimator's settings as text (weir's GCC settings JSON), or empty
 * @param description free text: where the log comes from (a command line, a client build)
 * @param originUs the call's start on the caller's clock, microseconds: replay's time axis starts here
 * @param minBps the call's minimum bitrate at the start
 * @param startBps the call's start bitrate
 * @param maxBps the call's maximum bitrate at the start
 */
public record EventLogHeader(String estimatorName, String bundleId, String settings, String description,
                             long originUs, long minBps, long startBps, long maxBps) {
    /** Longest text field, bytes of UTF-8: a settings file's limit (1 MiB). */
    public static final int MAX_TEXT_BYTES = 1 << 20;

    public EventLogHeader {
        estimatorName = estimatorName == null ? "" : estimatorName;
        bundleId = bundleId == null ? "" : bundleId;
        settings = settings == null ? "" : settings;
        description = description == null ? "" : description;
    }
}
