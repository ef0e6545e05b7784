package dev.weir.sim.gate;

import java.util.Arrays;
import java.util.List;

/**
 * The paired samples of one metric over a group: for each scenario of the group (in order) and
 * each position i, baseline call (scenario, baselineSeeds[i]) against candidate call (scenario,
 * candidateSeeds[i]). Normally both seed lists are the same (common random numbers); calibration
 * and the false-alarm measurement pair disjoint seeds. Pairs where either value is missing are left
 * out.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
final class Pairs {
    private Pairs() {
    }

    /** {@code [baseline values, candidate values]}, equal lengths. */
    static double[][] of(SuiteResults baseline, List<Long> baselineSeeds, SuiteResults candidate,
            List<Long> candidateSeeds, GateGroup group, String metric) {
        if (baselineSeeds.size() != candidateSeeds.size()) {
            throw new IllegalArgumentException("seed lists differ in length: " + baselineSeeds.size() + " vs "
                    + candidateSeeds.size());
        }
        int capacity = group.scenarios().size() * baselineSeeds.size();
        double[] a = new double[capacity];
        double[] b = new double[capacity];
        int n = 0;
        for (String scenario : group.scenarios()) {
            for (int i = 0; i < baselineSeeds.size(); i++) {
                Double av = baseline.value(scenario, baselineSeeds.get(i), metric);
                Double bv = candidate.value(scenario, candidateSeeds.get(i), metric);
                if (av != null && bv != null) {
                    a[n] = av;
                    b[n] = bv;
                    n++;
                }
            }
        }
        return new double[][] {Arrays.copyOf(a, n), Arrays.copyOf(b, n)};
    }
}
