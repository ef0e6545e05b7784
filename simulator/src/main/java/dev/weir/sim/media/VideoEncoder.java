package dev.weir.sim.media;

import java.util.SplittableRandom;

/**
 * A rate-following video encoder model (after the behaviour of libwebrtc's
 * {@code video/video_stream_encoder.cc} with its encoders' rate controllers; key frames 4-6x a
 * delta frame as measured for VP8/H.264 real-time encoders): it produces one frame per frame interval whose size
 * follows its current rate, with seeded Gaussian variation on delta frames, periodic key frames
 * (a factor times a delta frame; delta frames shrink slightly so the average matches the rate)
 * and a rate that moves a fixed share of the way to a new target on every frame (libwebrtc
 * encoders reach a new target within a few frames).
 *
 * <p>Congestion-window pushback (libwebrtc's default DropFrame mode): {@link #setCwndReduceRatio}
 * hands the estimator's {@code cwnd_reduce_ratio} to a {@link CongestionWindowFrameDropper}, which
 * lowers the encoder's rate by target / N and drops every N-th captured frame. The caller asks
 * {@link #dropFrameForCongestionWindow()} once per captured frame, before {@link #encode}. The
 * frames that are encoded share the whole rate (libvpx-style rate control budgets by the real
 * time between encoded frames), so they keep the size they had without pushback.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class VideoEncoder {
    /** Bits per byte. */
    private static final double BITS_PER_BYTE = 8.0;
    /** Bound of the relative size variation, so a frame is never below half or above 1.5x its mean. */
    private static final double MAX_VARIATION = 0.5;
    /**
     * Codec minimum bitrate when none is given, bps: libwebrtc's default stream minimum
     * (kDefaultMinVideoBitrateBps) and the floor of {@code VideoCodec::minBitrate} (kEncoderMinBitrateKbps), 30 kbps.
     */
    public static final long DEFAULT_CODEC_MIN_BITRATE_BPS = 30_000;

    private final int fps;
    private final int framesPerKeyFrame;
    private final long maxBps;
    private final SplittableRandom random;
    private final double keyFrameSizeFactor;
    private final double sizeVariation;
    private final double adaptationPerFrame;
    private final int minFrameBytes;
    private final CongestionWindowFrameDropper cwndDropper;

    private long requestedTargetBps;
    private boolean hasTarget;
    private double cwndReduceRatio;
    private long targetBps;
    private double rateBps = -1;
    private long framesSinceKey;
    private boolean lastWasKey;
    private long framesEncoded;

    /**
     * @param fps frames per second (>= 1)
     * @param keyFrameIntervalS seconds between periodic key frames
     * @param maxBps highest rate the encoder produces
     * @param random randomness for frame size variation only
     * @param keyFrameSizeFactor key frame size relative to a delta frame
     * @param sizeVariation standard deviation of a delta frame's relative size variation
     * @param adaptationPerFrame share (0..1] of the gap to the target closed per frame
     * @param minFrameBytes smallest frame
     */
    public VideoEncoder(int fps, double keyFrameIntervalS, long maxBps, SplittableRandom random,
                        double keyFrameSizeFactor, double sizeVariation, double adaptationPerFrame,
                        int minFrameBytes) {
        this(fps, keyFrameIntervalS, maxBps, random, keyFrameSizeFactor, sizeVariation, adaptationPerFrame,
                minFrameBytes, DEFAULT_CODEC_MIN_BITRATE_BPS);
    }

    /**
     * As {@link #VideoEncoder(int, double, long, SplittableRandom, double, double, double, int)},
     * with the codec's minimum bitrate, bps, below which congestion-window pushback drops nothing.
     */
    public VideoEncoder(int fps, double keyFrameIntervalS, long maxBps, SplittableRandom random,
                        double keyFrameSizeFactor, double sizeVariation, double adaptationPerFrame,
                        int minFrameBytes, long codecMinBitrateBps) {
        this.fps = Math.max(1, fps);
        this.framesPerKeyFrame = (int) Math.max(1, Math.round(keyFrameIntervalS * this.fps));
        this.maxBps = Math.max(1, maxBps);
        this.random = random;
        this.keyFrameSizeFactor = Math.max(1, keyFrameSizeFactor);
        this.sizeVariation = Math.max(0, sizeVariation);
        this.adaptationPerFrame = Math.max(0.01, Math.min(1, adaptationPerFrame));
        this.minFrameBytes = Math.max(1, minFrameBytes);
        this.cwndDropper = new CongestionWindowFrameDropper(codecMinBitrateBps);
    }

    /**
     * Sets the rate to follow, bits per second (clamped to [0, maxBps]); with a congestion-window
     * reduce ratio in force the encoder produces less (see {@link #setCwndReduceRatio}).
     */
    public void setTargetBps(long rateBps) {
        requestedTargetBps = Math.max(0, Math.min(maxBps, rateBps));
        hasTarget = true;
        applyTarget();
    }

    /**
     * Sets goog_cc's {@code cwnd_reduce_ratio} (the share of the target congestion-window pushback
     * would cut; 0 = none), as libwebrtc's {@code VideoStreamEncoder::OnBitrateUpdated} receives it
     * with each target. NaN and negative values count as 0, values above 1 as 1. The order of this
     * call and {@link #setTargetBps} does not matter.
     */
    public void setCwndReduceRatio(double ratio) {
        cwndReduceRatio = ratio > 0 ? Math.min(1.0, ratio) : 0.0;
        if (hasTarget) {
            applyTarget();
        }
    }

    /**
     * Call once per captured frame, before {@link #encode}: true means congestion-window pushback
     * drops this frame, so do not encode it (a pending key-frame request waits for the next one).
     */
    public boolean dropFrameForCongestionWindow() {
        return cwndDropper.dropFrame();
    }

    /** Captured frames dropped by congestion-window pushback so far. */
    public long framesDroppedByCongestionWindow() {
        return cwndDropper.framesDropped();
    }

    /** Every how many captured frames pushback drops one; 0 = none. */
    public int cwndDropInterval() {
        return cwndDropper.dropInterval();
    }

    private void applyTarget() {
        targetBps = cwndDropper.updateTargetBitrate(requestedTargetBps, cwndReduceRatio);
        if (this.rateBps < 0) {
            this.rateBps = targetBps; // the first target is the encoder's configured start rate
        }
    }

    /**
     * Encodes one frame and returns its size in bytes; {@code forceKeyFrame} makes it a key frame
     * (after a key frame request), which also restarts the key frame period.
     */
    public int encode(boolean forceKeyFrame) {
        if (rateBps < 0) {
            rateBps = targetBps;
        }
        rateBps += (targetBps - rateBps) * adaptationPerFrame;
        boolean key = forceKeyFrame || framesEncoded == 0 || framesSinceKey >= framesPerKeyFrame;
        // With every N-th frame dropped, N - 1 of N frames carry the rate.
        int dropInterval = cwndDropper.dropInterval();
        double encodedFps = dropInterval > 0 ? fps * (dropInterval - 1.0) / dropInterval : fps;
        double meanFrameBytes = rateBps / BITS_PER_BYTE / encodedFps;
        // Over one key period the frames sum to (n - 1 + factor) delta frames; scale so they average the rate.
        double deltaBytes = meanFrameBytes * framesPerKeyFrame / (framesPerKeyFrame - 1 + keyFrameSizeFactor);
        double bytes;
        if (key) {
            bytes = deltaBytes * keyFrameSizeFactor;
            framesSinceKey = 1;
        } else {
            double variation = sizeVariation * random.nextGaussian();
            variation = Math.max(-MAX_VARIATION, Math.min(MAX_VARIATION, variation));
            bytes = deltaBytes * (1 + variation);
            framesSinceKey++;
        }
        lastWasKey = key;
        framesEncoded++;
        return (int) Math.max(minFrameBytes, Math.round(bytes));
    }

    /** Whether the last encoded frame is a key frame. */
    public boolean lastWasKeyFrame() {
        return lastWasKey;
    }

    /** The rate the encoder is moving to, bits per second: the target less pushback's cut. */
    public long targetBps() {
        return targetBps;
    }

    /** The rate the encoder currently produces, bits per second. */
    public long rateBps() {
        return Math.max(0, Math.round(rateBps));
    }

    public int fps() {
        return fps;
    }

    public long framesEncoded() {
        return framesEncoded;
    }
}
