package dev.weir.sim.compare;

import java.util.List;
import java.util.Map;

/**
 * A finished comparison of N estimators on common scenarios and seeds: leaderboards per family and
 * overall, each candidate against the baseline, and the per-seed values behind them.
 *
 * <p>Immutable and thread-safe, provided nobody writes into the sample arrays (they are shared,
 * not copied, to keep large runs cheap).
 *
 * @param estimators estimator names in the order given, baseline included
 * @param baseline the estimator every other one is compared against (A)
 * @param seeds distinct seeds over all scenarios, ascending
 * @param tests p-values in the Benjamini-Hochberg family (every metric x group x candidate)
 * @param scenarios scenario name to family, in the order scenarios were first added
 * @param leaderboards overall first, then one per family in first-seen order
 * @param comparisons one per candidate (every estimator but the baseline), in estimator order
 * @param samples scenario -> estimator -> metric -> value per seed of {@code seeds} (NaN: missing)
 */
public record ComparisonReport(
        List<String> estimators,
        String baseline,
        List<Long> seeds,
        int tests,
        Map<String, String> scenarios,
        List<Leaderboard> leaderboards,
        List<EstimatorComparison> comparisons,
        Map<String, Map<String, Map<String, double[]>>> samples) {
    public ComparisonReport {
        estimators = List.copyOf(estimators);
        seeds = List.copyOf(seeds);
        leaderboards = List.copyOf(leaderboards);
        comparisons = List.copyOf(comparisons);
    }

    /** The metrics in report order. */
    public List<String> metrics() {
        return leaderboards.isEmpty() ? List.of()
                : leaderboards.get(0).rows().get(0).metrics().stream().map(Leaderboard.MetricSummary::metric).toList();
    }
}
