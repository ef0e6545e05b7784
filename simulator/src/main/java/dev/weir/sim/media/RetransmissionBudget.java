package dev.weir.sim.media;

/**
 * Limits retransmissions to the target rate and measures their rate, as libwebrtc does: its
 * {@code RateLimiter} for RTX is set to the target bitrate over a 1 s window
 * ({@code RtpTransportControllerSend::OnNetworkChanged}), and the video encoder's rate is the
 * target minus the protection overhead (FEC and NACK, {@code VideoSendStreamImpl::OnBitrateUpdated}).
 * Without both, heavy random loss turns NACKs into a retransmission storm that no real sender makes.
 *
 * <p>The limiter is a token bucket refilled at the target rate and holding at most one window of
 * tokens; the overhead is an exponentially weighted rate with a {@value #RATE_TIME_CONSTANT_US} us
 * time constant.
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class RetransmissionBudget {
    /** Limiter window, microseconds (libwebrtc's retransmission rate limiter window: 1 s). */
    static final long WINDOW_US = 1_000_000;
    /** Smoothing time constant of the measured retransmission rate, microseconds. */
    static final long RATE_TIME_CONSTANT_US = 1_000_000;
    /** Largest share of the target the encoder gives up to retransmissions (libwebrtc caps protection at 50%). */
    static final double MAX_OVERHEAD_SHARE = 0.5;

    private double tokensBits;
    private long lastRefillUs = Long.MIN_VALUE;
    private long targetBps;
    private double sentBitsSinceSample;
    private double rateBps;
    private long lastSampleUs = Long.MIN_VALUE;

    /** The current target rate, bits per second. */
    public void setTargetBps(long targetBps) {
        this.targetBps = Math.max(0, targetBps);
    }

    /**
     * Asks to retransmit {@code sizeBytes} at {@code nowUs}; returns false (and spends nothing) when
     * retransmissions already used the last window's budget.
     */
    public boolean tryRetransmit(int sizeBytes, long nowUs) {
        refill(nowUs);
        double bits = 8.0 * Math.max(0, sizeBytes);
        if (tokensBits < bits) {
            return false;
        }
        tokensBits -= bits;
        sentBitsSinceSample += bits;
        return true;
    }

    /** Updates the measured retransmission rate; call periodically (e.g. every 100 ms). */
    public void sample(long nowUs) {
        if (lastSampleUs == Long.MIN_VALUE || nowUs <= lastSampleUs) {
            lastSampleUs = nowUs;
            return;
        }
        long elapsedUs = nowUs - lastSampleUs;
        double instantBps = sentBitsSinceSample * 1e6 / elapsedUs;
        double weight = Math.min(1.0, (double) elapsedUs / RATE_TIME_CONSTANT_US);
        rateBps += (instantBps - rateBps) * weight;
        sentBitsSinceSample = 0;
        lastSampleUs = nowUs;
    }

    /** The rate the encoder should leave for retransmissions, bits per second. */
    public long overheadBps() {
        return (long) Math.min(rateBps, MAX_OVERHEAD_SHARE * targetBps);
    }

    private void refill(long nowUs) {
        double capacityBits = targetBps * (WINDOW_US / 1e6);
        if (lastRefillUs == Long.MIN_VALUE) {
            tokensBits = capacityBits;
        } else if (nowUs > lastRefillUs) {
            tokensBits += targetBps * ((nowUs - lastRefillUs) / 1e6);
        }
        tokensBits = Math.min(tokensBits, capacityBits);
        lastRefillUs = Math.max(lastRefillUs, nowUs);
    }
}
