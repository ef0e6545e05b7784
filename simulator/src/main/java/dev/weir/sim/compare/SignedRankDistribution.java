package dev.weir.sim.compare;

/**
 * The exact null distribution of the Wilcoxon signed-rank statistic W+ (the sum of the ranks of
 * the positive differences) for given ranks: under H0 every rank carries a + or - sign with
 * probability 1/2, independently. Ranks are passed doubled, so mid-ranks of tied values (x.5) stay
 * integers and the distribution is exact also with ties: the conditional (permutation)
 * distribution of Hollander, Wolfe and Chicken, "Nonparametric Statistical Methods", 3rd ed.,
 * section 3.1, comment 11.
 *
 * <p>Why not only Commons Statistics: its {@code WilcoxonSignedRankTest} is exact only without
 * ties and zero differences and falls back to the normal approximation otherwise, even at n = 5
 * (e.g. five equal differences give p = 0.037 there; the exact value is 2/32 = 0.0625). Simulated
 * metrics tie often (zero freezes, 0/1 drops, fps on a grid), so small samples need this.
 *
 * <p>Cost: O(n x sum of ranks) time and O(sum of ranks) memory, i.e. O(n^3); callers keep n at
 * {@link #MAX_EXACT_N} or below.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class SignedRankDistribution {
    /** Largest number of non-zero differences given exact p-values (as Commons Statistics does). */
    public static final int MAX_EXACT_N = 50;

    private SignedRankDistribution() {
    }

    /**
     * Two-sided exact p-value: P(|W+ - E W+| >= |w - E W+|) under H0, for the observed statistic
     * {@code doubledWPlus} (2 W+) and doubled ranks {@code doubledRanks} (each >= 1).
     */
    public static double twoSidedP(int[] doubledRanks, long doubledWPlus) {
        double[] pmf = pmf(doubledRanks);
        long total = pmf.length - 1;
        long distance = Math.abs(2 * doubledWPlus - total);
        double p = 0;
        for (int w = 0; w < pmf.length; w++) {
            if (Math.abs(2L * w - total) >= distance) {
                p += pmf[w];
            }
        }
        return Math.min(1, p);
    }

    /**
     * One-sided exact p-value: P(W+ >= w) under H0 when {@code greater} (the differences tend to be
     * positive), else P(W+ <= w), for the observed statistic {@code doubledWPlus} (2 W+) and
     * doubled ranks {@code doubledRanks} (each >= 1).
     */
    public static double oneSidedP(int[] doubledRanks, long doubledWPlus, boolean greater) {
        double[] pmf = pmf(doubledRanks);
        double p = 0;
        for (int w = 0; w < pmf.length; w++) {
            if (greater ? w >= doubledWPlus : w <= doubledWPlus) {
                p += pmf[w];
            }
        }
        return Math.min(1, p);
    }

    /**
     * For untied ranks 1..n, the largest k with P(W+ <= k - 1) <= {@code alpha} / 2: the k-th
     * smallest and k-th largest Walsh averages bound a confidence interval of level >= 1 - alpha.
     * 0 when no such interval exists (n too small, e.g. n < 6 for alpha = 0.05). Exact up to
     * {@link #MAX_EXACT_N}, normal approximation with continuity correction above.
     */
    public static long lowerCriticalCount(int n, double alpha) {
        if (n < 1) {
            return 0;
        }
        if (n > MAX_EXACT_N) {
            double mean = n * (n + 1.0) / 4;
            double sd = Math.sqrt(n * (n + 1.0) * (2 * n + 1.0) / 24);
            double z = -org.apache.commons.statistics.distribution.NormalDistribution.of(0, 1)
                    .inverseCumulativeProbability(alpha / 2);
            return Math.max(0, (long) Math.floor(mean - z * sd + 0.5));
        }
        int[] doubled = new int[n];
        for (int i = 0; i < n; i++) {
            doubled[i] = 2 * (i + 1);
        }
        double[] pmf = pmf(doubled);
        // pmf is indexed by doubled W+; untied W+ takes only even doubled values.
        double cumulative = 0;
        long k = 0;
        for (int w = 0; w < pmf.length; w += 2) {
            cumulative += pmf[w];
            if (cumulative > alpha / 2) {
                break;
            }
            k = w / 2 + 1;
        }
        return k;
    }

    /** P(2 W+ = w) for w = 0 .. sum of doubled ranks, by dynamic programming over the ranks. */
    static double[] pmf(int[] doubledRanks) {
        int total = 0;
        for (int r : doubledRanks) {
            if (r < 1) {
                throw new IllegalArgumentException("doubled ranks must be >= 1, got " + r);
            }
            total = Math.addExact(total, r);
        }
        double[] pmf = new double[total + 1];
        pmf[0] = 1;
        int reach = 0;
        for (int r : doubledRanks) {
            reach += r;
            for (int w = reach; w >= r; w--) {
                pmf[w] = 0.5 * (pmf[w] + pmf[w - r]);
            }
            for (int w = Math.min(r - 1, reach); w >= 0; w--) {
                pmf[w] *= 0.5;
            }
        }
        return pmf;
    }
}
