package dev.weir.sim.compare;

import java.util.Arrays;

/**
 * The Hodges-Lehmann estimate of the centre of paired differences (the median of the Walsh
 * averages (d_i + d_j) / 2, i <= j) and the distribution-free confidence interval that inverts the
 * Wilcoxon signed-rank test (Hollander, Wolfe and Chicken, "Nonparametric Statistical Methods",
 * 3rd ed., section 3.3; R's {@code wilcox.test(conf.int = TRUE)}): the k-th smallest and k-th
 * largest Walsh averages, with k from {@link SignedRankDistribution#lowerCriticalCount}. Without
 * ties the interval excludes 0 exactly when the exact two-sided test rejects at the same level.
 *
 * <p>Memory: the n (n + 1) / 2 Walsh averages are materialised, so n is capped at
 * {@link #MAX_PAIRS} (32 MB of doubles); callers fall back to another interval above it.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class HodgesLehmann {
    /** Largest sample handled: 8 million Walsh averages. */
    public static final int MAX_PAIRS = 4000;

    /**
     * Estimate and interval; {@code low} and {@code high} are NaN when n is too small for the level.
     *
     * @param estimate median of the Walsh averages
     * @param low lower end of the interval
     * @param high upper end of the interval
     */
    public record Interval(double estimate, double low, double high) {
        /** Whether the sample was large enough for an interval at the requested level. */
        public boolean hasBounds() {
            return !Double.isNaN(low);
        }
    }

    private HodgesLehmann() {
    }

    /** Estimate and (1 - {@code alpha}) interval of the centre of the finite differences {@code d}. */
    public static Interval of(double[] d, double alpha) {
        int n = d.length;
        if (n == 0 || n > MAX_PAIRS) {
            throw new IllegalArgumentException("need 1.." + MAX_PAIRS + " differences, got " + n);
        }
        double[] walsh = new double[n * (n + 1) / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                walsh[m++] = 0.5 * d[i] + 0.5 * d[j];
            }
        }
        Arrays.sort(walsh);
        double estimate = m % 2 == 1 ? walsh[m / 2] : 0.5 * walsh[m / 2 - 1] + 0.5 * walsh[m / 2];
        long k = SignedRankDistribution.lowerCriticalCount(n, alpha);
        if (k < 1) {
            return new Interval(estimate, Double.NaN, Double.NaN);
        }
        return new Interval(estimate, walsh[(int) k - 1], walsh[m - (int) k]);
    }
}
