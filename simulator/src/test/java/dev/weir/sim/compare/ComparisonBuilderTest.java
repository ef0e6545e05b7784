package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ComparisonBuilderTest {

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

    @Test
    void booleansShouldCompareAsRates() {
        ComparisonBuilder builder = new ComparisonBuilder("gcc", "oracle");
        boolean[] aDrops = {false, true, false, false};
        for (int seed = 0; seed < aDrops.length; seed++) {
            builder.add("lte", seed, metrics("connection_drop", aDrops[seed]),
                    metrics("connection_drop", false));
        }
        MetricComparison drop = metric(builder.build().scenarios().get(0), "connection_drop");
        assertEquals(0.25, drop.aMean(), 1e-12);
        assertEquals(0.0, drop.bMean(), 0);
        assertEquals(-1.0, drop.relChange(), 1e-12);
        assertEquals(4, drop.n());
    }

    @Test
    void pairsMissingAValueOnEitherSideShouldBeLeftOutOfThatMetricOnly() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        builder.add("s", 1, metrics("time_to_80pct_capacity_s", 2.0, "loss_pct", 1.0),
                metrics("time_to_80pct_capacity_s", 1.0, "loss_pct", 1.0));
        builder.add("s", 2, metrics("time_to_80pct_capacity_s", Double.NaN, "loss_pct", 2.0),
                metrics("time_to_80pct_capacity_s", 1.0, "loss_pct", 1.0));
        builder.add("s", 3, metrics("time_to_80pct_capacity_s", 4.0, "loss_pct", 3.0),
                metrics("time_to_80pct_capacity_s", null, "loss_pct", 1.0));
        builder.add("s", 4, metrics("loss_pct", 4.0),
                metrics("time_to_80pct_capacity_s", 3.0, "loss_pct", 2.0));
        ScenarioComparison s = builder.build().scenarios().get(0);
        assertEquals(4, s.pairs());
        MetricComparison ramp = metric(s, "time_to_80pct_capacity_s");
        assertEquals(1, ramp.n());
        assertEquals(2.0, ramp.aMean(), 0);
        assertEquals(4, metric(s, "loss_pct").n());
    }

    @Test
    void overallShouldPoolEveryPairOfEveryScenario() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        double[] a = {10, 12, 9, 11, 8, 30, 31};
        double[] b = {8, 10, 8, 9, 5, 27, 30};
        for (int i = 0; i < 5; i++) {
            builder.add("wired", 100 + i, metrics("freeze_pct", a[i]), metrics("freeze_pct", b[i]));
        }
        builder.add("cellular", 100, metrics("freeze_pct", a[5]), metrics("freeze_pct", b[5]));
        builder.add("cellular", 200, metrics("freeze_pct", a[6]), metrics("freeze_pct", b[6]));
        ComparisonReport report = builder.build();
        assertEquals(6, report.seeds()); // 100..104 and 200
        assertEquals(List.of("wired", "cellular"),
                report.scenarios().stream().map(ScenarioComparison::name).toList());
        assertEquals(7, report.overall().pairs());
        assertEquals(ComparisonBuilder.OVERALL, report.overall().name());
        assertEquals(PairedComparison.compare("freeze_pct", a, b),
                metric(report.overall(), "freeze_pct"));
    }

    @Test
    void metricsShouldFollowTheKnownOrderThenUnknownNamesSorted() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        Map<String, Object> m = metrics("zeta", 1.0, "loss_pct", 1.0, "alpha", 1.0,
                "avg_sent_bitrate_bps", 1.0);
        builder.add("s", 1, m, m);
        assertEquals(List.of("avg_sent_bitrate_bps", "loss_pct", "alpha", "zeta"),
                builder.build().overall().metrics().stream().map(MetricComparison::metric).toList());
    }

    @Test
    void reportShouldNotDependOnTheOrderSeedsWereAdded() {
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
        for (int seed : seeds) {
            inOrder.add("s", seed, metrics("avg_recv_bitrate_bps", a[seed]),
                    metrics("avg_recv_bitrate_bps", b[seed]));
        }
        Collections.shuffle(seeds, new Random(3));
        ComparisonBuilder shuffled = new ComparisonBuilder("a", "b");
        for (int seed : seeds) {
            shuffled.add("s", seed, metrics("avg_recv_bitrate_bps", a[seed]),
                    metrics("avg_recv_bitrate_bps", b[seed]));
        }
        assertEquals(ReportWriter.toJson(inOrder.build()), ReportWriter.toJson(shuffled.build()));
    }

    @Test
    void shouldRejectDuplicatePairsAndNonNumericValues() {
        ComparisonBuilder builder = new ComparisonBuilder("a", "b");
        builder.add("s", 1, metrics("loss_pct", 1.0), metrics("loss_pct", 1.0));
        assertThrows(IllegalArgumentException.class,
                () -> builder.add("s", 1, metrics("loss_pct", 1.0), metrics("loss_pct", 1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> builder.add("s", 2, metrics("loss_pct", "high"), metrics("loss_pct", 1.0)));
    }
}
