package dev.weir.sim.compare;

import java.util.List;

/**
 * A candidate against the baseline on every metric over one group of paired calls: one
 * scenario, or all scenarios pooled ({@value ComparisonBuilder#OVERALL}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name scenario name, or {@value ComparisonBuilder#OVERALL}
 * @param family the scenario's family (for the pooled group: {@value ComparisonBuilder#OVERALL})
 * @param pairs (scenario, seed) pairs in which both ran
 * @param metrics one comparison per metric, in report order (see {@link MetricDirection#KNOWN_METRICS})
 */
public record ScenarioComparison(String name, String family, int pairs, List<MetricComparison> metrics) {
    public ScenarioComparison {
        metrics = List.copyOf(metrics);
    }
}
