package dev.weir.sim.scenario;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed JSON document that remembers the line of every field and array element, so errors can
 * say "line 7: link.capacity.steps[1].kbps". Paths use dots for fields and {@code [i]} for array
 * elements; the root is the empty path. Duplicate keys and trailing content are rejected.
 *
 * <p>The tree is Jackson's {@link JsonNode}, built in one pass straight from the streaming parser
 * (the nodes an {@code ObjectMapper.readTree} gives, ints as int/long/big-integer nodes, other
 * numbers as double nodes): a command that only reads scenarios never starts Jackson's object
 * mapper, whose initialisation cost more than reading the whole scenario library.
 *
 * <p>Immutable and thread-safe as long as callers treat {@link #root()} as read-only (it is never
 * modified here).
 */
public final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

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
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new ScenarioException(source, "empty document: expected a JSON object");
            }
            Map<String, Integer> lines = new HashMap<>();
            JsonNode root = read(parser, first, "", lines);
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw new JsonParseException(parser, "Trailing token (of type " + trailing
                        + ") found after the document's value: not allowed");
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

    /**
     * Reads the value starting at {@code token} (the parser's current token) into a node, and
     * records the start line of the value at {@code path} and of everything inside it (a field's
     * line is that of its name).
     */
    private static JsonNode read(JsonParser parser, JsonToken token, String path, Map<String, Integer> lines)
            throws IOException {
        lines.putIfAbsent(path, parser.currentTokenLocation().getLineNr());
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    String child = join(path, name);
                    lines.put(child, parser.currentTokenLocation().getLineNr());
                    object.set(name, read(parser, parser.nextToken(), child, lines));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                int i = 0;
                JsonToken next;
                while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, next, element(path, i++), lines));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(parser.getDecimalValue()) : NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE -> {
                return NODES.booleanNode(true);
            }
            case VALUE_FALSE -> {
                return NODES.booleanNode(false);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected token " + token);
        }
    }
}
