package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.gate.SuiteResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file {@code ./weir gate worker} writes for a gate running on another revision: the calls'
 * metrics, {@code {"format": "weir-gate-calls/1", "estimator", "calls": [{"scenario", "family",
 * "seed", "metrics": {...}}]}}. A stable, small protocol: a gate of a later revision must read what
 * an earlier revision's worker wrote.
 *
 * <p>Stateless; thread-safe.
 */
final class GateCallsFile {
    static final String FORMAT = "weir-gate-calls/1";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Far above a full suite's calls (18 scenarios x 30 seeds x ~400 bytes). */
    private static final long MAX_BYTES = 64L << 20;

    private GateCallsFile() {
    }

    /** One call's row. */
    record Call(String scenario, String family, long seed, Map<String, Object> metrics) {
    }

    static void write(Path file, String estimator, List<Call> calls) throws IOException {
        ObjectNode root = JSON.createObjectNode().put("format", FORMAT).put("estimator", estimator);
        ArrayNode rows = root.putArray("calls");
        for (Call c : calls) {
            ObjectNode row = rows.addObject().put("scenario", c.scenario()).put("family", c.family()).put("seed", c.seed());
            row.set("metrics", JSON.valueToTree(c.metrics()));
        }
        AtomicFiles.write(file, (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a worker's file into {@code into}; IOException naming the file when it is not one. */
    static void read(Path file, SuiteResults into) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException(file + ": larger than a gate worker writes");
        }
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException(file + ": not a " + FORMAT + " file");
        }
        for (JsonNode row : root.path("calls")) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = row.path("metrics").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                metrics.put(m.getKey(), m.getValue().isBoolean() ? (Object) m.getValue().asBoolean()
                        : (Object) m.getValue().asDouble());
            }
            into.add(row.path("scenario").asText(), row.path("family").asText(), row.path("seed").asLong(), metrics);
        }
    }
}
