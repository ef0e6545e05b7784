package dev.weir.bwe.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Names and timing of the classifier's inputs, so the feature extractor that feeds a model can
 * check it produces what the model was trained on.
 *
 * <p>Immutable and thread-safe.
 *
 * @param ts            time-series feature names, in column order of a window row
 * @param dense         dense feature names, in order
 * @param stepMs        duration of one time-series step in milliseconds
 * @param schemaVersion version of the feature definitions (bumped when a feature's meaning changes)
 */
public record FeatureSchema(List<String> ts, List<String> dense, int stepMs, int schemaVersion) {
    /** Cap on a feature name's length in characters. */
    public static final int MAX_NAME_CHARS = 128;
    /** Cap on step length: one minute in milliseconds; real steps are 10-100 ms. */
    public static final int MAX_STEP_MS = 60_000;

    public FeatureSchema {
        ts = checkNames("ts", ts);
        dense = checkNames("dense", dense);
        if (stepMs < 1 || stepMs > MAX_STEP_MS) {
            throw new IllegalArgumentException("step_ms = " + stepMs + ": must be in [1, " + MAX_STEP_MS + "]");
        }
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schema_version = " + schemaVersion + ": must be >= 1");
        }
    }

    private static List<String> checkNames(String field, List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException(field + ": must name at least one feature");
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS) {
                throw new IllegalArgumentException(field + ": feature name '" + name + "' must be 1-"
                        + MAX_NAME_CHARS + " characters");
            }
            if (!seen.add(name)) {
                throw new IllegalArgumentException(field + ": feature '" + name + "' appears twice");
            }
        }
        return List.copyOf(names);
    }
}
