package dev.weir.sim.gate;

import dev.weir.sim.compare.FalseDiscoveryRate;
import dev.weir.sim.compare.MetricComparison;
import dev.weir.sim.compare.MetricDirection;
import dev.weir.sim.compare.PairedComparison;
import dev.weir.sim.compare.Scale;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.statistics.inference.AlternativeHypothesis;

/**
 * The regression gate's decision rule, on top of the A/B statistics of
 * {@code dev.weir.sim.compare} (one implementation of the tests):
 * <ol>
 *   <li><b>Screen.</b> Per group and metric with a direction, the candidate's calls are paired with
 *       the baseline's ({@link PairedComparison}: log ratios or differences, Hodges-Lehmann change
 *       and 95 % interval) and tested one-sided, "the candidate is worse" (Wilcoxon signed-rank,
 *       exact for small n). The p-values of the run form one family, adjusted by Benjamini-Hochberg.
 *       A test is flagged when the adjusted p is at most {@link #LEVEL} AND the change in the bad
 *       direction exceeds {@link #THRESHOLD_SIGMAS} times the metric's measured run-to-run noise
 *       ({@link NoiseProfile}). The second condition is what keeps a gate on common random
 *       numbers usable: paired calls make even a 0.2 % shift significant, and a change smaller than
 *       what re-running the suite with other seeds produces is not worth a red build.</li>
 *   <li><b>Confirm.</b> Each flagged test is repeated on fresh seeds (its group's scenarios, both
 *       variants) with the same rule, the confirmation p-values adjusted together; only a test
 *       flagged twice is a regression. Under no change the two runs are independent, so a false
 *       alarm needs two rare events.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class RegressionGate {
    /** False discovery rate of flags, and of confirmations (one-sided). */
    public static final double LEVEL = 0.05;
    /** A regression must exceed this many standard deviations of the metric's run-to-run noise. */
    public static final double THRESHOLD_SIGMAS = 3.0;

    private RegressionGate() {
    }

    /**
     * The groups of {@code profile} a run over {@code scenarios} can test: those whose scenarios
     * all ran; {@link GateGroup#OVERALL_SYNTHETIC} only when {@link GateGroup#OVERALL} cannot be
     * tested (a machine without the trace files).
     */
    public static List<GateGroup> usableGroups(NoiseProfile profile, Set<String> scenarios) {
        List<GateGroup> groups = new ArrayList<>();
        for (Map.Entry<String, NoiseProfile.GroupNoise> e : profile.groups().entrySet()) {
            if (scenarios.containsAll(e.getValue().scenarios())) {
                groups.add(new GateGroup(e.getKey(), e.getValue().scenarios()));
            }
        }
        if (groups.stream().anyMatch(g -> g.name().equals(GateGroup.OVERALL))) {
            groups.removeIf(g -> g.name().equals(GateGroup.OVERALL_SYNTHETIC));
        }
        return groups;
    }

    /**
     * Screens every (group, metric) of {@code groups} with a direction and noise in {@code profile}:
     * baseline call (scenario, baselineSeeds[i]) against candidate call (scenario, candidateSeeds[i]).
     */
    public static List<GateTest> screen(List<GateGroup> groups, NoiseProfile profile, SuiteResults baseline,
            List<Long> baselineSeeds, SuiteResults candidate, List<Long> candidateSeeds) {
        List<Key> keys = new ArrayList<>();
        for (GateGroup group : groups) {
            NoiseProfile.GroupNoise noise = profile.groups().get(group.name());
            if (noise == null) {
                throw new IllegalArgumentException("the noise profile has no group " + group.name());
            }
            for (String metric : noise.metrics().keySet()) {
                if (MetricDirection.of(metric) != MetricDirection.NEUTRAL) {
                    keys.add(new Key(group, metric, noise.metrics().get(metric)));
                }
            }
        }
        return test(keys, baseline, baselineSeeds, candidate, candidateSeeds);
    }

    /**
     * Repeats the flagged tests of {@code screened} on fresh calls; the result has one test per
     * flagged one, in the same order, adjusted as one family.
     */
    public static List<GateTest> confirm(List<GateTest> screened, List<GateGroup> groups, NoiseProfile profile,
            SuiteResults baseline, List<Long> baselineSeeds, SuiteResults candidate, List<Long> candidateSeeds) {
        Map<String, GateGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        List<Key> keys = new ArrayList<>();
        for (GateTest t : screened) {
            if (t.flagged()) {
                keys.add(new Key(byName.get(t.group()), t.metric(),
                        profile.groups().get(t.group()).metrics().get(t.metric())));
            }
        }
        return test(keys, baseline, baselineSeeds, candidate, candidateSeeds);
    }

    /** The seeds, per scenario, a confirmation of {@code screened}'s flagged tests needs calls on. */
    public static Set<String> scenariosToConfirm(List<GateTest> screened, List<GateGroup> groups) {
        Set<String> flaggedGroups = new java.util.LinkedHashSet<>();
        screened.stream().filter(GateTest::flagged).forEach(t -> flaggedGroups.add(t.group()));
        Set<String> scenarios = new java.util.LinkedHashSet<>();
        for (GateGroup g : groups) {
            if (flaggedGroups.contains(g.name())) {
                scenarios.addAll(g.scenarios());
            }
        }
        return scenarios;
    }

    /** The change on the analysis scale: ln(1 + change) for ratios, the change itself for differences. */
    public static double analysisChange(MetricComparison m) {
        if (m.change() == null) {
            return 0;
        }
        return m.scale() == Scale.RELATIVE ? Math.log1p(m.change()) : m.change();
    }

    private record Key(GateGroup group, String metric, MetricNoise noise) {
    }

    private static List<GateTest> test(List<Key> keys, SuiteResults baseline, List<Long> baselineSeeds,
            SuiteResults candidate, List<Long> candidateSeeds) {
        List<MetricComparison> comparisons = new ArrayList<>();
        List<Double> pValues = new ArrayList<>();
        for (Key key : keys) {
            double[][] pairs = Pairs.of(baseline, baselineSeeds, candidate, candidateSeeds, key.group(), key.metric());
            AlternativeHypothesis worse = MetricDirection.of(key.metric()) == MetricDirection.HIGHER_IS_BETTER
                    ? AlternativeHypothesis.LESS_THAN : AlternativeHypothesis.GREATER_THAN;
            MetricComparison m = PairedComparison.compare(key.metric(), pairs[0], pairs[1], key.noise().scale(), worse);
            comparisons.add(m);
            if (m.pValue() != null) {
                pValues.add(m.pValue());
            }
        }
        double[] adjusted = FalseDiscoveryRate.benjaminiHochberg(pValues.stream().mapToDouble(Double::doubleValue)
                .toArray());
        List<GateTest> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            MetricComparison m = comparisons.get(i);
            Double pAdjusted = m.pValue() == null ? null : adjusted[next++];
            double change = analysisChange(m);
            double worsening = MetricDirection.of(key.metric()) == MetricDirection.HIGHER_IS_BETTER ? -change : change;
            double sd = m.scale() == null ? key.noise().sd() : key.noise().sdOn(m.scale());
            double threshold = THRESHOLD_SIGMAS * sd;
            boolean flagged = pAdjusted != null && pAdjusted <= LEVEL && worsening > threshold;
            out.add(new GateTest(key.group().name(), key.metric(), m, pAdjusted, worsening, sd, threshold, flagged));
        }
        return out;
    }
}
