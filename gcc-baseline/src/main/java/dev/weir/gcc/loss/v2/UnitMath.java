package dev.weir.gcc.loss.v2;

/**
 * libwebrtc's unit arithmetic ({@code DataRate}, {@code DataSize}, {@code Timestamp},
 * {@code TimeDelta} in api/units and rtc_base/units/unit_base.h, https://webrtc.googlesource.com/src)
 * on plain {@code long}s, so the port rounds exactly as the original: {@link #PLUS_INFINITY} and
 * {@link #MINUS_INFINITY} are libwebrtc's infinities (int64 max and min), sums with an infinity stay
 * infinite, scaling by a double rounds half away from zero ({@code llround}). Finite sums saturate
 * instead of overflowing.
 *
 * <p>Stateless and thread-safe.
 */
final class UnitMath {
    /** libwebrtc's {@code PlusInfinity()}: int64 max. */
    static final long PLUS_INFINITY = Long.MAX_VALUE;
    /** libwebrtc's {@code MinusInfinity()}: int64 min. */
    static final long MINUS_INFINITY = Long.MIN_VALUE;

    private UnitMath() {
    }

    static boolean isFinite(long value) {
        return value != PLUS_INFINITY && value != MINUS_INFINITY;
    }

    /** {@code a + b}; an infinite operand wins (plus infinity first, as libwebrtc checks it first). */
    static long add(long a, long b) {
        if (a == PLUS_INFINITY || b == PLUS_INFINITY) {
            return PLUS_INFINITY;
        }
        if (a == MINUS_INFINITY || b == MINUS_INFINITY) {
            return MINUS_INFINITY;
        }
        long sum = a + b;
        return saturate(sum, ((a ^ sum) & (b ^ sum)) < 0, a);
    }

    /** {@code a - b}; {@code +inf - x} and {@code x - (-inf)} are plus infinity. */
    static long subtract(long a, long b) {
        if (a == PLUS_INFINITY || b == MINUS_INFINITY) {
            return PLUS_INFINITY;
        }
        if (a == MINUS_INFINITY || b == PLUS_INFINITY) {
            return MINUS_INFINITY;
        }
        long difference = a - b;
        return saturate(difference, ((a ^ b) & (a ^ difference)) < 0, a);
    }

    /** {@code value * scalar} rounded half away from zero; an infinity times a positive scalar stays that infinity. */
    static long scale(long value, double scalar) {
        if (!isFinite(value)) {
            if (scalar > 0) {
                return value;
            }
            return scalar < 0 ? (value == PLUS_INFINITY ? MINUS_INFINITY : PLUS_INFINITY) : 0;
        }
        return llround(value * scalar);
    }

    /** {@code value / scalar} rounded half away from zero (libwebrtc's {@code operator/(double)}). */
    static long divide(long value, double scalar) {
        if (!isFinite(value)) {
            return scale(value, scalar);
        }
        return llround(value / scalar);
    }

    /** C's {@code llround}: half away from zero, saturated to the long range, NaN as 0. */
    static long llround(double x) {
        return x < 0 ? -Math.round(-x) : Math.round(x);
    }

    private static long saturate(long result, boolean overflowed, long sign) {
        if (!overflowed) {
            return result;
        }
        return sign > 0 ? PLUS_INFINITY - 1 : MINUS_INFINITY + 1;
    }
}
