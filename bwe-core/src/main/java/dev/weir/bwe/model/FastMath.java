package dev.weir.bwe.model;

/**
 * Float {@code exp}, {@code tanh}, {@code sigmoid} and {@code log1p} for the classifier's hot
 * loops, accurate to a few float ulps (relative error below 5e-7) and free of library calls, so a loop over a layer's units
 * compiles to straight-line arithmetic the JIT can vectorise ({@code Math.exp} is a call per
 * value, {@code Math.log1p} a software routine: together they were most of a decision's cost).
 *
 * <p>Sources: Cody and Waite's argument reduction ({@code x = k ln 2 + r}, {@code |r| <= ln 2 / 2},
 * with {@code ln 2} split in a high and a low part) and the Taylor polynomial of degree 7 for
 * {@code e^r} (truncation error below 6e-9 relative); {@code 2^k} assembled in the exponent bits
 * (IEEE 754); {@code log} of the mantissa in [sqrt(1/2), sqrt(2)) through the series
 * {@code 2 atanh(s) = 2 (s + s^3/3 + ...)}, {@code s = (m - 1) / (m + 1)}, {@code |s| <= 0.172},
 * to {@code s^9} (truncation error below 3e-9), with {@code 1 + x}'s rounding cancelled by
 * {@code log(u) x / (u - 1)} (Goldberg, "What Every Computer Scientist Should Know About
 * Floating-Point Arithmetic", 1991); Hart et al., "Computer Approximations", 1968.
 *
 * <p>Stateless and thread-safe.
 */
final class FastMath {
    private static final float LOG2E = 1.44269504f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float LN2 = 0.69314718f;
    /** e^x overflows a float above ~88.72 and is subnormal below ~-87.33: clamp to the normal range (2^k, k <= 127). */
    private static final float EXP_MAX = 88.0f;
    private static final float EXP_MIN = -87.3f;
    private static final float SQRT_HALF = 0.70710678f;
    /** Below this, log1p(x) = x - x^2/2 + x^3/3 to float precision (1 + x would lose x's digits). */
    private static final float LOG1P_SERIES_BELOW = 1e-3f;

    private FastMath() {
    }

    /** e^x; the range is clamped to [-87.3, 88.0] (no infinity, no subnormal); NaN stays NaN. */
    static float exp(float x) {
        float clamped = x > EXP_MAX ? EXP_MAX : (x < EXP_MIN ? EXP_MIN : x);
        float scaled = clamped * LOG2E;
        int k = (int) (scaled + (scaled >= 0f ? 0.5f : -0.5f));
        float r = clamped - k * LN2_HI - k * LN2_LO;
        float p = 1f + r * (1f + r * (0.5f + r * (1f / 6 + r * (1f / 24 + r * (1f / 120 + r * (1f / 720
                + r * (1f / 5040)))))));
        float result = p * Float.intBitsToFloat((k + 127) << 23);
        return x != x ? x : result;
    }

    /** 1 / (1 + e^-x). */
    static float sigmoid(float x) {
        return 1f / (1f + exp(-x));
    }

    /** tanh(x) = 1 - 2 / (e^2x + 1), odd by construction; |tanh| <= 1. */
    static float tanh(float x) {
        float magnitude = Math.abs(x);
        float t = 1f - 2f / (exp(2f * magnitude) + 1f);
        return x < 0f ? -t : t;
    }

    /** ln(1 + x) for x >= 0 (finite). */
    static float log1p(float x) {
        if (x < LOG1P_SERIES_BELOW) {
            return x * (1f - x * (0.5f - x * (1f / 3)));
        }
        float u = 1f + x;
        int bits = Float.floatToRawIntBits(u);
        int exponent = ((bits >>> 23) & 0xFF) - 127;
        float m = Float.intBitsToFloat((bits & 0x007FFFFF) | 0x3F800000);
        if (m > 1f / SQRT_HALF) {
            m *= 0.5f;
            exponent++;
        }
        float s = (m - 1f) / (m + 1f);
        float s2 = s * s;
        float logM = 2f * s * (1f + s2 * (1f / 3 + s2 * (1f / 5 + s2 * (1f / 7 + s2 * (1f / 9)))));
        // Goldberg's correction: u = 1 + x was rounded; log(u) x / (u - 1) cancels that rounding.
        return (exponent * LN2 + logM) * (x / (u - 1f));
    }
}
