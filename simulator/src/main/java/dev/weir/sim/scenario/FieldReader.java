package dev.weir.sim.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the fields of one JSON object of a {@link LocatedJson}, validating each value and recording
 * every problem (rather than stopping at the first) as {@code "line N: path = given: expected ..."}.
 * Problems go to a list shared by all readers of one document; the caller throws a
 * {@link ScenarioException} with them once everything has been read.
 *
 * <p>A reader for a missing or non-object value reads nothing: its getters return the default (or
 * NaN/null for required values) without further problems, since the parent's problem says it all.
 *
 * <p>Not thread-safe: one instance per document being read.
 */
public final class FieldReader {
    private final LocatedJson document;
    private final JsonNode node;
    private final String path;
    private final List<String> problems;

    private FieldReader(LocatedJson document, JsonNode node, String path, List<String> problems) {
        this.document = document;
        this.node = node != null && node.isObject() ? node : null;
        this.path = path;
        this.problems = problems;
    }

    /** A reader for the document's root, which must be an object. */
    public static FieldReader root(LocatedJson document, List<String> problems) {
        JsonNode root = document.root();
        if (!root.isObject()) {
            problems.add("line " + document.lineOf("") + ": the document is " + describe(root)
                    + ": expected a JSON object");
        }
        return new FieldReader(document, root, "", problems);
    }

    /** This object's path ({@code ""} for the root). */
    public String path() {
        return path;
    }

    /** Whether this object exists (was present and an object). */
    public boolean isPresent() {
        return node != null;
    }

    /** Whether {@code field} is present (even if null or invalid). */
    public boolean has(String field) {
        return node != null && node.has(field);
    }

    /** Reports every field not in {@code known}, listing the known ones. */
    public void allowOnly(String... known) {
        if (node == null) {
            return;
        }
        List<String> knownList = Arrays.asList(known);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!knownList.contains(name)) {
                String fieldPath = LocatedJson.join(path, name);
                problems.add("line " + document.lineOf(fieldPath) + ": " + fieldPath
                        + ": unknown field; expected one of " + knownList);
            }
        }
    }

    /** A required number in {@code [min, max]}; NaN (and a problem) when missing or invalid. */
    public double number(String field, double min, double max, String unit) {
        return readNumber(field, Double.NaN, true, min, max, unit);
    }

    /** An optional number in {@code [min, max]}, {@code defaultValue} when absent. */
    public double number(String field, double defaultValue, double min, double max, String unit) {
        return readNumber(field, defaultValue, false, min, max, unit);
    }

    /** An optional whole number in {@code [min, max]}, {@code defaultValue} when absent or invalid. */
    public int wholeNumber(String field, int defaultValue, int min, int max, String unit) {
        double value = readNumber(field, defaultValue, false, min, max, unit);
        if (Double.isNaN(value)) {
            return defaultValue;
        }
        if (value != Math.rint(value)) {
            problem(field, node.get(field), "a whole number in [" + min + ", " + max + "] " + unit);
            return defaultValue;
        }
        return (int) value;
    }

    /** An optional boolean, {@code defaultValue} when absent or invalid. */
    public boolean bool(String field, boolean defaultValue) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isBoolean()) {
            problem(field, value, "true or false");
            return defaultValue;
        }
        return value.booleanValue();
    }

    /**
     * A string; required when {@code defaultValue} is null (then null and a problem when missing).
     * Non-null results are non-empty.
     */
    public String text(String field, String defaultValue) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            if (defaultValue == null && node != null) {
                missing(field, "a non-empty string");
            }
            return defaultValue;
        }
        if (!value.isTextual() || value.textValue().isBlank()) {
            problem(field, value, "a non-empty string");
            return defaultValue;
        }
        return value.textValue();
    }

    /** A string that must be one of {@code allowed}; required when {@code defaultValue} is null. */
    public String choice(String field, String defaultValue, String... allowed) {
        if (node != null && !node.has(field) && defaultValue == null) {
            missing(field, "one of " + Arrays.toString(allowed));
            return null;
        }
        String value = text(field, defaultValue);
        if (value != null && !Arrays.asList(allowed).contains(value)) {
            problem(field, node.get(field), "one of " + Arrays.toString(allowed));
            return null;
        }
        return value;
    }

    /** A nested object; a missing one is a problem only when {@code required}. */
    public FieldReader object(String field, boolean required) {
        JsonNode value = node == null ? null : node.get(field);
        String fieldPath = LocatedJson.join(path, field);
        if (value == null) {
            if (required && node != null) {
                missing(field, "an object");
            }
        } else if (!value.isObject()) {
            problem(field, value, "an object");
        }
        return new FieldReader(document, value, fieldPath, problems);
    }

    /** A required non-empty array of objects, one reader per element (invalid elements reported). */
    public List<FieldReader> objects(String field) {
        List<FieldReader> elements = new ArrayList<>();
        JsonNode value = node == null ? null : node.get(field);
        if (node == null) {
            return elements;
        }
        if (value == null) {
            missing(field, "a non-empty array of objects");
        } else if (!value.isArray() || value.isEmpty()) {
            problem(field, value, "a non-empty array of objects");
        } else {
            String arrayPath = LocatedJson.join(path, field);
            for (int i = 0; i < value.size(); i++) {
                String elementPath = LocatedJson.element(arrayPath, i);
                if (!value.get(i).isObject()) {
                    problems.add("line " + document.lineOf(elementPath) + ": " + elementPath + " = "
                            + describe(value.get(i)) + ": expected an object");
                }
                elements.add(new FieldReader(document, value.get(i), elementPath, problems));
            }
        }
        return elements;
    }

    /** Records that {@code field} (present or not) holds {@code given} where {@code expected} was due. */
    public void problem(String field, JsonNode given, String expected) {
        add(field, given, "expected " + expected);
    }

    /** Records that the value of {@code field} cannot be used, for a reason stated in full. */
    public void unusable(String field, String reason) {
        add(field, node == null ? null : node.get(field), reason);
    }

    /** Records that the value of {@code field} (looked up here) is not {@code expected}. */
    public void invalid(String field, String expected) {
        problem(field, node == null ? null : node.get(field), expected);
    }

    /** Records a problem about this object as a whole (e.g. two fields that contradict each other). */
    public void problem(String message) {
        problems.add("line " + document.lineOf(path) + ": " + (path.isEmpty() ? "scenario" : path) + ": " + message);
    }

    /** The line of {@code field} (or of this object if absent). */
    public int lineOf(String field) {
        return document.lineOf(LocatedJson.join(path, field));
    }

    private double readNumber(String field, double defaultValue, boolean required, double min, double max,
            String unit) {
        String expected = "a number in [" + Units.format(min) + ", " + Units.format(max) + "]" + (unit.isEmpty() ? "" : " " + unit);
        JsonNode value = node == null ? null : node.get(field);
        if (value == null) {
            if (required && node != null) {
                missing(field, expected);
            }
            return required ? Double.NaN : defaultValue;
        }
        if (!value.isNumber() || !(value.doubleValue() >= min && value.doubleValue() <= max)) {
            problem(field, value, expected);
            return Double.NaN;
        }
        return value.doubleValue();
    }

    private void add(String field, JsonNode given, String text) {
        String fieldPath = LocatedJson.join(path, field);
        String value = given == null ? " is missing" : " = " + describe(given);
        problems.add("line " + document.lineOf(fieldPath) + ": " + fieldPath + value + ": " + text);
    }

    private void missing(String field, String expected) {
        problem(field, null, expected);
    }

    private static String describe(JsonNode value) {
        return ScenarioException.abbreviate(value.toString());
    }
}
