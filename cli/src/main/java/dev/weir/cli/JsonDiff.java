package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weir.bwe.config.SettingsJson;
import java.io.PrintWriter;
import java.util.TreeSet;

/** Field-by-field differences of two JSON documents, one line per changed leaf (for {@code bundle diff}). */
final class JsonDiff {
    private JsonDiff() {
    }

    static void print(PrintWriter out, String name, String left, String right) {
        try {
            diff(out, name, SettingsJson.mapper().readTree(left), SettingsJson.mapper().readTree(right));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("settings written by weir did not parse back", e);
        }
    }

    private static void diff(PrintWriter out, String path, JsonNode left, JsonNode right) {
        if (left != null && right != null && left.isObject() && right.isObject()) {
            TreeSet<String> names = new TreeSet<>();
            left.fieldNames().forEachRemaining(names::add);
            right.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                diff(out, path + "." + field, left.get(field), right.get(field));
            }
        } else if (left == null || right == null || !left.equals(right)) {
            out.printf("%s: %s -> %s%n", path, left == null ? "(absent)" : left, right == null ? "(absent)" : right);
        }
    }
}
