package dev.weir.sim.compare;

import java.util.List;

/**
 * One candidate estimator against the report's baseline: per scenario and over all pairs pooled.
 *
 * <p>Immutable and thread-safe.
 *
 * @param estimator the candidate (B)
 * @param scenarios per-scenario comparisons, in scenario order
 * @param overall every (scenario, seed) pair pooled, like an online A/B test pools calls
 */
public record EstimatorComparison(String estimator, List<ScenarioComparison> scenarios, ScenarioComparison overall) {
    public EstimatorComparison {
        scenarios = List.copyOf(scenarios);
    }
}
