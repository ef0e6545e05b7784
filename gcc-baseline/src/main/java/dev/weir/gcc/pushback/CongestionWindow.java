package dev.weir.gcc.pushback;

/**
 * The congestion window (data window) of libwebrtc's {@code GoogCcNetworkController}
 * ({@code UpdateCongestionWindowSize} and the {@code feedback_max_rtts_} window in
 * modules/congestion_controller/goog_cc/goog_cc_network_control.cc,
 * https://webrtc.googlesource.com/src): each transport feedback report contributes its largest
 * feedback RTT (feedback time minus send time, so it includes the receiver's report wait and the
 * queue); the window is the last loss-based target times (the smallest of the last 32 of those
 * RTTs + the accepted queue), averaged with the previous window, and never below two full-size
 * packets.
 *
 * <p>Arithmetic follows libwebrtc's units: RTTs are kept in whole milliseconds (rounded to
 * nearest, as {@code TimeDelta::ms()}), rate x time rounds to the nearest byte
 * ({@code DataRate * TimeDelta}), and the average truncates ({@code DataSize / 2}).
 *
 * <p>Allocation-free. Not thread-safe: one instance per estimator, driven from one thread.
 */
public final class CongestionWindow {
    /** Smallest window, bytes: two full-size packets (libwebrtc kMinCwnd = 2 x 1500). */
    public static final long MIN_WINDOW_BYTES = 2 * 1500;
    /** RTTs outside [0, 60 s] are clock garbage, not round trips; they are ignored. */
    private static final long MAX_PLAUSIBLE_RTT_US = 60_000_000;
    /** Microseconds per millisecond. */
    private static final long US_PER_MS = 1_000;
    /** Bits per byte times microseconds per second: bps x us / this = bytes. */
    private static final long MICROBITS_PER_BYTE = 8_000_000;
    /** Highest target used, bits per second (100 Gbps); keeps rate x time far from overflow. */
    private static final long MAX_RATE_BPS = 100_000_000_000L;
    /** Longest accepted queue, milliseconds (1 h); settings validation allows far less. */
    private static final long MAX_QUEUE_SIZE_MS = 3_600_000;

    private long queueSizeMs;
    private final long[] maxRttsMs;
    private int rttCount;
    private int rttNext;
    private long dataWindowBytes;

    /**
     * @param queueSizeMs queue accepted on top of the RTT, milliseconds (QueueSize, 350)
     * @param rttWindow feedback max-RTTs whose minimum is used (libwebrtc kMaxFeedbackRttWindow, 32)
     * @param initialDataWindowBytes window before the first update, bytes; 0 = none (InitWin)
     */
    public CongestionWindow(long queueSizeMs, int rttWindow, long initialDataWindowBytes) {
        this.queueSizeMs = Math.max(0, Math.min(MAX_QUEUE_SIZE_MS, queueSizeMs));
        this.maxRttsMs = new long[Math.max(1, rttWindow)];
        this.dataWindowBytes = Math.max(0, initialDataWindowBytes);
    }

    /** A window with {@code settings}' queue size and initial window over {@code rttWindow} reports. */
    public CongestionWindow(PushbackSettings settings, int rttWindow) {
        this(settings.queueSizeMs, rttWindow, settings.initialDataWindowBytes);
    }

    /**
     * Records one feedback report's largest feedback RTT, microseconds (libwebrtc
     * {@code feedback_max_rtts_.push_back(max_feedback_rtt.ms())}).
     */
    public void onFeedbackMaxRtt(long maxFeedbackRttUs) {
        if (maxFeedbackRttUs < 0 || maxFeedbackRttUs > MAX_PLAUSIBLE_RTT_US) {
            return;
        }
        // TimeDelta::ms(): round half up for non-negative values.
        maxRttsMs[rttNext] = (maxFeedbackRttUs + US_PER_MS / 2) / US_PER_MS;
        rttNext = (rttNext + 1) % maxRttsMs.length;
        rttCount = Math.min(rttCount + 1, maxRttsMs.length);
    }

    /** Swaps the accepted queue, milliseconds (a network type's tuning); the window keeps its state. */
    public void setQueueSizeMs(long queueSizeMs) {
        this.queueSizeMs = Math.max(0, Math.min(MAX_QUEUE_SIZE_MS, queueSizeMs));
    }

    /** Whether any feedback RTT was recorded (libwebrtc updates the window only then). */
    public boolean hasRtt() {
        return rttCount > 0;
    }

    /**
     * Recomputes the window from the last loss-based target, bits per second (libwebrtc
     * UpdateCongestionWindowSize, which uses {@code last_loss_based_target_rate_}) and returns it,
     * bytes. Without any RTT it changes nothing and returns the window in force (0 = none).
     */
    public long update(long lossBasedTargetBps) {
        if (rttCount == 0) {
            return dataWindowBytes;
        }
        long minRttMs = Long.MAX_VALUE;
        for (int i = 0; i < rttCount; i++) {
            minRttMs = Math.min(minRttMs, maxRttsMs[i]);
        }
        long timeWindowUs = (minRttMs + queueSizeMs) * US_PER_MS;
        long rateBps = Math.max(0, Math.min(MAX_RATE_BPS, lossBasedTargetBps));
        long windowBytes = multiplyRoundedToBytes(rateBps, timeWindowUs);
        if (dataWindowBytes > 0) {
            windowBytes = (windowBytes + dataWindowBytes) / 2;
        }
        dataWindowBytes = Math.max(MIN_WINDOW_BYTES, windowBytes);
        return dataWindowBytes;
    }

    /** The window in force, bytes; 0 = none yet. */
    public long dataWindowBytes() {
        return dataWindowBytes;
    }

    /** libwebrtc {@code DataRate * TimeDelta}: microbits rounded half up to bytes, without overflow. */
    private static long multiplyRoundedToBytes(long rateBps, long timeUs) {
        long high = Math.multiplyHigh(rateBps, timeUs);
        long microbits = rateBps * timeUs;
        if (high != 0 || microbits < 0 || microbits > Long.MAX_VALUE - MICROBITS_PER_BYTE / 2) {
            // Beyond 2^63 microbits (a window of over a petabyte): exact enough in floating point.
            return (long) Math.min(Long.MAX_VALUE / 2.0, (double) rateBps * timeUs / MICROBITS_PER_BYTE);
        }
        return (microbits + MICROBITS_PER_BYTE / 2) / MICROBITS_PER_BYTE;
    }
}
