package dev.weir.sim.gate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Measures the gate itself: its false-alarm rate (gates of a variant against itself, or against a
 * change too small to matter, that end in a confirmed regression) and its power (the share of gates
 * of an injected regression that confirm it). Each replicate is a whole gate, screening and
 * confirmation, on its own seed blocks, so replicates are independent.
 *
 * <p>Calls are memoised per variant: a (variant, scenario, seed) call is simulated once however
 * many replicates use it. Not thread-safe.
 */
public final class GateEvaluation {
    /** Simulates calls of a variant; must be deterministic in (variant, scenario, seed). */
    @FunctionalInterface
    public interface Calls {
        SuiteResults run(String variant, Set<String> scenarios, List<Long> seeds) throws Exception;
    }

    /**
     * A count of events over independent trials with its exact (Clopper-Pearson) 95 % interval.
     *
     * @param events gates with the event
     * @param trials gates run
     */
    public record Rate(int events, int trials) {
        /** events / trials. */
        public double rate() {
            return trials == 0 ? Double.NaN : (double) events / trials;
        }

        /** Lower end of the two-sided 95 % Clopper-Pearson interval. */
        public double low95() {
            return events == 0 ? 0 : BetaDistribution.of(events, trials - events + 1).inverseCumulativeProbability(0.025);
        }

        /** Upper end of the two-sided 95 % Clopper-Pearson interval. */
        public double high95() {
            return events == trials ? 1
                    : BetaDistribution.of(events + 1, trials - events).inverseCumulativeProbability(0.975);
        }
    }

    private final List<GateGroup> groups;
    private final NoiseProfile noise;
    private final Calls calls;
    private final int seedsPerBlock;
    private final Map<String, SuiteResults> memo = new HashMap<>();

    /**
     * @param groups the groups gated
     * @param noise the baseline's noise profile
     * @param calls where calls come from
     */
    public GateEvaluation(List<GateGroup> groups, NoiseProfile noise, Calls calls) {
        this.groups = List.copyOf(groups);
        this.noise = noise;
        this.calls = calls;
        this.seedsPerBlock = noise.seedsPerReplicate();
    }

    /** The seed block {@code index} (blocks of the suite's seed count from {@code firstSeed}). */
    public List<Long> block(long firstSeed, int index) {
        return NoiseCalibration.consecutiveBlocks(firstSeed + (long) index * seedsPerBlock, 1, seedsPerBlock).get(0);
    }

    /**
     * One whole gate: {@code baseline} on {@code baselineMain} against {@code candidate} on
     * {@code candidateMain} (the same seeds for a real gate, other seeds for the independent
     * null), confirmation on the two confirm blocks.
     */
    public GateOutcome gate(String baseline, List<Long> baselineMain, List<Long> baselineConfirm, String candidate,
            List<Long> candidateMain, List<Long> candidateConfirm) throws Exception {
        Set<String> all = new LinkedHashSet<>();
        groups.forEach(g -> all.addAll(g.scenarios()));
        SuiteResults a = calls(baseline, all, baselineMain);
        SuiteResults b = calls(candidate, all, candidateMain);
        List<GateTest> screen = RegressionGate.screen(groups, noise, a, baselineMain, b, candidateMain);
        Set<String> again = RegressionGate.scenariosToConfirm(screen, groups);
        if (again.isEmpty()) {
            return new GateOutcome(candidate, screen, List.of());
        }
        SuiteResults a2 = calls(baseline, again, baselineConfirm);
        SuiteResults b2 = calls(candidate, again, candidateConfirm);
        return new GateOutcome(candidate, screen, RegressionGate.confirm(screen, groups, noise, a2, baselineConfirm,
                b2, candidateConfirm));
    }

    /** Calls of {@code variant}, simulating only those not seen before. */
    private SuiteResults calls(String variant, Set<String> scenarios, List<Long> seeds) throws Exception {
        SuiteResults known = memo.computeIfAbsent(variant, v -> new SuiteResults());
        Set<String> missing = new LinkedHashSet<>();
        for (String scenario : scenarios) {
            if (!known.covers(scenario, seeds)) {
                missing.add(scenario);
            }
        }
        if (!missing.isEmpty()) {
            List<Long> needed = new ArrayList<>();
            for (long seed : seeds) {
                boolean any = false;
                for (String scenario : missing) {
                    any |= known.metrics(scenario, seed) == null;
                }
                if (any) {
                    needed.add(seed);
                }
            }
            SuiteResults fresh = calls.run(variant, missing, needed);
            for (String scenario : missing) {
                for (long seed : needed) {
                    if (known.metrics(scenario, seed) == null) {
                        Map<String, Double> m = fresh.metrics(scenario, seed);
                        if (m == null) {
                            throw new IllegalStateException(variant + " returned no call for " + scenario + " seed "
                                    + seed);
                        }
                        known.add(scenario, fresh.family(scenario), seed, m);
                    }
                }
            }
        }
        return known;
    }
}
