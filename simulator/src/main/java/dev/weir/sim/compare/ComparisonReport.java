package dev.weir.sim.compare;

import java.util.List;

/**
 * A finished paired A/B comparison: per scenario, and overall over all pairs pooled.
 *
 * <p>Immutable and thread-safe.
 *
 * @param aName name of variant A (the baseline)
 * @param bName name of variant B (the candidate)
 * @param seeds number of distinct seeds over all scenarios
 * @param scenarios per-scenario comparisons, in the order scenarios were first added
 * @param overall every (scenario, seed) pair pooled as one sample
 */
public record ComparisonReport(
        String aName,
        String bName,
        int seeds,
        List<ScenarioComparison> scenarios,
        ScenarioComparison overall) {
    public ComparisonReport {
        scenarios = List.copyOf(scenarios);
    }
}
