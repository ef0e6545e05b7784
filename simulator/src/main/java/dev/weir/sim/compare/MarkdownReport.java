package dev.weir.sim.compare;

import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * report.md: the method in one paragraph, leaderboards, then each candidate against the baseline
 * per scenario and overall.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class MarkdownReport {
    /** Leaderboard columns: quality first (the rank), then what it costs. */
    static final List<String> LEADERBOARD_METRICS = List.of(Leaderboard.RANK_METRIC, "avg_recv_bitrate_bps",
            "freeze_pct", "delay_p95_ms", "bad_experience_pct", "loss_pct");

    private MarkdownReport() {
    }

    /** Writes {@link #of} to {@code out} atomically. */
    public static void write(ComparisonReport report, Path out) throws IOException {
        AtomicFiles.write(out, of(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The report as Markdown. */
    public static String of(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Comparison: ").append(md(String.join(", ", report.estimators()))).append(" (baseline ")
                .append(md(report.baseline())).append(")\n\n").append(method(report)).append('\n');
        sb.append("\n## Leaderboards\n\nMean over calls with its 95 % t interval, ranked by ")
                .append(Leaderboard.RANK_METRIC).append(".\n");
        for (Leaderboard board : report.leaderboards()) {
            appendLeaderboard(sb, board);
        }
        for (EstimatorComparison c : report.comparisons()) {
            sb.append("\n## ").append(md(c.estimator())).append(" vs ").append(md(report.baseline())).append('\n');
            for (ScenarioComparison s : c.scenarios()) {
                appendTable(sb, "Scenario " + md(s.name()) + " (" + md(s.family()) + ", " + s.pairs() + " pairs)", s,
                        report.baseline(), c.estimator());
            }
            appendTable(sb, "Overall: all pairs pooled (" + c.overall().pairs() + " pairs)", c.overall(),
                    report.baseline(), c.estimator());
        }
        return sb.toString();
    }

    /** The method paragraph, shared with the HTML report. */
    public static String method(ComparisonReport report) {
        return "Every estimator ran on the same scenarios and seeds (" + report.seeds().size() + " seed(s)). "
                + "Change: Hodges-Lehmann estimate of B / A - 1 from per-seed log ratios (of B - A where a value "
                + "is 0 or negative): the typical seed's change, not the ratio of the means shown beside it; "
                + "with the 95 % interval that inverts the Wilcoxon signed-rank test; "
                + "p: that test, two-sided, exact up to 50 pairs; p adj.: Benjamini-Hochberg over all "
                + report.tests() + " tests of this report; verdicts at p adj. <= "
                + JsonNumbers.format(PairedComparison.SIGNIFICANCE_LEVEL) + " (false discovery rate 5 %).";
    }

    private static void appendLeaderboard(StringBuilder sb, Leaderboard board) {
        sb.append("\n### ").append(board.group().equals(ComparisonBuilder.OVERALL) ? "All scenarios"
                : "Family " + md(board.group())).append(" (").append(board.calls()).append(" calls each)\n\n");
        sb.append("| rank | estimator |");
        LEADERBOARD_METRICS.forEach(m -> sb.append(' ').append(m).append(" |"));
        sb.append("\n|---:|---|").append("---:|".repeat(LEADERBOARD_METRICS.size())).append('\n');
        for (Leaderboard.Row row : board.rows()) {
            sb.append("| ").append(row.rank()).append(" | ").append(md(row.estimator())).append(" |");
            LEADERBOARD_METRICS.forEach(m -> sb.append(' ').append(ReportFormat.meanWithInterval(row.metric(m)))
                    .append(" |"));
            sb.append('\n');
        }
    }

    private static void appendTable(StringBuilder sb, String title, ScenarioComparison s, String a, String b) {
        sb.append("\n### ").append(title).append("\n\n");
        sb.append("| metric | n | ").append(md(a)).append(" | ").append(md(b))
                .append(" | change | 95% CI | p | p adj. | verdict |\n");
        sb.append("|---|---:|---:|---:|---:|---|---:|---:|---|\n");
        for (MetricComparison m : s.metrics()) {
            sb.append("| ").append(md(m.metric()))
                    .append(" | ").append(m.n())
                    .append(" | ").append(ReportFormat.value(m.baselineMean()))
                    .append(" | ").append(ReportFormat.value(m.candidateMean()))
                    .append(" | ").append(ReportFormat.change(m))
                    .append(" | ").append(ReportFormat.interval(m))
                    .append(" | ").append(ReportFormat.p(m.pValue()))
                    .append(" | ").append(ReportFormat.p(m.pAdjusted()))
                    .append(" | ").append(m.verdict().words())
                    .append(m.note() == null ? "" : " (" + md(m.note()) + ")")
                    .append(" |\n");
        }
    }

    static String md(String s) {
        return s.replace("|", "\\|");
    }
}
