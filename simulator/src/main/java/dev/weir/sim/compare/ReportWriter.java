package dev.weir.sim.compare;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.weir.bwe.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders a {@link ComparisonReport} as JSON (machine-readable, byte-for-byte deterministic),
 * Markdown (for result files) and plain text (for the console).
 *
 * <p>JSON shape: {@code {"a", "b", "seeds", "significance_level", "scenarios": [{"name", "pairs",
 * "metrics": {METRIC: {...}}}], "overall": {"pairs", "metrics": {...}}}} where each metric holds
 * {@code a_mean, b_mean, rel_change, ci95_low, ci95_high, p_value, n, diff_mean, diff_ci95_low,
 * diff_ci95_high, direction, verdict, note}. Keys are always present and in this order; values
 * that cannot be computed are {@code null} and {@code note} says why. Numbers use
 * {@link JsonNumbers#format}; lines end in '\n'; files are UTF-8 and written atomically.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class ReportWriter {
    private static final JsonFactory JSON = new JsonFactory();

    private ReportWriter() {
    }

    /** Writes the report as JSON to {@code out} atomically (temporary file, then move). */
    public static void writeJson(ComparisonReport report, Path out) throws IOException {
        AtomicFiles.write(out, stream -> writeJson(report, stream));
    }

    /** The JSON document as a string (same bytes as {@link #writeJson(ComparisonReport, Path)}). */
    public static String toJson(ComparisonReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeJson(report, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Writes the report as Markdown tables to {@code out} atomically. */
    public static void writeMarkdown(ComparisonReport report, Path out) throws IOException {
        AtomicFiles.write(out, toMarkdown(report).getBytes(StandardCharsets.UTF_8));
    }

    /** The report as Markdown: one table per scenario, then the overall table. */
    public static String toMarkdown(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("# A/B comparison: ").append(md(report.aName())).append(" (A) vs ")
                .append(md(report.bName())).append(" (B)\n\n");
        sb.append("Paired over ").append(report.seeds()).append(" seed(s). Change = (B - A) / A;"
                + " 95% CI by the delta method; p from a paired t-test; verdict at p < ")
                .append(JsonNumbers.format(PairedComparison.SIGNIFICANCE_LEVEL)).append(".\n");
        for (ScenarioComparison s : report.scenarios()) {
            appendMarkdownTable(sb, "Scenario " + md(s.name()), s, report);
        }
        appendMarkdownTable(sb, "Overall: all pairs pooled", report.overall(), report);
        return sb.toString();
    }

    /** The report as aligned console text, one line per metric, e.g.
     * {@code freeze_pct  a=2.31  b=0.58  -0.750 +/- 0.180 (p=0.001) better}. */
    public static String toText(ComparisonReport report) {
        StringBuilder sb = new StringBuilder();
        sb.append("A/B comparison: a=").append(report.aName()).append("  b=")
                .append(report.bName()).append("  seeds=").append(report.seeds()).append('\n');
        for (ScenarioComparison s : report.scenarios()) {
            appendTextBlock(sb, "scenario " + s.name(), s);
        }
        appendTextBlock(sb, "overall", report.overall());
        return sb.toString();
    }

    // ---- JSON -------------------------------------------------------------------------------

    private static void writeJson(ComparisonReport report, OutputStream out) throws IOException {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        // "key": value (no space before the colon), two-space indent, '\n' on every platform.
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.setPrettyPrinter(printer);
            g.writeStartObject();
            g.writeStringField("a", report.aName());
            g.writeStringField("b", report.bName());
            g.writeNumberField("seeds", report.seeds());
            g.writeFieldName("significance_level");
            g.writeNumber(JsonNumbers.format(PairedComparison.SIGNIFICANCE_LEVEL));
            g.writeArrayFieldStart("scenarios");
            for (ScenarioComparison s : report.scenarios()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                writeGroupBody(g, s);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("overall");
            writeGroupBody(g, report.overall());
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeGroupBody(JsonGenerator g, ScenarioComparison s) throws IOException {
        g.writeNumberField("pairs", s.pairs());
        g.writeObjectFieldStart("metrics");
        for (MetricComparison m : s.metrics()) {
            g.writeObjectFieldStart(m.metric());
            number(g, "a_mean", m.aMean());
            number(g, "b_mean", m.bMean());
            number(g, "rel_change", m.relChange());
            number(g, "ci95_low", m.ci95Low());
            number(g, "ci95_high", m.ci95High());
            number(g, "p_value", m.pValue());
            g.writeNumberField("n", m.n());
            number(g, "diff_mean", m.diffMean());
            number(g, "diff_ci95_low", m.diffCi95Low());
            number(g, "diff_ci95_high", m.diffCi95High());
            g.writeStringField("direction", m.direction().jsonName());
            g.writeStringField("verdict", m.verdict().jsonName());
            g.writeStringField("note", m.note());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** Writes a number, or null when absent or not finite (JSON has no NaN/Infinity). */
    private static void number(JsonGenerator g, String field, Double value) throws IOException {
        g.writeFieldName(field);
        if (value == null || !Double.isFinite(value)) {
            g.writeNull();
        } else {
            g.writeNumber(JsonNumbers.format(value));
        }
    }

    // ---- Markdown ---------------------------------------------------------------------------

    private static void appendMarkdownTable(StringBuilder sb, String title, ScenarioComparison s,
            ComparisonReport report) {
        sb.append("\n## ").append(title).append(" (").append(s.pairs()).append(" pairs)\n\n");
        sb.append("| metric | n | ").append(md(report.aName())).append(" | ")
                .append(md(report.bName())).append(" | change | 95% CI | p | verdict |\n");
        sb.append("|---|---:|---:|---:|---:|---|---:|---|\n");
        for (MetricComparison m : s.metrics()) {
            sb.append("| ").append(md(m.metric()))
                    .append(" | ").append(m.n())
                    .append(" | ").append(display(m.aMean()))
                    .append(" | ").append(display(m.bMean()))
                    .append(" | ").append(percent(m.relChange()))
                    .append(" | ").append(m.ci95Low() == null ? "-"
                            : "[" + percent(m.ci95Low()) + ", " + percent(m.ci95High()) + "]")
                    .append(" | ").append(pValue(m.pValue()))
                    .append(" | ").append(verdictWord(m))
                    .append(m.note() == null ? "" : " (" + md(m.note()) + ")")
                    .append(" |\n");
        }
    }

    // ---- Text -------------------------------------------------------------------------------

    private static void appendTextBlock(StringBuilder sb, String title, ScenarioComparison s) {
        sb.append(title).append(" (").append(s.pairs()).append(" pairs)\n");
        for (MetricComparison m : s.metrics()) {
            String change;
            if (m.relChange() == null) {
                change = m.diffMean() == null ? "n/a" : "diff " + signed(m.diffMean())
                        + (m.diffCi95Low() == null ? ""
                                : " +/- " + display(halfWidth(m.diffCi95Low(), m.diffCi95High())));
            } else {
                change = String.format(Locale.ROOT, "%+.3f", m.relChange())
                        + (m.ci95Low() == null ? ""
                                : String.format(Locale.ROOT, " +/- %.3f",
                                        halfWidth(m.ci95Low(), m.ci95High())));
            }
            String p = pValue(m.pValue());
            sb.append(String.format(Locale.ROOT, "  %-26s a=%-10s b=%-10s %-22s (p%s) %s\n",
                    m.metric(), display(m.aMean()), display(m.bMean()), change,
                    p.startsWith("<") ? p : "=" + p, verdictWord(m)));
        }
    }

    // ---- Shared formatting ------------------------------------------------------------------

    private static double halfWidth(double low, double high) {
        return (high - low) / 2;
    }

    /** Human-scale number: integers above 1000, 2 decimals above 1, 3 significant digits below. */
    private static String display(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + display(v);
    }

    private static String percent(Double fraction) {
        return fraction == null ? "-" : String.format(Locale.ROOT, "%+.1f%%", 100 * fraction);
    }

    private static String pValue(Double p) {
        if (p == null) {
            return "-";
        }
        return p < 0.001 ? "<0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static String verdictWord(MetricComparison m) {
        switch (m.verdict()) {
            case NOT_SIGNIFICANT:
                return "n.s.";
            case UNDETERMINED:
                return "n<2";
            default:
                return m.verdict().jsonName();
        }
    }

    private static String md(String s) {
        return s.replace("|", "\\|");
    }
}
