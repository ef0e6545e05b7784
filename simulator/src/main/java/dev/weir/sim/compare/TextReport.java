package dev.weir.sim.compare;

import java.util.Locale;

/**
 * The console summary: leaderboards, then per candidate the pooled comparison in full and, per
 * scenario, only the significant metrics. Numbers print exactly as in report.md.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class TextReport {
    private TextReport() {
    }

    /** The summary text, lines ending in '\n'. */
    public static String of(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("Comparison: ").append(String.join(", ", report.estimators())).append("  baseline=")
                .append(report.baseline()).append("  seeds=").append(report.seeds().size()).append("  tests=")
                .append(report.tests()).append(" (Benjamini-Hochberg, FDR 5 %)\n");
        for (Leaderboard board : report.leaderboards()) {
            sb.append(String.format(Locale.ROOT, "leaderboard %s (%d calls each)%n", board.group(), board.calls()));
            for (Leaderboard.Row row : board.rows()) {
                sb.append(String.format(Locale.ROOT, "  %2d %-16s quality %-22s freeze%% %-22s delay p95 %s%n",
                        row.rank(), row.estimator(),
                        ReportFormat.meanWithInterval(row.metric(Leaderboard.RANK_METRIC)),
                        ReportFormat.meanWithInterval(row.metric("freeze_pct")),
                        ReportFormat.meanWithInterval(row.metric("delay_p95_ms"))));
            }
        }
        for (EstimatorComparison c : report.comparisons()) {
            sb.append(c.estimator()).append(" vs ").append(report.baseline()).append('\n');
            for (ScenarioComparison s : c.scenarios()) {
                int hidden = 0;
                StringBuilder lines = new StringBuilder();
                for (MetricComparison m : s.metrics()) {
                    if (m.verdict() == Verdict.NOT_SIGNIFICANT || m.verdict() == Verdict.UNDETERMINED) {
                        hidden++;
                    } else {
                        line(lines, m);
                    }
                }
                sb.append("  scenario ").append(s.name()).append(" (").append(s.pairs()).append(" pairs): ")
                        .append(s.metrics().size() - hidden).append(" significant, ").append(hidden)
                        .append(" not\n").append(lines);
            }
            sb.append("  overall (").append(c.overall().pairs()).append(" pairs)\n");
            c.overall().metrics().forEach(m -> line(sb, m));
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, MetricComparison m) {
        sb.append(String.format(Locale.ROOT, "    %-26s %-10s %-10s %-9s %-20s p=%-8s adj=%-8s %s%n", m.metric(),
                ReportFormat.value(m.baselineMean()), ReportFormat.value(m.candidateMean()), ReportFormat.change(m),
                ReportFormat.interval(m), ReportFormat.p(m.pValue()), ReportFormat.p(m.pAdjusted()),
                m.verdict().words()));
    }
}
