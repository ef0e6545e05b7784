package dev.weir.sim.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Synthetic gate data with common random numbers: a call's metrics depend on a per-(scenario, seed)
 * "network" draw shared by every variant, plus a small per-variant draw, so paired differences are
 * much tighter than differences across seeds, as in the simulator. A variant's effect multiplies
 * the bitrate and the p95 delay; freezes are zero on 70 % of calls.
 */
final class SyntheticSuite {
    static final Map<String, String> FAMILIES = new LinkedHashMap<>(Map.of());
    static {
        FAMILIES.put("wired-a", "wired");
        FAMILIES.put("loss-a", "loss");
        FAMILIES.put("loss-b", "loss");
    }
    static final List<String> METRICS = List.of("avg_sent_bitrate_bps", "delay_p95_ms", "freeze_pct");
    /** Spread of the network draw across seeds (log scale). */
    static final double SEED_SD = 0.10;
    /** Spread of a variant's own draw (log scale): what common random numbers leave. */
    static final double VARIANT_SD = 0.01;

    private SyntheticSuite() {
    }

    static List<GateGroup> groups() {
        return GateGroup.of(FAMILIES, Set.of());
    }

    /**
     * A variant's calls on seeds [first, first + count): {@code bitrateFactor} and {@code delayFactor}
     * scale its bitrate and delay; {@code variantStream} picks its own noise draw.
     */
    static SuiteResults calls(long first, int count, double bitrateFactor, double delayFactor, long variantStream) {
        SuiteResults results = new SuiteResults();
        for (Map.Entry<String, String> s : FAMILIES.entrySet()) {
            for (long seed = first; seed < first + count; seed++) {
                SplittableRandom network = new SplittableRandom(s.getKey().hashCode() * 1_000_003L + seed);
                SplittableRandom own = new SplittableRandom(variantStream * 7_919L + seed * 31 + s.getKey().hashCode());
                double z = network.nextGaussian();
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("avg_sent_bitrate_bps", 1_500_000 * bitrateFactor * Math.exp(SEED_SD * z
                        + VARIANT_SD * own.nextGaussian()));
                m.put("delay_p95_ms", 80 * delayFactor * Math.exp(SEED_SD * network.nextGaussian()
                        + VARIANT_SD * own.nextGaussian()));
                m.put("freeze_pct", network.nextDouble() < 0.7 ? 0.0 : 2 * network.nextDouble() + own.nextDouble());
                results.add(s.getKey(), s.getValue(), seed, m);
            }
        }
        return results;
    }

    /** The noise profile of a variant measured on 2 x {@code replicates} blocks of {@code n} seeds from 100 001. */
    static NoiseProfile profile(int replicates, int n) {
        List<List<Long>> blocks = NoiseCalibration.consecutiveBlocks(100_001, 2 * replicates, n);
        SuiteResults pool = calls(100_001, 2 * replicates * n, 1, 1, 1);
        return NoiseCalibration.measure(groups(), pool, blocks, METRICS);
    }

    static List<Long> seeds(long first, int count) {
        return NoiseCalibration.consecutiveBlocks(first, 1, count).get(0);
    }
}
