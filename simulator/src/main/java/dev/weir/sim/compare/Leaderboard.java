package dev.weir.sim.compare;

import java.util.List;

/**
 * Every estimator's metrics over one group of calls (a scenario family, or all calls), ranked by
 * {@link #RANK_METRIC}, highest first. Because all estimators ran on the same scenarios and seeds,
 * their rows are directly comparable; the paired tests are in {@link EstimatorComparison}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group family name, or {@value ComparisonBuilder#OVERALL}
 * @param calls calls per estimator in the group ((scenario, seed) combinations)
 * @param rows one row per estimator, best first
 */
public record Leaderboard(String group, int calls, List<Row> rows) {
    /**
     * weir's one composite metric (bitrate, frame rate and freezes, see CallMetrics), so the rank
     * order reads as call quality; the other columns show what it costs in delay and loss.
     */
    public static final String RANK_METRIC = "video_quality_score";

    public Leaderboard {
        rows = List.copyOf(rows);
    }

    /**
     * One estimator's row.
     *
     * @param rank 1 for the best; equal means share a rank
     * @param estimator estimator name
     * @param metrics one summary per metric, in report order
     */
    public record Row(int rank, String estimator, List<MetricSummary> metrics) {
        public Row {
            metrics = List.copyOf(metrics);
        }

        /** The summary of {@code metric}, or null when the estimator never reported it. */
        public MetricSummary metric(String metric) {
            for (MetricSummary s : metrics) {
                if (s.metric().equals(metric)) {
                    return s;
                }
            }
            return null;
        }
    }

    /**
     * Mean of one metric over the group's calls with its 95 % t interval (null when n < 2).
     *
     * @param metric metric name
     * @param n calls with a finite value
     * @param mean mean over them (null when n = 0)
     * @param ci95Low lower end of the interval of the mean
     * @param ci95High upper end
     */
    public record MetricSummary(String metric, int n, Double mean, Double ci95Low, Double ci95High) {
    }
}
