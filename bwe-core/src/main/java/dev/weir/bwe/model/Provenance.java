package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from: enough to reproduce it. Holds no wall-clock time, so training the same
 * data with the same seeds and settings yields a byte-identical artifact.
 *
 * <p>Immutable and thread-safe: the trainer settings are copied in and out.
 *
 * @param datasetDigest    digest of the training data set (e.g. SHA-256 of its manifest)
 * @param seeds            every random seed the training used (null: none)
 * @param trainerSettings  the trainer's settings, free-form JSON object (null: empty)
 * @param libraryVersions  library name to version (e.g. {@code deeplearning4j -> 1.0.0-M2.1}), sorted (null: none)
 * @param createdBy        the tool that produced the model (e.g. {@code weir-models 0.1.0})
 */
public record Provenance(String datasetDigest, List<Long> seeds, ObjectNode trainerSettings,
        Map<String, String> libraryVersions, String createdBy) {
    /** Cap on a provenance string's length in characters. */
    public static final int MAX_STRING_CHARS = 256;

    public Provenance {
        checkString("dataset_digest", datasetDigest);
        checkString("created_by", createdBy);
        seeds = seeds == null ? List.of() : List.copyOf(seeds);
        trainerSettings = trainerSettings == null ? JsonNodeFactory.instance.objectNode() : trainerSettings.deepCopy();
        TreeMap<String, String> versions = new TreeMap<>();
        for (Map.Entry<String, String> entry : (libraryVersions == null ? Map.<String, String>of() : libraryVersions)
                .entrySet()) {
            checkString("library_versions key", entry.getKey());
            checkString("library_versions." + entry.getKey(), entry.getValue());
            versions.put(entry.getKey(), entry.getValue());
        }
        libraryVersions = Collections.unmodifiableMap(versions);
    }

    /** A copy of the trainer settings. */
    @Override
    public ObjectNode trainerSettings() {
        return trainerSettings.deepCopy();
    }

    private static void checkString(String field, String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_STRING_CHARS) {
            throw new IllegalArgumentException(field + " must be 1-" + MAX_STRING_CHARS + " characters, is "
                    + (value == null ? "missing" : value.length() + " characters"));
        }
    }
}
