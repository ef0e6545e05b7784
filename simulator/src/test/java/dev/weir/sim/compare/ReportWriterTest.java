package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    private static final double[] A5 = {10, 12, 9, 11, 8};
    private static final double[] B5 = {8, 10, 8, 9, 5};

    @TempDir
    Path dir;

    /** The hand-computed 5-pair example plus edge cases: a zero baseline and a one-pair metric. */
    private static ComparisonReport sampleReport() {
        ComparisonBuilder builder = new ComparisonBuilder("gcc", "oracle");
        for (int i = 0; i < 5; i++) {
            Map<String, Object> a = new LinkedHashMap<>();
            Map<String, Object> b = new LinkedHashMap<>();
            a.put("avg_recv_bitrate_bps", 1_000_000.0 + 1000 * i);
            b.put("avg_recv_bitrate_bps", 1_200_000.0 + 1500 * i);
            a.put("freeze_pct", A5[i]);
            b.put("freeze_pct", B5[i]);
            a.put("connection_drop", false);
            b.put("connection_drop", i == 2);
            a.put("time_to_80pct_capacity_s", i == 0 ? 3.5 : Double.NaN);
            b.put("time_to_80pct_capacity_s", 2.5);
            builder.add("wired \"1\"", 40 + i, a, b);
        }
        return builder.build();
    }

    @Test
    void identicalInputsShouldGiveIdenticalJsonBytes() throws IOException {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("sub/second.json");
        ReportWriter.writeJson(sampleReport(), first);
        ReportWriter.writeJson(sampleReport(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(ReportWriter.toJson(sampleReport()), Files.readString(first));
    }

    @Test
    void jsonShouldHaveTheDocumentedShapeAndKeyOrder() throws IOException {
        Path out = dir.resolve("report.json");
        ReportWriter.writeJson(sampleReport(), out);
        JsonNode root = new ObjectMapper().readTree(out.toFile());
        assertEquals(List.of("a", "b", "seeds", "significance_level", "scenarios", "overall"),
                fieldNames(root));
        assertEquals("gcc", root.get("a").asText());
        assertEquals("oracle", root.get("b").asText());
        assertEquals(5, root.get("seeds").asInt());
        JsonNode scenario = root.get("scenarios").get(0);
        assertEquals("wired \"1\"", scenario.get("name").asText());
        JsonNode freeze = scenario.get("metrics").get("freeze_pct");
        assertEquals(List.of("a_mean", "b_mean", "rel_change", "ci95_low", "ci95_high", "p_value",
                "n", "diff_mean", "diff_ci95_low", "diff_ci95_high", "direction", "verdict", "note"),
                fieldNames(freeze));
        assertEquals(10.0, freeze.get("a_mean").asDouble(), 0);
        assertEquals(8.0, freeze.get("b_mean").asDouble(), 0);
        assertEquals(-0.2, freeze.get("rel_change").asDouble(), 1e-9);
        assertEquals(-0.3038851, freeze.get("ci95_low").asDouble(), 1e-7);
        assertEquals(-0.0961149, freeze.get("ci95_high").asDouble(), 1e-7);
        assertEquals(0.0031982, freeze.get("p_value").asDouble(), 1e-7);
        assertEquals("lower_is_better", freeze.get("direction").asText());
        assertEquals("better", freeze.get("verdict").asText());
        assertTrue(freeze.get("note").isNull());
        assertEquals(List.of("avg_recv_bitrate_bps", "freeze_pct", "connection_drop",
                "time_to_80pct_capacity_s"), fieldNames(scenario.get("metrics")));
        assertEquals(List.of("pairs", "metrics"), fieldNames(root.get("overall")));
    }

    @Test
    void undefinedValuesShouldBeNullWithAReasonNeverNaN() throws IOException {
        String json = ReportWriter.toJson(sampleReport());
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        JsonNode metrics = new ObjectMapper().readTree(json).get("overall").get("metrics");
        JsonNode drop = metrics.get("connection_drop");
        assertTrue(drop.get("rel_change").isNull());
        assertTrue(drop.get("ci95_low").isNull());
        assertEquals(0.2, drop.get("b_mean").asDouble(), 1e-12);
        assertTrue(drop.get("note").asText().contains("a_mean is 0"));
        JsonNode ramp = metrics.get("time_to_80pct_capacity_s");
        assertEquals(1, ramp.get("n").asInt());
        assertTrue(ramp.get("p_value").isNull());
        assertEquals("undetermined", ramp.get("verdict").asText());
        assertTrue(ramp.get("note").asText().contains("n < 2"));
    }

    @Test
    void writingShouldReplaceAnExistingFileAndLeaveNoTemporaryFiles() throws IOException {
        Path out = dir.resolve("report.json");
        Files.writeString(out, "old");
        ReportWriter.writeJson(sampleReport(), out);
        ReportWriter.writeMarkdown(sampleReport(), dir.resolve("report.md"));
        assertTrue(Files.readString(out).startsWith("{"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("report.json", "report.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void textShouldShowMeansRelativeChangeHalfWidthPAndVerdict() {
        String text = ReportWriter.toText(sampleReport());
        String freezeLine = text.lines().filter(l -> l.trim().startsWith("freeze_pct"))
                .findFirst().orElseThrow();
        assertTrue(freezeLine.matches(
                "\\s*freeze_pct\\s+a=10\\.00\\s+b=8\\.00\\s+-0\\.200 \\+/- 0\\.104\\s+\\(p=0\\.003\\) better"),
                freezeLine);
        String dropLine = text.lines().filter(l -> l.trim().startsWith("connection_drop"))
                .findFirst().orElseThrow();
        assertTrue(dropLine.contains("diff +0.200"), dropLine);
        assertTrue(text.contains("overall (5 pairs)"), text);
    }

    @Test
    void markdownShouldHaveOneTablePerScenarioAndOverall() {
        String md = ReportWriter.toMarkdown(sampleReport());
        assertTrue(md.contains("## Scenario wired \"1\" (5 pairs)"), md);
        assertTrue(md.contains("## Overall: all pairs pooled (5 pairs)"), md);
        assertTrue(md.contains("| metric | n | gcc | oracle | change | 95% CI | p | verdict |"), md);
        assertTrue(md.contains("| freeze_pct | 5 | 10.00 | 8.00 | -20.0% | [-30.4%, -9.6%] | 0.003 | better |"),
                md);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
