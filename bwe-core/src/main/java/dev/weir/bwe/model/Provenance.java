package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a model came from: enough to reproduce it. Holds no wall-clock time, so training the same
 * data with the same seeds and settings yields a byte-identical artifact. Bound from a model
 * header, then {@linkplain #validate validated}.
 *
 * <p>Immutable and thread-safe: the trainer settings are copied in and out.
 *
 * @param datasetDigest    digest of the training data set (the dataset container's SHA-256)
 * @param seeds            every random seed the training used (null: none)
 * @param trainerSettings  the trainer's settings, free-form JSON object (null: empty)
 * @param libraryVersions  library name to version (e.g. {@code deeplearning4j -> 1.0.0-M2.1}), sorted (null: none)
 * @param createdBy        the tool that produced the model (e.g. {@code weir-models 0.1.0})
 */
public record Provenance(String datasetDigest, List<Long> seeds, ObjectNode trainerSettings,
        Map<String, String> libraryVersions, String createdBy) implements Validatable {
    /** Cap on a provenance string's length in characters. */
    public static final int MAX_STRING_CHARS = 256;
    /** Cap on recorded seeds; a training run has a handful. */
    public static final int MAX_SEEDS = 1024;
    /** Cap on recorded library versions. */
    public static final int MAX_LIBRARIES = 256;

    public Provenance {
        seeds = seeds == null ? List.of() : ConfigCheck.copyOf(seeds);
        trainerSettings = trainerSettings == null ? JsonNodeFactory.instance.objectNode() : trainerSettings.deepCopy();
        // Sorted, so equal provenance writes equal bytes.
        libraryVersions = Collections.unmodifiableMap(libraryVersions == null ? new TreeMap<>()
                : new TreeMap<>(libraryVersions));
    }

    @Override
    public void validate(ConfigCheck check) {
        string(check, "dataset_digest", datasetDigest);
        string(check, "created_by", createdBy);
        check.require(seeds.size() <= MAX_SEEDS, "seeds", seeds.size() + " seeds", "at most " + MAX_SEEDS);
        for (int i = 0; i < seeds.size() && i < MAX_SEEDS; i++) {
            check.notNull("seeds[" + i + "]", seeds.get(i));
        }
        check.require(libraryVersions.size() <= MAX_LIBRARIES, "library_versions",
                libraryVersions.size() + " entries", "at most " + MAX_LIBRARIES);
        libraryVersions.forEach((key, value) -> {
            string(check, "library_versions key", key);
            string(check, "library_versions." + key, value);
        });
    }

    /** A copy of the trainer settings. */
    @Override
    public ObjectNode trainerSettings() {
        return trainerSettings.deepCopy();
    }

    private static void string(ConfigCheck check, String field, String value) {
        check.require(value != null && !value.isEmpty() && value.length() <= MAX_STRING_CHARS, field,
                value == null ? null : value.length() + " characters", "must be 1-" + MAX_STRING_CHARS + " characters");
    }
}
