package dev.weir.sim.scenario;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed JSON document that remembers the line of every field and array element, so errors can
 * say "line 7: link.capacity.steps[1].kbps". Paths use dots for fields and {@code [i]} for array
 * elements; the root is the empty path. Duplicate keys and trailing content are rejected.
 *
 * <p>Immutable and thread-safe as long as callers treat {@link #root()} as read-only (it is never
 * modified here).
 */
public final class LocatedJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final JsonNode root;
    private final Map<String, Integer> lines;
    private final String source;

    private LocatedJson(JsonNode root, Map<String, Integer> lines, String source) {
        this.root = root;
        this.lines = lines;
        this.source = source;
    }

    /**
     * Parses {@code json}; {@code source} names it in errors.
     *
     * @throws ScenarioException with line and column when the text is not one well-formed JSON value
     */
    public static LocatedJson parse(String json, String source) {
        try {
            JsonNode root = MAPPER.readTree(json);
            if (root == null || root.isMissingNode()) {
                throw new ScenarioException(source, "empty document: expected a JSON object");
            }
            Map<String, Integer> lines = new HashMap<>();
            try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
                index(parser, parser.nextToken(), "", lines);
            }
            return new LocatedJson(root, Map.copyOf(lines), source);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() != null
                    ? "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": "
                    : "";
            throw new ScenarioException(source, where + "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ScenarioException(source, "cannot read JSON: " + e);
        }
    }

    /** The document's root value (read-only). */
    public JsonNode root() {
        return root;
    }

    /** The name given to {@link #parse}. */
    public String source() {
        return source;
    }

    /**
     * The 1-based line where {@code path} starts, or of its nearest enclosing value present in the
     * document (a missing field reports its parent's line); 0 only for an empty document.
     */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
            p = parentOf(p);
        }
    }

    /** The path of a child field: {@code join("link", "capacity")} is {@code "link.capacity"}. */
    public static String join(String parentPath, String field) {
        return parentPath.isEmpty() ? field : parentPath + "." + field;
    }

    /** The path of an array element: {@code element("steps", 1)} is {@code "steps[1]"}. */
    public static String element(String arrayPath, int index) {
        return arrayPath + "[" + index + "]";
    }

    private static String parentOf(String path) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        return cut < 0 ? "" : path.substring(0, cut);
    }

    /** Records the start line of the value at {@code path} and of everything inside it. */
    private static void index(JsonParser parser, JsonToken token, String path, Map<String, Integer> lines)
            throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        if (token == JsonToken.START_OBJECT) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String child = join(path, parser.currentName());
                lines.put(child, parser.currentTokenLocation().getLineNr());
                index(parser, parser.nextToken(), child, lines);
            }
        } else if (token == JsonToken.START_ARRAY) {
            int i = 0;
            JsonToken next;
            while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                index(parser, next, element(path, i++), lines);
            }
        }
    }
}
