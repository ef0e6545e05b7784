package dev.weir.bwe.api;

/**
 * The one normalisation of target-rate constraints every estimator applies (libwebrtc
 * {@code GoogCcNetworkController::ClampConstraints}): a minimum below libwebrtc's 5 kbps floor (or
 * not set) becomes the floor, a maximum not set becomes libwebrtc's 1 Gbps default, a maximum
 * below the minimum becomes the minimum, and a start rate outside the bounds is clamped into them.
 * Rates are bits per second; a value of zero or below means "not set" ({@link #NOT_SET}).
 *
 * <p>Stateless; thread-safe.
 */
public final class RateConstraints {
    /** A constraint that is not set (any value of zero or below reads the same). */
    public static final long NOT_SET = 0;
    /** libwebrtc's {@code kCongestionControllerMinBitrate}: no estimator targets less. */
    public static final long FLOOR_BPS = 5_000;
    /** libwebrtc's {@code kDefaultMaxBitrate}: the maximum when none is set, and the largest accepted. */
    public static final long CEILING_BPS = 1_000_000_000L;

    private RateConstraints() {
    }

    /** The minimum in force for {@code minBps}: within [{@link #FLOOR_BPS}, {@link #CEILING_BPS}]. */
    public static long min(long minBps) {
        return Math.max(FLOOR_BPS, Math.min(CEILING_BPS, minBps));
    }

    /** The maximum in force for {@code maxBps} given the requested minimum: never below {@link #min(long)}. */
    public static long max(long minBps, long maxBps) {
        long max = maxBps <= NOT_SET ? CEILING_BPS : Math.min(CEILING_BPS, maxBps);
        return Math.max(min(minBps), max);
    }

    /**
     * The start rate in force: {@link #NOT_SET} when {@code startBps} is not set, else clamped into
     * [{@link #min(long)}, {@link #max(long, long)}].
     */
    public static long start(long minBps, long startBps, long maxBps) {
        if (startBps <= NOT_SET) {
            return NOT_SET;
        }
        return Math.max(min(minBps), Math.min(max(minBps, maxBps), startBps));
    }
}
