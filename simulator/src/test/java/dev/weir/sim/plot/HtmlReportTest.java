package dev.weir.sim.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.compare.ComparisonBuilder;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
    /** 8 s on 1 Mbps with 5 % loss and on/off cross traffic: short, yet every panel has data. */
    private static final String SCENARIO = """
            {"name": "lossy", "family": "random-loss", "duration_s": 8,
             "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200,
                      "loss": {"type": "random", "rate": 0.05}},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000},
             "cross_traffic": {"type": "onoff", "kbps": 300, "on_s": 2, "off_s": 2}}
            """;
    private static final List<String> ESTIMATORS = List.of("gcc", "oracle");
    private static final int SEEDS = 3;

    private static ComparisonReport report;
    private static Map<String, Map<String, TimeSeries>> series;

    @BeforeAll
    static void simulate() {
        Scenario scenario = ScenarioLoader.parse(SCENARIO, Path.of("."), null, "test");
        EstimatorRegistry registry = EstimatorRegistry.withBuiltIns();
        ComparisonBuilder builder = new ComparisonBuilder(ESTIMATORS, "gcc");
        series = new LinkedHashMap<>();
        for (long seed = 1; seed <= SEEDS; seed++) {
            for (String estimator : ESTIMATORS) {
                CallResult r = CallSimulator.run(scenario, estimator,
                        registry.create(estimator, new EstimatorContext(scenario)), seed);
                builder.add(r.scenarioName(), r.family(), seed, estimator, r.metrics().toMap());
                if (seed == 1) {
                    series.computeIfAbsent(r.scenarioName(), s -> new LinkedHashMap<>()).put(estimator, r.series());
                }
            }
        }
        report = builder.build();
    }

    @Test
    void isOneSelfContainedFileWithoutScriptsOrNetwork() {
        String html = HtmlReport.of(report, series, 1);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertFalse(html.contains("<script") || html.contains("src=") || html.contains("href="), "external content");
        String withoutSvgNamespace = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(withoutSvgNamespace.contains("http:") || withoutSvgNamespace.contains("https:"));
    }

    @Test
    void escapesEstimatorNames() {
        ComparisonBuilder builder = new ComparisonBuilder(List.of("onnx:<a>", "b&c"), "b&c");
        for (long seed = 1; seed <= 2; seed++) {
            builder.add("s", "f", seed, "onnx:<a>", Map.of("freeze_pct", 1.0 + seed));
            builder.add("s", "f", seed, "b&c", Map.of("freeze_pct", 2.0));
        }
        String html = HtmlReport.of(builder.build(), Map.of(), 1);
        assertTrue(html.contains("onnx:&lt;a&gt;") && html.contains("b&amp;c"));
        assertFalse(html.contains("<a>"));
    }

    @Test
    void drawsTheFixedPanelsAndEveryOtherNonZeroColumnGenerically() {
        String html = HtmlReport.of(report, series, 1);
        for (String title : List.of("rates (kbps)", "freezes (red), overuse (orange), probes (blue)",
                "queueing delay (ms)", "loss (%)", "GCC estimates (kbps)", "cross traffic")) {
            assertTrue(html.contains(Html.escape(title)), title);
        }
        TimeSeries gcc = series.get("lossy").get("gcc");
        for (String column : gcc.columns()) {
            boolean nonZero = java.util.Arrays.stream(gcc.column(column)).anyMatch(v -> v != 0);
            if (!CallOverlay.DRAWN.contains(column) && nonZero) {
                assertTrue(html.contains(">" + column + "</text>"), "no panel for column " + column);
            }
        }
    }

    @Test
    void showsEverySeedOfEveryEstimatorPerMetric() {
        String html = HtmlReport.of(report, series, 1);
        Matcher dots = Pattern.compile("<circle ").matcher(html);
        int count = 0;
        while (dots.find()) {
            count++;
        }
        assertEquals(SEEDS * ESTIMATORS.size() * report.metrics().size(), count);
    }

    @Test
    void sameInputsGiveTheSameBytes() {
        assertEquals(HtmlReport.of(report, series, 1), HtmlReport.of(report, series, 1));
    }
}
