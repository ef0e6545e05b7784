package dev.weir.sim.compare;

/**
 * Student's t distribution: CDF, two-sided tail probability and quantile.
 *
 * <p>Source: the CDF through the regularized incomplete beta function,
 * P(|T| > t) = I_{df/(df+t^2)}(df/2, 1/2) (Numerical Recipes 3rd ed., section 6.14; Abramowitz
 * and Stegun 26.7.1). The quantile inverts the CDF by bisection, which is slow-ish but exact to
 * double precision and deterministic; it runs once per metric, never per packet.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class StudentT {
    /** Bisection steps; each halves the bracket, so 200 reach double precision from any start. */
    private static final int QUANTILE_BISECTION_STEPS = 200;

    private StudentT() {
    }

    /** P(|T| >= |t|) for T with {@code df} degrees of freedom; 0 for infinite t. */
    public static double twoSidedP(double t, double df) {
        checkDf(df);
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t is NaN");
        }
        if (Double.isInfinite(t)) {
            return 0;
        }
        double x = df / (df + t * t);
        return SpecialFunctions.regularizedIncompleteBeta(x, df / 2, 0.5);
    }

    /** P(T <= t) for T with {@code df} degrees of freedom. */
    public static double cdf(double t, double df) {
        double tail = twoSidedP(t, df) / 2;
        return t > 0 ? 1 - tail : tail;
    }

    /** The t such that P(T <= t) = {@code p}, for 0 < p < 1. */
    public static double quantile(double p, double df) {
        checkDf(df);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p must be in (0, 1), got " + p);
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, df);
        }
        double low = 0;
        double high = 1;
        while (cdf(high, df) < p) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < QUANTILE_BISECTION_STEPS; i++) {
            double mid = 0.5 * (low + high);
            if (mid == low || mid == high) {
                break;
            }
            if (cdf(mid, df) < p) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return 0.5 * (low + high);
    }

    private static void checkDf(double df) {
        if (!(df > 0) || Double.isInfinite(df)) {
            throw new IllegalArgumentException("degrees of freedom must be finite and > 0, got " + df);
        }
    }
}
