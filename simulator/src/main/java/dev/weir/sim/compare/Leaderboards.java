package dev.weir.sim.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the leaderboards of a {@link ComparisonBuilder}: all calls, then each scenario family.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
final class Leaderboards {
    private Leaderboards() {
    }

    static List<Leaderboard> of(List<String> estimators, Map<String, String> families,
            Map<String, TreeMap<Long, Map<String, Map<String, Double>>>> calls, List<String> metrics) {
        List<Leaderboard> boards = new ArrayList<>();
        boards.add(board(ComparisonBuilder.OVERALL, estimators, calls, metrics, s -> true));
        for (String family : new LinkedHashSet<>(families.values())) {
            boards.add(board(family, estimators, calls, metrics, s -> families.get(s).equals(family)));
        }
        return boards;
    }

    private static Leaderboard board(String group, List<String> estimators,
            Map<String, TreeMap<Long, Map<String, Map<String, Double>>>> calls, List<String> metrics,
            java.util.function.Predicate<String> inGroup) {
        Map<String, List<Map<String, Double>>> byEstimator = new LinkedHashMap<>();
        estimators.forEach(e -> byEstimator.put(e, new ArrayList<>()));
        int groupCalls = 0;
        for (Map.Entry<String, TreeMap<Long, Map<String, Map<String, Double>>>> scenario : calls.entrySet()) {
            if (!inGroup.test(scenario.getKey())) {
                continue;
            }
            for (Map<String, Map<String, Double>> call : scenario.getValue().values()) {
                groupCalls++;
                call.forEach((estimator, values) -> byEstimator.get(estimator).add(values));
            }
        }
        List<Leaderboard.Row> unranked = new ArrayList<>();
        for (String estimator : estimators) {
            List<Leaderboard.MetricSummary> summaries = new ArrayList<>();
            for (String metric : metrics) {
                summaries.add(summary(metric, byEstimator.get(estimator)));
            }
            unranked.add(new Leaderboard.Row(0, estimator, summaries));
        }
        return new Leaderboard(group, groupCalls, rank(unranked));
    }

    /** Sorted by the rank metric's mean, highest first (missing last); equal means share a rank. */
    private static List<Leaderboard.Row> rank(List<Leaderboard.Row> rows) {
        Comparator<Leaderboard.Row> byScore = Comparator.comparingDouble(Leaderboards::score).reversed();
        List<Leaderboard.Row> sorted = new ArrayList<>(rows);
        sorted.sort(byScore); // stable: ties keep estimator order
        List<Leaderboard.Row> ranked = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Leaderboard.Row row = sorted.get(i);
            int rank = i > 0 && score(row) == score(sorted.get(i - 1)) ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new Leaderboard.Row(rank, row.estimator(), row.metrics()));
        }
        return ranked;
    }

    private static double score(Leaderboard.Row row) {
        Leaderboard.MetricSummary s = row.metric(Leaderboard.RANK_METRIC);
        return s == null || s.mean() == null ? Double.NEGATIVE_INFINITY : s.mean();
    }

    private static Leaderboard.MetricSummary summary(String metric, List<Map<String, Double>> calls) {
        double[] values = calls.stream().mapToDouble(c -> c.getOrDefault(metric, Double.NaN))
                .filter(Double::isFinite).toArray();
        int n = values.length;
        if (n == 0) {
            return new Leaderboard.MetricSummary(metric, 0, null, null, null);
        }
        double mean = PairedComparison.mean(values);
        if (n < 2) {
            return new Leaderboard.MetricSummary(metric, n, mean, null, null);
        }
        double half = PairedComparison.tHalfWidth(values, mean);
        return new Leaderboard.MetricSummary(metric, n, mean, mean - half, mean + half);
    }
}
