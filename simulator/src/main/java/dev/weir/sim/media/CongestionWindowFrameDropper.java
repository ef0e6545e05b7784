package dev.weir.sim.media;

/**
 * Frame dropping driven by congestion-window pushback, ported from libwebrtc's
 * {@code VideoStreamEncoder} (video/video_stream_encoder.cc, https://webrtc.googlesource.com/src:
 * {@code UpdateTargetBitrate}, and {@code cwnd_frame_drop_interval_} / {@code cwnd_frame_counter_}
 * in {@code OnFrame}). With DropFrame pushback, goog_cc keeps the target and sends
 * {@code cwnd_reduce_ratio} (the share pushback would have cut); the encoder turns it into "drop
 * every N-th captured frame", N = target / (target x ratio) but at least 2, and lowers its own
 * rate by target / N, so the frames it does encode keep their size (and quality).
 *
 * <p>Nothing is dropped for a ratio of 1% or less, or when the target is not above the codec's
 * minimum bitrate; the cut never takes the encoder below that minimum. The frame counter runs only
 * while an interval is set and is never reset, as in libwebrtc. Key frames get no exemption:
 * libwebrtc drops the captured frame before it reaches the encoder, so a pending key-frame request
 * is served by the next frame that is encoded.
 *
 * <p>Deterministic, allocation-free. Not thread-safe: one instance per encoder.
 */
public final class CongestionWindowFrameDropper {
    /** Ratios up to 1% are not worth a dropped frame (libwebrtc {@code cwnd_reduce_ratio > 0.01}). */
    private static final double MIN_REDUCE_RATIO = 0.01;
    /** At most every second frame is dropped ("at maximum the congestion window can drop 1/2 frames"). */
    private static final int MIN_DROP_INTERVAL = 2;

    private final long codecMinBitrateBps;
    private int dropInterval;
    private long frameCounter;
    private long framesDropped;

    /**
     * @param codecMinBitrateBps the codec's minimum bitrate ({@code send_codec_.minBitrate}; 30 kbps
     *        by default in libwebrtc), bits per second
     */
    public CongestionWindowFrameDropper(long codecMinBitrateBps) {
        this.codecMinBitrateBps = Math.max(0, codecMinBitrateBps);
    }

    /**
     * Sets the drop interval from the target and {@code cwndReduceRatio} and returns the rate the
     * encoder should produce, bits per second (libwebrtc {@code UpdateTargetBitrate}). A NaN,
     * negative or tiny ratio, or a target at or below the codec minimum, drops nothing.
     */
    public long updateTargetBitrate(long targetBps, double cwndReduceRatio) {
        if (cwndReduceRatio > MIN_REDUCE_RATIO && targetBps > 0 && targetBps > codecMinBitrateBps) {
            // (long) of a double truncates towards zero and saturates, like static_cast<int> in range.
            long reduceBps = Math.min((long) (targetBps * cwndReduceRatio), targetBps - codecMinBitrateBps);
            if (reduceBps > 0) {
                dropInterval = (int) Math.max(MIN_DROP_INTERVAL, Math.min(Integer.MAX_VALUE, targetBps / reduceBps));
                return targetBps - targetBps / dropInterval;
            }
        }
        dropInterval = 0;
        return Math.max(0, targetBps);
    }

    /**
     * Decides for one captured frame, before encoding: true means drop it. Counts the frame only
     * while an interval is set; the first counted frame is dropped, then every N-th.
     */
    public boolean dropFrame() {
        boolean drop = dropInterval > 0 && frameCounter++ % dropInterval == 0;
        if (drop) {
            framesDropped++;
        }
        return drop;
    }

    /** Every how many captured frames one is dropped; 0 = none. */
    public int dropInterval() {
        return dropInterval;
    }

    /** Frames dropped by congestion-window pushback so far. */
    public long framesDropped() {
        return framesDropped;
    }
}
