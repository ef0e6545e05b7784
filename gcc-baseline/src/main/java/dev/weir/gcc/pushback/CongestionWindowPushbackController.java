package dev.weir.gcc.pushback;

/**
 * Congestion-window pushback, ported from libwebrtc's
 * {@code modules/congestion_controller/goog_cc/congestion_window_pushback_controller.cc}
 * (https://webrtc.googlesource.com/src): while the bytes in flight fill the congestion window,
 * the encoder target is scaled down step by step (x0.9 per update above 1.5 windows, x0.95 above
 * one window), recovers by x1.05 per update below it, and snaps back to the full target once less
 * than a tenth of the window is in flight. The pushed-back target never goes below the minimum
 * pushback bitrate unless the estimate itself does, so a full window slows video but does not
 * pause it.
 *
 * <p>The scale is a state that every {@link #updateTargetBitrate} call moves, exactly as in
 * libwebrtc, where it is called from {@code MaybeTriggerOnNetworkChanged} on every sent packet,
 * process tick and estimate update.
 *
 * <p>Allocation-free. Not thread-safe: one instance per estimator, driven from one thread.
 */
public final class CongestionWindowPushbackController {
    /** Highest bitrate handled, bits per second: libwebrtc works in uint32_t here. */
    static final long MAX_BITRATE_BPS = 0xFFFF_FFFFL;
    /** Above this fill ratio the window is badly overfull: cut faster. */
    private static final double SEVERE_FILL_RATIO = 1.5;
    /** Scale per update when the window is more than 1.5 times full. */
    private static final double SEVERE_DECREASE = 0.9;
    /** Scale per update when the window is more than full. */
    private static final double DECREASE = 0.95;
    /** Below this fill ratio the window is practically empty: restore the full target at once. */
    private static final double EMPTY_FILL_RATIO = 0.1;
    /** Scale per update while the window is partly full, up to 1. */
    private static final double INCREASE = 1.05;

    private boolean addPacing;
    private long minPushbackTargetBitrateBps;

    private long dataWindowBytes;
    private long outstandingBytes;
    private long pacingBytes;
    private double encodingRateRatio = 1.0;

    /** A controller with {@code settings}' minimum pushback bitrate, add-pacing flag and initial window. */
    public CongestionWindowPushbackController(PushbackSettings settings) {
        this.addPacing = settings.addPacing;
        this.minPushbackTargetBitrateBps = Math.max(0, Math.min(MAX_BITRATE_BPS, settings.minBitrateBps));
        this.dataWindowBytes = Math.max(0, settings.initialDataWindowBytes);
    }

    /** Swaps the minimum pushback bitrate and add-pacing flag (a network type's tuning), keeping the scale. */
    public void applySettings(PushbackSettings settings) {
        this.addPacing = settings.addPacing;
        this.minPushbackTargetBitrateBps = Math.max(0, Math.min(MAX_BITRATE_BPS, settings.minBitrateBps));
    }

    /** Bytes sent but not yet reported in feedback (libwebrtc UpdateOutstandingData). */
    public void updateOutstandingData(long outstandingBytes) {
        this.outstandingBytes = Math.max(0, outstandingBytes);
    }

    /** Bytes waiting in the pacer; they count only with add-pacing (libwebrtc UpdatePacingQueue). */
    public void updatePacingQueue(long pacingBytes) {
        this.pacingBytes = Math.max(0, pacingBytes);
    }

    /** The congestion window, bytes; 0 (or less) means none, and then nothing is pushed back. */
    public void setDataWindow(long dataWindowBytes) {
        this.dataWindowBytes = Math.max(0, dataWindowBytes);
    }

    /**
     * Moves the encoding-rate scale by the current fill ratio and returns {@code bitrateBps}
     * pushed back by it (libwebrtc UpdateTargetBitrate). Without a window, returns the input.
     */
    public long updateTargetBitrate(long bitrateBps) {
        bitrateBps = Math.max(0, Math.min(MAX_BITRATE_BPS, bitrateBps));
        if (dataWindowBytes == 0) {
            return bitrateBps;
        }
        long totalBytes = outstandingBytes;
        if (addPacing) {
            totalBytes += pacingBytes;
        }
        double fillRatio = totalBytes / (double) dataWindowBytes;
        if (fillRatio > SEVERE_FILL_RATIO) {
            encodingRateRatio *= SEVERE_DECREASE;
        } else if (fillRatio > 1) {
            encodingRateRatio *= DECREASE;
        } else if (fillRatio < EMPTY_FILL_RATIO) {
            encodingRateRatio = 1.0;
        } else {
            encodingRateRatio = Math.min(encodingRateRatio * INCREASE, 1.0);
        }
        long adjustedBps = (long) (bitrateBps * encodingRateRatio);
        // Do not push below the minimum pushback bitrate, but obey an estimate that is below it.
        return adjustedBps < minPushbackTargetBitrateBps
                ? Math.min(bitrateBps, minPushbackTargetBitrateBps)
                : adjustedBps;
    }

    /**
     * The current scale of the encoder target, in [0, 1] (a window full for thousands of updates
     * drives it towards 0; the minimum pushback bitrate still holds).
     */
    public double encodingRateRatio() {
        return encodingRateRatio;
    }

    /** The congestion window in force, bytes; 0 = none. */
    public long dataWindowBytes() {
        return dataWindowBytes;
    }

    /** Outstanding bytes last reported. */
    public long outstandingBytes() {
        return outstandingBytes;
    }
}
