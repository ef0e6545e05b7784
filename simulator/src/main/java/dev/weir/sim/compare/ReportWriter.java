package dev.weir.sim.compare;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.weir.bwe.util.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link ComparisonReport} as report.json: machine-readable and byte-for-byte
 * deterministic (fixed key order, {@link JsonNumbers#format}, '\n' line ends, UTF-8, atomic).
 *
 * <p>Shape: {@code {"estimators", "baseline", "seeds", "significance_level", "method": {"test",
 * "interval", "correction", "tests"}, "scenarios": [{"name", "family"}], "leaderboards": [{"group",
 * "calls", "rank_by", "rows": [{"rank", "estimator", "metrics": {METRIC: {"n", "mean", "ci95_low",
 * "ci95_high"}}}]}], "comparisons": [{"estimator", "scenarios": [{"name", "family", "pairs",
 * "metrics": {METRIC: CELL}}], "overall": {"pairs", "metrics"}}], "samples": {SCENARIO: {ESTIMATOR:
 * {METRIC: [value per seed]}}}}} where CELL is {@code n, baseline_mean, candidate_mean, scale,
 * change, ci95_low, ci95_high, p_value, p_method, p_adjusted, t_test_p, direction, verdict, note}.
 * Keys are always present; what cannot be computed is {@code null} and {@code note} says why.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class ReportWriter {

    private ReportWriter() {
    }

    /** Writes the report as JSON to {@code out} atomically. */
    public static void writeJson(ComparisonReport report, Path out) throws IOException {
        AtomicFiles.write(out, stream -> writeJson(report, stream));
    }

    /** The JSON document as a string (the bytes {@link #writeJson(ComparisonReport, Path)} writes). */
    public static String toJson(ComparisonReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            writeJson(report, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static void writeJson(ComparisonReport report, OutputStream out) throws IOException {
        try (JsonGenerator g = ReportJson.prettyGenerator(out)) {
            g.writeStartObject();
            g.writeArrayFieldStart("estimators");
            for (String e : report.estimators()) {
                g.writeString(e);
            }
            g.writeEndArray();
            g.writeStringField("baseline", report.baseline());
            g.writeArrayFieldStart("seeds");
            for (long seed : report.seeds()) {
                g.writeNumber(seed);
            }
            g.writeEndArray();
            ReportJson.number(g, "significance_level", PairedComparison.SIGNIFICANCE_LEVEL);
            writeMethod(g, report);
            g.writeArrayFieldStart("scenarios");
            for (Map.Entry<String, String> s : report.scenarios().entrySet()) {
                g.writeStartObject();
                g.writeStringField("name", s.getKey());
                g.writeStringField("family", s.getValue());
                g.writeEndObject();
            }
            g.writeEndArray();
            writeLeaderboards(g, report);
            writeComparisons(g, report);
            writeSamples(g, report);
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeMethod(JsonGenerator g, ComparisonReport report) throws IOException {
        g.writeObjectFieldStart("method");
        g.writeStringField("test", "wilcoxon signed-rank, two-sided, on log ratios (differences where a value <= 0);"
                + " exact up to " + SignedRankDistribution.MAX_EXACT_N + " non-zero differences");
        g.writeStringField("interval", "hodges-lehmann, inverting the signed-rank test, 95 %");
        g.writeStringField("correction", "benjamini-hochberg over every test of the report");
        g.writeNumberField("tests", report.tests());
        g.writeEndObject();
    }

    private static void writeLeaderboards(JsonGenerator g, ComparisonReport report) throws IOException {
        g.writeArrayFieldStart("leaderboards");
        for (Leaderboard board : report.leaderboards()) {
            g.writeStartObject();
            g.writeStringField("group", board.group());
            g.writeNumberField("calls", board.calls());
            g.writeStringField("rank_by", Leaderboard.RANK_METRIC);
            g.writeArrayFieldStart("rows");
            for (Leaderboard.Row row : board.rows()) {
                g.writeStartObject();
                g.writeNumberField("rank", row.rank());
                g.writeStringField("estimator", row.estimator());
                g.writeObjectFieldStart("metrics");
                for (Leaderboard.MetricSummary s : row.metrics()) {
                    g.writeObjectFieldStart(s.metric());
                    g.writeNumberField("n", s.n());
                    ReportJson.number(g, "mean", s.mean());
                    ReportJson.number(g, "ci95_low", s.ci95Low());
                    ReportJson.number(g, "ci95_high", s.ci95High());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeComparisons(JsonGenerator g, ComparisonReport report) throws IOException {
        g.writeArrayFieldStart("comparisons");
        for (EstimatorComparison c : report.comparisons()) {
            g.writeStartObject();
            g.writeStringField("estimator", c.estimator());
            g.writeArrayFieldStart("scenarios");
            for (ScenarioComparison s : c.scenarios()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("family", s.family());
                writeGroupBody(g, s);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("overall");
            writeGroupBody(g, c.overall());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeGroupBody(JsonGenerator g, ScenarioComparison s) throws IOException {
        g.writeNumberField("pairs", s.pairs());
        g.writeObjectFieldStart("metrics");
        for (MetricComparison m : s.metrics()) {
            g.writeObjectFieldStart(m.metric());
            ReportJson.estimate(g, m);
            ReportJson.number(g, "p_value", m.pValue());
            g.writeStringField("p_method", m.pMethod());
            ReportJson.number(g, "p_adjusted", m.pAdjusted());
            ReportJson.number(g, "t_test_p", m.tTestP());
            g.writeStringField("direction", m.direction().jsonName());
            g.writeStringField("verdict", m.verdict().jsonName());
            g.writeStringField("note", m.note());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeSamples(JsonGenerator g, ComparisonReport report) throws IOException {
        g.writeObjectFieldStart("samples");
        for (Map.Entry<String, Map<String, Map<String, double[]>>> s : report.samples().entrySet()) {
            g.writeObjectFieldStart(s.getKey());
            for (Map.Entry<String, Map<String, double[]>> e : s.getValue().entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                for (Map.Entry<String, double[]> m : e.getValue().entrySet()) {
                    g.writeArrayFieldStart(m.getKey());
                    for (double v : m.getValue()) {
                        if (Double.isFinite(v)) {
                            g.writeNumber(JsonNumbers.format(v));
                        } else {
                            g.writeNull();
                        }
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
