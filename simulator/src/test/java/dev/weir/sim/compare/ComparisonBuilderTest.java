package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonBuilderTest {
    private static final List<String> FOUR = List.of("gcc", "gcc-classic", "oracle-causal", "oracle");

    private static Map<String, Object> metrics(Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static MetricComparison metric(ScenarioComparison s, String name) {
        return s.metrics().stream().filter(m -> m.metric().equals(name)).findFirst().orElseThrow();
    }

    /** Four estimators whose quality is 60, 50, 80, 90 + a seed wobble, on two families. */
    private static ComparisonBuilder fourWay() {
        ComparisonBuilder builder = new ComparisonBuilder(FOUR, "gcc");
        double[] quality = {60, 50, 80, 90};
        for (String scenario : List.of("wired-stable", "random-loss-5", "random-loss-20")) {
            String family = scenario.startsWith("random") ? "random-loss" : "wired";
            for (int seed = 1; seed <= 8; seed++) {
                for (int e = 0; e < FOUR.size(); e++) {
                    builder.add(scenario, family, seed, FOUR.get(e),
                            metrics("video_quality_score", quality[e] + seed * 0.5 + e * seed * 0.01,
                                    "freeze_pct", e == 3 ? 0.0 : 1.0 + seed % 3));
                }
            }
        }
        return builder;
    }

    @Test
    void everyCandidateIsPairedWithTheBaseline() {
        ComparisonReport report = fourWay().build();
        assertEquals(List.of("gcc-classic", "oracle-causal", "oracle"),
                report.comparisons().stream().map(EstimatorComparison::estimator).toList());
        EstimatorComparison oracle = report.comparisons().get(2);
        assertEquals(24, oracle.overall().pairs());
        assertEquals(Verdict.BETTER, metric(oracle.overall(), "video_quality_score").verdict());
        assertEquals(Verdict.WORSE, metric(report.comparisons().get(0).overall(), "video_quality_score").verdict());
        // 3 candidates x (3 scenarios + overall) x 2 metrics
        assertEquals(24, report.tests());
    }

    @Test
    void leaderboardsRankByQualityOverallAndPerFamily() {
        ComparisonReport report = fourWay().build();
        assertEquals(List.of("overall", "wired", "random-loss"),
                report.leaderboards().stream().map(Leaderboard::group).toList());
        Leaderboard overall = report.leaderboards().get(0);
        assertEquals(24, overall.calls());
        assertEquals(List.of("oracle", "oracle-causal", "gcc", "gcc-classic"),
                overall.rows().stream().map(Leaderboard.Row::estimator).toList());
        assertEquals(List.of(1, 2, 3, 4), overall.rows().stream().map(Leaderboard.Row::rank).toList());
        Leaderboard.MetricSummary q = overall.rows().get(0).metric("video_quality_score");
        assertTrue(q.ci95Low() < q.mean() && q.mean() < q.ci95High());
        assertEquals(16, report.leaderboards().get(2).calls());
    }

    @Test
    void verdictsFollowTheBenjaminiHochbergAdjustedPValues() {
        ComparisonReport report = fourWay().build();
        for (EstimatorComparison c : report.comparisons()) {
            for (MetricComparison m : c.overall().metrics()) {
                assertTrue(m.pAdjusted() >= m.pValue(), m.toString());
                boolean significant = m.verdict() == Verdict.BETTER || m.verdict() == Verdict.WORSE;
                assertEquals(m.pAdjusted() <= 0.05 && m.change() != 0, significant, m.toString());
            }
        }
    }

    @Test
    void samplesHoldEveryEstimatorsValuePerSeed() {
        ComparisonReport report = fourWay().build();
        double[] oracle = report.samples().get("wired-stable").get("oracle").get("video_quality_score");
        assertEquals(8, oracle.length);
        assertEquals(90 + 0.5 + 0.03, oracle[0], 1e-12);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), report.seeds());
    }

    @Test
    void booleansCompareAsRatesAndMissingValuesLeaveOnlyTheirMetric() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        builder.add("s", 1, metrics("connection_drop", true, "loss_pct", 1.0), metrics("connection_drop", false,
                "loss_pct", 1.0));
        builder.add("s", 2, metrics("connection_drop", false, "loss_pct", Double.NaN), metrics("connection_drop",
                false, "loss_pct", 2.0));
        builder.add("s", 3, metrics("connection_drop", false), metrics("connection_drop", false, "loss_pct", null));
        ScenarioComparison s = builder.build().comparisons().get(0).scenarios().get(0);
        assertEquals(3, s.pairs());
        assertEquals(1.0 / 3, metric(s, "connection_drop").baselineMean(), 1e-12);
        assertEquals(1, metric(s, "loss_pct").n());
    }

    @Test
    void metricsFollowTheKnownOrderThenUnknownNamesSorted() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        Map<String, Object> m = metrics("zeta", 1.0, "loss_pct", 1.0, "alpha", 1.0, "avg_sent_bitrate_bps", 1.0);
        builder.add("s", 1, m, m);
        assertEquals(List.of("avg_sent_bitrate_bps", "loss_pct", "alpha", "zeta"), builder.build().metrics());
    }

    @Test
    void reportDoesNotDependOnTheOrderCallsWereAdded() {
        Random random = new Random(7);
        List<Integer> seeds = new ArrayList<>();
        double[] a = new double[20];
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            seeds.add(i);
            a[i] = random.nextDouble() * 1e6;
            b[i] = random.nextDouble() * 1e6;
        }
        ComparisonBuilder inOrder = new ComparisonBuilder("a", "b");
        seeds.forEach(seed -> inOrder.add("s", seed, metrics("avg_recv_bitrate_bps", a[seed]),
                metrics("avg_recv_bitrate_bps", b[seed])));
        Collections.shuffle(seeds, new Random(3));
        ComparisonBuilder shuffled = new ComparisonBuilder("a", "b");
        seeds.forEach(seed -> shuffled.add("s", seed, metrics("avg_recv_bitrate_bps", a[seed]),
                metrics("avg_recv_bitrate_bps", b[seed])));
        assertEquals(ReportWriter.toJson(inOrder.build()), ReportWriter.toJson(shuffled.build()));
    }

    @Test
    void rejectsDuplicatesUnknownEstimatorsAndNonNumericValues() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        builder.add("s", 1, metrics("loss_pct", 1.0), metrics("loss_pct", 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> builder.add("s", 1, metrics("loss_pct", 1.0), metrics("loss_pct", 1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> builder.add("s", 2, metrics("loss_pct", "high"), metrics("loss_pct", 1.0)));
        assertThrows(IllegalArgumentException.class, () -> builder.add("s", "s", 3, "c", metrics()));
        assertThrows(IllegalArgumentException.class, () -> builder.add("s", "other-family", 3, "a", metrics()));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonBuilder(List.of("a", "a"), "a"));
        assertThrows(IllegalArgumentException.class, () -> new ComparisonBuilder(List.of("a", "b"), "c"));
    }
}
