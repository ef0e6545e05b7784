package dev.weir.sim.compare;

import java.util.List;

/**
 * The A/B comparison of every metric over one group of paired calls: one scenario, or all
 * scenarios pooled ("overall").
 *
 * <p>Immutable and thread-safe.
 *
 * @param name scenario name ({@code "overall"} for the pooled group)
 * @param pairs number of (scenario, seed) pairs in the group
 * @param metrics one comparison per metric, in report order (see {@link MetricDirection#KNOWN_METRICS})
 */
public record ScenarioComparison(String name, int pairs, List<MetricComparison> metrics) {
    public ScenarioComparison {
        metrics = List.copyOf(metrics);
    }
}
