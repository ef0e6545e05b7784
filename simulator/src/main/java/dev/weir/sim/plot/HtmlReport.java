package dev.weir.sim.plot;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.EstimatorComparison;
import dev.weir.sim.compare.Leaderboard;
import dev.weir.sim.compare.MarkdownReport;
import dev.weir.sim.compare.MetricComparison;
import dev.weir.sim.compare.ReportFormat;
import dev.weir.sim.compare.ScenarioComparison;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * report.html: one self-contained file (inline SVG and CSS, no scripts, no network) beside
 * report.md. Leaderboards; per scenario the drawn seed's calls of every estimator on one shared
 * time axis ({@link CallOverlay}: rates with capacity and cross traffic, freezes, queueing delay,
 * loss, GCC internals, then every other numeric time-series column), per-seed distributions of
 * every metric, and each candidate's paired comparison; finally the pooled comparisons.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class HtmlReport {
    /** Estimator colours (Tableau 10), by position in the report's estimator list. */
    static final List<String> PALETTE = List.of("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b",
            "#e377c2", "#17becf", "#bcbd22", "#7f7f7f");
    private static final String STYLE = "body{font-family:sans-serif;max-width:1000px;margin:auto;padding:1em}"
            + "table{border-collapse:collapse;font-size:12px;margin:0.5em 0}td,th{border:1px solid #ccc;"
            + "padding:2px 6px;text-align:right}td:first-child,th:first-child{text-align:left}"
            + ".better{background:#e3f4e3}.worse{background:#fbe3e3}.strips svg{margin:2px}";

    private HtmlReport() {
    }

    /** Writes {@link #of} to {@code out} atomically. */
    public static void write(ComparisonReport report, Map<String, Map<String, TimeSeries>> series, long drawnSeed,
            Path out) throws IOException {
        AtomicFiles.write(out, of(report, series, drawnSeed).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The page.
     *
     * @param series scenario -> estimator -> time series of the drawn seed (scenarios without one
     *     get no overlay)
     * @param drawnSeed the seed those series ran with, for the captions
     */
    public static String of(ComparisonReport report, Map<String, Map<String, TimeSeries>> series, long drawnSeed) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        String title = "Comparison: " + String.join(", ", report.estimators()) + " (baseline " + report.baseline() + ")";
        sb.append("<title>").append(Html.escape(title)).append("</title><style>").append(STYLE)
                .append("</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n<p>")
                .append(Html.escape(MarkdownReport.method(report))).append("</p>\n<h2>Leaderboards</h2>\n");
        for (Leaderboard board : report.leaderboards()) {
            appendLeaderboard(sb, board);
        }
        List<String> colors = colors(report.estimators().size());
        for (String scenario : report.scenarios().keySet()) {
            sb.append("<h2>Scenario ").append(Html.escape(scenario)).append(" <small>(")
                    .append(Html.escape(report.scenarios().get(scenario))).append(")</small></h2>\n");
            Map<String, TimeSeries> calls = series.get(scenario);
            if (calls != null && !calls.isEmpty()) {
                sb.append("<p>Seed ").append(drawnSeed).append(", every estimator on one time axis.</p>\n");
                sb.append(CallOverlay.render(report.estimators(), colors, calls));
            }
            sb.append("<h3>Per-seed values</h3>\n<div class=\"strips\">");
            for (String metric : report.metrics()) {
                List<double[]> values = new ArrayList<>();
                for (String estimator : report.estimators()) {
                    values.add(report.samples().get(scenario).get(estimator).get(metric));
                }
                sb.append(StripPlot.render(metric, report.estimators(), values, colors));
            }
            sb.append("</div>\n");
            appendComparisons(sb, report, scenario);
        }
        sb.append("<h2>All scenarios pooled</h2>\n");
        appendComparisons(sb, report, null);
        return sb.append("</body></html>\n").toString();
    }

    static List<String> colors(int n) {
        List<String> colors = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            colors.add(PALETTE.get(i % PALETTE.size()));
        }
        return colors;
    }

    private static void appendLeaderboard(StringBuilder sb, Leaderboard board) {
        sb.append("<h3>").append(Html.escape(board.group())).append(" (").append(board.calls())
                .append(" calls each)</h3>\n<table><tr><th>rank</th><th>estimator</th>");
        List<String> metrics = board.rows().get(0).metrics().stream().map(Leaderboard.MetricSummary::metric).toList();
        metrics.forEach(m -> sb.append("<th>").append(Html.escape(m)).append("</th>"));
        sb.append("</tr>\n");
        for (Leaderboard.Row row : board.rows()) {
            sb.append("<tr><td>").append(row.rank()).append("</td><td>").append(Html.escape(row.estimator()))
                    .append("</td>");
            metrics.forEach(m -> sb.append("<td>").append(Html.escape(ReportFormat.meanWithInterval(row.metric(m))))
                    .append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }

    /** One table: metrics down, candidates across; {@code scenario} null for the pooled groups. */
    private static void appendComparisons(StringBuilder sb, ComparisonReport report, String scenario) {
        sb.append("<table><tr><th>vs ").append(Html.escape(report.baseline())).append("</th>");
        List<ScenarioComparison> groups = new ArrayList<>();
        for (EstimatorComparison c : report.comparisons()) {
            sb.append("<th>").append(Html.escape(c.estimator())).append("</th>");
            groups.add(scenario == null ? c.overall()
                    : c.scenarios().stream().filter(s -> s.name().equals(scenario)).findFirst().orElseThrow());
        }
        sb.append("</tr>\n");
        for (int i = 0; i < report.metrics().size(); i++) {
            sb.append("<tr><td>").append(Html.escape(report.metrics().get(i))).append("</td>");
            for (ScenarioComparison g : groups) {
                MetricComparison m = g.metrics().get(i);
                sb.append("<td class=\"").append(m.verdict().jsonName()).append("\" title=\"p = ")
                        .append(ReportFormat.p(m.pValue())).append(", adjusted ").append(ReportFormat.p(m.pAdjusted()))
                        .append(m.note() == null ? "" : "; " + Html.escape(m.note())).append("\">")
                        .append(Html.escape(ReportFormat.change(m) + " " + ReportFormat.interval(m))).append("<br>")
                        .append(Html.escape(m.verdict().words())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</table>\n");
    }
}
