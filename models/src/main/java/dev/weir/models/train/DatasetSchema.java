package dev.weir.models.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.FeatureSchema;
import dev.weir.models.data.Dataset;

/**
 * The feature schema a dataset was generated with, read from its free-form settings: the step
 * length {@value #STEP_MS} (required), the signal schema's digest {@value #SCHEMA_DIGEST} and
 * version {@value #SCHEMA_VERSION} (optional; the version defaults to the current
 * {@code dev.weir.bwe.signal.FeatureSchema.SCHEMA_VERSION}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param schema the model-side feature schema (names from the dataset)
 * @param digest the signal feature schema digest, or null when the dataset does not record it
 */
public record DatasetSchema(FeatureSchema schema, String digest) {
    /** Dataset settings key of the time-series step, milliseconds. */
    public static final String STEP_MS = Dataset.SETTING_STEP_MS;
    /** Dataset settings key of {@code dev.weir.bwe.signal.FeatureSchema#digest()}. */
    public static final String SCHEMA_DIGEST = Dataset.SETTING_SCHEMA_DIGEST;
    /** Dataset settings key of {@code dev.weir.bwe.signal.FeatureSchema#schemaVersion()}. */
    public static final String SCHEMA_VERSION = Dataset.SETTING_SCHEMA_VERSION;

    /**
     * Reads the schema of {@code dataset}.
     *
     * @throws IllegalArgumentException when the settings lack a positive {@value #STEP_MS}
     */
    public static DatasetSchema of(Dataset dataset) {
        ObjectNode settings = dataset.settings();
        JsonNode step = settings.path(STEP_MS);
        if (!step.canConvertToInt() || step.asInt() < 1) {
            throw new IllegalArgumentException("dataset settings lack a positive integer '" + STEP_MS
                    + "' (the time-series step the windows were extracted with); settings: " + settings);
        }
        int version = settings.path(SCHEMA_VERSION)
                .asInt(dev.weir.bwe.signal.FeatureSchema.SCHEMA_VERSION);
        JsonNode digest = settings.path(SCHEMA_DIGEST);
        return new DatasetSchema(new FeatureSchema(dataset.tsFeatureNames(), dataset.denseFeatureNames(),
                step.asInt(), version), digest.isTextual() ? digest.asText() : null);
    }
}
