package dev.weir.sim.gate;

import dev.weir.sim.compare.MetricComparison;
import dev.weir.sim.compare.PairedComparison;
import dev.weir.sim.compare.Scale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * Measures a variant's run-to-run noise: its calls on 2R disjoint blocks of n seeds form R
 * A-versus-A comparisons (block 2r against block 2r + 1, paired by position), each analysed exactly
 * as the gate analyses a candidate ({@link PairedComparison}, Hodges-Lehmann change); the noise of
 * a metric is the root mean square of those R changes. Root mean square around 0, not the sample
 * standard deviation: the true change of A against A is 0, and using it keeps all R degrees of
 * freedom.
 *
 * <p>Why replicates and not a formula from per-call spread: the metrics are skewed and zero-heavy
 * (freezes, drops, a 0.1 s grid), where the Hodges-Lehmann estimate's spread has no simple closed
 * form; replicates measure the statistic the gate thresholds.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class NoiseCalibration {
    private NoiseCalibration() {
    }

    /**
     * The noise profile of {@code pool} over {@code groups} and {@code metrics}.
     *
     * @param blocks an even number (at least 2) of disjoint seed lists of equal length; every
     *     group scenario must have a call on every seed
     */
    public static NoiseProfile measure(List<GateGroup> groups, SuiteResults pool, List<List<Long>> blocks,
            List<String> metrics) {
        if (blocks.size() < 2 || blocks.size() % 2 != 0) {
            throw new IllegalArgumentException("need an even number of seed blocks (at least 2), got " + blocks.size());
        }
        int n = blocks.get(0).size();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (List<Long> block : blocks) {
            if (block.size() != n || block.isEmpty()) {
                throw new IllegalArgumentException("seed blocks must be non-empty and of equal length");
            }
            for (long seed : block) {
                if (!seen.add(seed)) {
                    throw new IllegalArgumentException("seed " + seed + " is in two blocks: blocks must be disjoint");
                }
            }
        }
        int replicates = blocks.size() / 2;
        Map<String, NoiseProfile.GroupNoise> out = new LinkedHashMap<>();
        for (GateGroup group : groups) {
            for (String scenario : group.scenarios()) {
                for (List<Long> block : blocks) {
                    if (!pool.covers(scenario, block)) {
                        throw new IllegalArgumentException("scenario " + scenario + " lacks calls on seeds " + block);
                    }
                }
            }
            Map<String, MetricNoise> byMetric = new LinkedHashMap<>();
            for (String metric : metrics) {
                Scale scale = allPositive(pool, group, blocks, metric) ? Scale.RELATIVE : Scale.ABSOLUTE;
                double sumSquares = 0;
                double absoluteSumSquares = 0;
                for (int r = 0; r < replicates; r++) {
                    double[][] pairs = Pairs.of(pool, blocks.get(2 * r), pool, blocks.get(2 * r + 1), group, metric);
                    double effect = RegressionGate.analysisChange(PairedComparison.compare(metric, pairs[0], pairs[1],
                            scale, AlternativeHypothesis.TWO_SIDED));
                    MetricComparison absolute = PairedComparison.compare(metric, pairs[0], pairs[1], Scale.ABSOLUTE,
                            AlternativeHypothesis.TWO_SIDED);
                    sumSquares += effect * effect;
                    absoluteSumSquares += absolute.change() * absolute.change();
                }
                byMetric.put(metric, new MetricNoise(scale, Math.sqrt(sumSquares / replicates),
                        Math.sqrt(absoluteSumSquares / replicates)));
            }
            out.put(group.name(), new NoiseProfile.GroupNoise(group.scenarios(), byMetric));
        }
        return new NoiseProfile(replicates, n, out);
    }

    private static boolean allPositive(SuiteResults pool, GateGroup group, List<List<Long>> blocks, String metric) {
        for (String scenario : group.scenarios()) {
            for (List<Long> block : blocks) {
                for (long seed : block) {
                    Double v = pool.value(scenario, seed, metric);
                    if (v == null || !(v > 0)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Seed blocks {@code first}, {@code first + 1}, ... cut into {@code count} blocks of {@code size}. */
    public static List<List<Long>> consecutiveBlocks(long first, int count, int size) {
        List<List<Long>> blocks = new ArrayList<>();
        for (int b = 0; b < count; b++) {
            List<Long> block = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                block.add(first + (long) b * size + i);
            }
            blocks.add(List.copyOf(block));
        }
        return blocks;
    }
}
