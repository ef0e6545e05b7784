package dev.weir.sim.gate;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.compare.JsonNumbers;
import dev.weir.sim.compare.MetricComparison;
import dev.weir.sim.compare.ReportFormat;
import dev.weir.sim.compare.ReportJson;
import dev.weir.sim.compare.Scale;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A gate run's report: {@code gate.json} (every test; byte-for-byte deterministic) and
 * {@code gate.md} (the verdict, what regressed by how much with its interval and threshold, what
 * was flagged but not confirmed, improvements beyond the noise). The console gets {@link #summary}.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class GateReport {
    private GateReport() {
    }

    /** The one-paragraph decision rule, shared by report.md and the console. */
    public static String method() {
        return String.format(Locale.ROOT, "Per group (network family, overall) and metric: the candidate's calls paired"
                + " with the baseline's on the same seeds, one-sided Wilcoxon signed-rank test \"the candidate is"
                + " worse\", Benjamini-Hochberg over the run at %s; flagged when also the change in the bad direction"
                + " exceeds %s x the metric's run-to-run noise (the spread of the change between two runs of the same"
                + " variant on other seeds). Flagged tests are repeated on fresh seeds; a regression is one flagged"
                + " twice. Changes are Hodges-Lehmann estimates with 95 %% intervals.",
                percent(RegressionGate.LEVEL), JsonNumbers.format(RegressionGate.THRESHOLD_SIGMAS));
    }

    /** Writes gate.json and gate.md into {@code dir}. */
    public static void write(GateRun run, Path dir) throws IOException {
        AtomicFiles.write(dir.resolve("gate.json"), toJson(run).getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(dir.resolve("gate.md"), markdown(run).getBytes(StandardCharsets.UTF_8));
    }

    /** The verdict in one word: {@code regression} or {@code pass}. */
    public static String verdict(GateRun run) {
        return run.regressed() ? "regression" : "pass";
    }

    /** What the console prints: the verdict, and each confirmed regression and unconfirmed flag in one line. */
    public static String summary(GateRun run) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "gate (%s, %s suite): %s vs %s: %s%n", run.kind(), run.suite(),
                run.candidate(), run.baseline(), run.regressed() ? "REGRESSION" : "pass"));
        for (GateOutcome o : run.outcomes()) {
            sb.append(String.format(Locale.ROOT, "  %s: %d tests, %d flagged, %d confirmed, %d improved beyond the noise%n",
                    o.variant(), o.screen().size(), o.flagged().size(), o.regressions().size(),
                    o.improvements().size()));
            for (GateTest t : o.regressions()) {
                sb.append("    REGRESSION ").append(line(t)).append('\n');
            }
            for (GateTest t : o.flagged()) {
                if (o.regressions().stream().noneMatch(r -> same(r, t))) {
                    sb.append("    flagged, not confirmed: ").append(line(t)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String line(GateTest t) {
        MetricComparison m = t.comparison();
        return String.format(Locale.ROOT, "%s %s: %s -> %s, %s %s, p=%s adj=%s, threshold %s", t.group(), t.metric(),
                ReportFormat.value(m.baselineMean()), ReportFormat.value(m.candidateMean()), ReportFormat.change(m),
                ReportFormat.interval(m), ReportFormat.p(m.pValue()), ReportFormat.p(t.pAdjusted()), threshold(t));
    }

    /** The threshold as the change it stands for: a percentage on the ratio scale, units otherwise. */
    static String threshold(GateTest t) {
        Scale scale = t.comparison().scale();
        if (scale == Scale.RELATIVE) {
            return String.format(Locale.ROOT, "%.1f%%", 100 * Math.expm1(t.threshold()));
        }
        return ReportFormat.value(t.threshold());
    }

    private static boolean same(GateTest a, GateTest b) {
        return a.group().equals(b.group()) && a.metric().equals(b.metric());
    }

    // ---- Markdown ----

    /** gate.md. */
    public static String markdown(GateRun run) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Regression gate (").append(run.kind()).append("): ").append(verdict(run)).append("\n\n");
        sb.append("Baseline `").append(run.baseline()).append("`, candidate `").append(run.candidate())
                .append("`, suite `").append(run.suite()).append("`: ").append(String.join(", ", run.scenarios()))
                .append("; seeds ").append(seeds(run.mainSeeds())).append(", confirmation seeds ")
                .append(seeds(run.confirmSeeds())).append(".\n\n").append(method()).append('\n');
        for (GateOutcome o : run.outcomes()) {
            sb.append("\n## ").append(o.variant()).append(": ")
                    .append(o.regressed() ? o.regressions().size() + " confirmed regression(s)" : "pass")
                    .append("\n\n").append(o.screen().size()).append(" tests, ").append(o.flagged().size())
                    .append(" flagged, ").append(o.regressions().size()).append(" confirmed.\n");
            if (!o.regressions().isEmpty()) {
                sb.append("\n### Confirmed regressions\n\n");
                table(sb, o.regressions(), o.flagged());
            }
            List<GateTest> unconfirmed = o.flagged().stream()
                    .filter(t -> o.regressions().stream().noneMatch(r -> same(r, t))).toList();
            if (!unconfirmed.isEmpty()) {
                sb.append("\n### Flagged on the suite's seeds, not confirmed on fresh seeds\n\n");
                table(sb, unconfirmed, null);
            }
            if (!o.improvements().isEmpty()) {
                sb.append("\n### Improvements beyond the noise (not gated)\n\n")
                        .append("| group | metric | n | baseline | candidate | change [95 % CI] | threshold |\n")
                        .append("|---|---|---|---|---|---|---|\n");
                for (GateTest t : o.improvements()) {
                    MetricComparison m = t.comparison();
                    sb.append("| ").append(t.group()).append(" | ").append(t.metric()).append(" | ").append(m.n())
                            .append(" | ").append(ReportFormat.value(m.baselineMean())).append(" | ")
                            .append(ReportFormat.value(m.candidateMean())).append(" | ")
                            .append(ReportFormat.change(m)).append(' ').append(ReportFormat.interval(m))
                            .append(" | ").append(threshold(t)).append(" |\n");
                }
            }
        }
        return sb.toString();
    }

    /** Rows of {@code tests}; with {@code screened}, each row also shows the screening run it confirms. */
    private static void table(StringBuilder sb, List<GateTest> tests, List<GateTest> screened) {
        sb.append("| group | metric | n | baseline | candidate | change [95 % CI] | p (one-sided) | adjusted | threshold |");
        sb.append(screened == null ? "\n|---|---|---|---|---|---|---|---|---|\n"
                : " screening run: change [95 % CI], adjusted p |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (GateTest t : tests) {
            MetricComparison m = t.comparison();
            sb.append("| ").append(t.group()).append(" | ").append(t.metric()).append(" | ").append(m.n())
                    .append(" | ").append(ReportFormat.value(m.baselineMean())).append(" | ")
                    .append(ReportFormat.value(m.candidateMean())).append(" | ").append(ReportFormat.change(m))
                    .append(' ').append(ReportFormat.interval(m)).append(" | ").append(ReportFormat.p(m.pValue()))
                    .append(" | ").append(ReportFormat.p(t.pAdjusted())).append(" | ").append(threshold(t)).append(" |");
            if (screened != null) {
                GateTest first = screened.stream().filter(s -> same(s, t)).findFirst().orElse(null);
                sb.append(' ').append(first == null ? "-" : ReportFormat.change(first.comparison()) + " "
                        + ReportFormat.interval(first.comparison()) + ", " + ReportFormat.p(first.pAdjusted()))
                        .append(" |");
            }
            sb.append('\n');
        }
    }

    private static String seeds(List<Long> seeds) {
        if (seeds.isEmpty()) {
            return "none";
        }
        long first = seeds.get(0);
        boolean consecutive = true;
        for (int i = 0; i < seeds.size(); i++) {
            consecutive &= seeds.get(i) == first + i;
        }
        return consecutive ? first + "-" + seeds.get(seeds.size() - 1) : seeds.toString();
    }

    private static String percent(double fraction) {
        return JsonNumbers.format(100 * fraction) + " %";
    }

    // ---- JSON ----

    /** gate.json. */
    public static String toJson(GateRun run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = ReportJson.prettyGenerator(bytes)) {
            g.writeStartObject();
            g.writeStringField("kind", run.kind());
            g.writeStringField("verdict", verdict(run));
            g.writeStringField("baseline", run.baseline());
            g.writeStringField("candidate", run.candidate());
            g.writeStringField("suite", run.suite());
            g.writeArrayFieldStart("scenarios");
            for (String s : run.scenarios()) {
                g.writeString(s);
            }
            g.writeEndArray();
            longs(g, "seeds", run.mainSeeds());
            longs(g, "confirmation_seeds", run.confirmSeeds());
            g.writeObjectFieldStart("method");
            g.writeStringField("rule", method());
            ReportJson.number(g, "level", RegressionGate.LEVEL);
            ReportJson.number(g, "threshold_sigmas", RegressionGate.THRESHOLD_SIGMAS);
            g.writeEndObject();
            g.writeArrayFieldStart("variants");
            for (GateOutcome o : run.outcomes()) {
                g.writeStartObject();
                g.writeStringField("name", o.variant());
                g.writeStringField("verdict", o.regressed() ? "regression" : "pass");
                tests(g, "regressions", o.regressions());
                tests(g, "confirmation", o.confirmation());
                tests(g, "tests", o.screen());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8) + "\n";
    }

    private static void tests(JsonGenerator g, String name, List<GateTest> tests) throws IOException {
        g.writeArrayFieldStart(name);
        for (GateTest t : tests) {
            MetricComparison m = t.comparison();
            g.writeStartObject();
            g.writeStringField("group", t.group());
            g.writeStringField("metric", t.metric());
            g.writeStringField("direction", m.direction().jsonName());
            ReportJson.estimate(g, m);
            ReportJson.number(g, "p_one_sided", m.pValue());
            g.writeStringField("p_method", m.pMethod());
            ReportJson.number(g, "p_adjusted", t.pAdjusted());
            ReportJson.number(g, "worsening", t.worsening());
            ReportJson.number(g, "noise_sd", t.noiseSd());
            ReportJson.number(g, "threshold", t.threshold());
            g.writeBooleanField("flagged", t.flagged());
            g.writeBooleanField("improved", t.improved());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void longs(JsonGenerator g, String name, List<Long> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (long v : values) {
            g.writeNumber(v);
        }
        g.writeEndArray();
    }
}
