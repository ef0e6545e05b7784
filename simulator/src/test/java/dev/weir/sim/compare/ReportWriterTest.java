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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {
    @TempDir
    Path dir;

    /** gcc vs oracle on 8 seeds: bitrate +20 % on every seed, a drop on one seed, a metric with n = 1. */
    private static ComparisonReport sampleReport() {
        ComparisonBuilder builder = new ComparisonBuilder("gcc", "oracle");
        for (int i = 0; i < 8; i++) {
            Map<String, Object> a = new LinkedHashMap<>();
            Map<String, Object> b = new LinkedHashMap<>();
            a.put("avg_recv_bitrate_bps", 1_000_000.0 + 1000 * i);
            b.put("avg_recv_bitrate_bps", 1_200_000.0 + 1200 * i);
            a.put("connection_drop", false);
            b.put("connection_drop", i == 2);
            a.put("time_to_80pct_capacity_s", i == 0 ? 3.5 : Double.NaN);
            b.put("time_to_80pct_capacity_s", 2.5);
            builder.add("wired \"1\"", 40 + i, a, b);
        }
        return builder.build();
    }

    @Test
    void identicalInputsGiveIdenticalJsonBytes() throws IOException {
        Path first = dir.resolve("first.json");
        Path second = dir.resolve("sub/second.json");
        ReportWriter.writeJson(sampleReport(), first);
        ReportWriter.writeJson(sampleReport(), second);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
        assertEquals(ReportWriter.toJson(sampleReport()), Files.readString(first));
    }

    @Test
    void jsonHasTheDocumentedShapeAndKeyOrder() throws IOException {
        JsonNode root = new ObjectMapper().readTree(ReportWriter.toJson(sampleReport()));
        assertEquals(List.of("estimators", "baseline", "seeds", "significance_level", "method", "scenarios",
                "leaderboards", "comparisons", "samples"), fieldNames(root));
        assertEquals("oracle", root.get("estimators").get(1).asText());
        assertEquals("gcc", root.get("baseline").asText());
        assertEquals(8, root.get("seeds").size());
        assertEquals(6, root.get("method").get("tests").asInt()); // 3 metrics x (1 scenario + overall)
        JsonNode comparison = root.get("comparisons").get(0);
        assertEquals("oracle", comparison.get("estimator").asText());
        JsonNode bitrate = comparison.get("scenarios").get(0).get("metrics").get("avg_recv_bitrate_bps");
        assertEquals(List.of("n", "baseline_mean", "candidate_mean", "scale", "change", "ci95_low", "ci95_high",
                "p_value", "p_method", "p_adjusted", "t_test_p", "direction", "verdict", "note"), fieldNames(bitrate));
        assertEquals("relative", bitrate.get("scale").asText());
        assertEquals(0.2, bitrate.get("change").asDouble(), 1e-9);
        assertEquals(2.0 / 256, bitrate.get("p_value").asDouble(), 1e-12);
        assertEquals("better", bitrate.get("verdict").asText());
        assertEquals(List.of("group", "calls", "rank_by", "rows"), fieldNames(root.get("leaderboards").get(0)));
        assertEquals(1_200_000.0, root.get("samples").get("wired \"1\"").get("oracle").get("avg_recv_bitrate_bps")
                .get(0).asDouble(), 0);
    }

    @Test
    void undefinedValuesAreNullWithAReasonNeverNaN() throws IOException {
        String json = ReportWriter.toJson(sampleReport());
        assertFalse(json.contains("NaN") || json.contains("Infinity"), json);
        JsonNode metrics = new ObjectMapper().readTree(json).get("comparisons").get(0).get("overall").get("metrics");
        JsonNode drop = metrics.get("connection_drop");
        assertEquals("absolute", drop.get("scale").asText());
        assertTrue(drop.get("note").asText().contains("B - A"));
        JsonNode ramp = metrics.get("time_to_80pct_capacity_s");
        assertEquals(1, ramp.get("n").asInt());
        assertTrue(ramp.get("ci95_low").isNull());
        assertEquals("not_significant", ramp.get("verdict").asText());
        assertTrue(ramp.get("note").asText().contains("needs 6 pairs"));
    }

    @Test
    void markdownHasLeaderboardsAndOneTablePerScenarioAndOverall() {
        String md = MarkdownReport.of(sampleReport());
        assertTrue(md.contains("### All scenarios (8 calls each)"), md);
        assertTrue(md.contains("### Scenario wired \"1\" (wired \"1\", 8 pairs)"), md);
        assertTrue(md.contains("### Overall: all pairs pooled (8 pairs)"), md);
        assertTrue(md.contains("| metric | n | gcc | oracle | change | 95% CI | p | p adj. | verdict |"), md);
        assertTrue(md.contains("| avg_recv_bitrate_bps | 8 | 1003500 | 1204200 | +20.0% | [+20.0%, +20.0%] | 0.0078 | 0.023 | better |"),
                md);
    }

    @Test
    void consoleListsOnlySignificantScenarioRowsAndTheWholeOverall() {
        String text = TextReport.of(sampleReport());
        assertTrue(text.contains("scenario wired \"1\" (8 pairs): 1 significant, 2 not"), text);
        assertTrue(text.contains("overall (8 pairs)"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("avg_recv_bitrate_bps") && l.contains("+20.0%")
                && l.contains("better")), text);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
