package dev.weir.models.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Cluster (group) bootstrap confidence intervals: the evaluated decisions come in correlated
 * blocks (every step of a call, every call of a recording), so replicates resample whole recording
 * groups with replacement (Davison and Hinkley, "Bootstrap Methods and their Application", 1997,
 * section 3.8) and a decision's weight is how often its group was drawn; the 95 % interval is the
 * 2.5th and 97.5th percentile of the replicates' metric (the percentile method). Seeded: same
 * groups and seed, same intervals.
 *
 * <p>Immutable and thread-safe once built.
 */
public final class Bootstrap {
    /** Replicates: 1000 make the 2.5 % and 97.5 % percentiles stable to the third decimal here. */
    public static final int REPLICATES = 1000;

    private final int groups;
    private final int[][] counts;

    private Bootstrap(int groups, int[][] counts) {
        this.groups = groups;
        this.counts = counts;
    }

    /** {@code replicates} draws of {@code groups} groups with replacement from {@code seed}. */
    public static Bootstrap of(int groups, int replicates, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] counts = new int[replicates][groups];
        for (int r = 0; r < replicates; r++) {
            for (int k = 0; k < groups; k++) {
                counts[r][random.nextInt(groups)]++;
            }
        }
        return new Bootstrap(groups, counts);
    }

    public int replicates() {
        return counts.length;
    }

    public int groups() {
        return groups;
    }

    /**
     * The 95 % percentile interval of a metric of per-sample weights: sample {@code i} belongs to
     * group {@code group[i]} and weighs, in each replicate, how often its group was drawn. The
     * weight array is reused from replicate to replicate (the metric must not keep it).
     */
    public double[] interval(int[] group, ToDoubleFunction<double[]> metricOfWeights) {
        double[] weights = new double[group.length];
        return interval(replicate -> {
            for (int i = 0; i < group.length; i++) {
                weights[i] = replicate[group[i]];
            }
            return metricOfWeights.applyAsDouble(weights);
        });
    }

    /**
     * The 95 % percentile interval of {@code metric} over the replicates: the metric receives the
     * replicate's per-group counts; NaN replicates (a class absent) are left out.
     */
    public double[] interval(ToDoubleFunction<int[]> metric) {
        double[] values = new double[counts.length];
        int n = 0;
        for (int[] replicate : counts) {
            double value = metric.applyAsDouble(replicate);
            if (!Double.isNaN(value)) {
                values[n++] = value;
            }
        }
        if (n == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        Arrays.sort(values, 0, n);
        return new double[] {values[(int) Math.floor(0.025 * (n - 1))], values[(int) Math.ceil(0.975 * (n - 1))]};
    }
}
