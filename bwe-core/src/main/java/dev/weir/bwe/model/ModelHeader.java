package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.signal.FeatureSchema;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON header of a model container, exactly as written ({@code CanonicalJson}) and read
 * ({@code SettingsJson}: unknown and duplicate fields rejected), then {@linkplain #validate
 * validated}: every part on its own, and the parts against each other (schema vs architecture,
 * normalisation sizes, tensor count, the schema digest vs the schema it names).
 *
 * <p>Immutable once validated; thread-safe.
 *
 * @param featureSchemaDigest {@link FeatureSchema#digest()} of {@code featureSchema}: the typed
 *                            field a runtime compares with its own schema's digest
 * @param metrics             free-form evaluation results
 * @param tensors             where each tensor lives in the blob, in the order the header lists them
 */
record ModelHeader(ModelArchitecture architecture, FeatureSchema featureSchema, String featureSchemaDigest,
        Values normalisation, Provenance provenance, ObjectNode metrics, List<TensorSpec> tensors)
        implements Validatable {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * The normalisation as stored: per-feature means and standard deviations.
     */
    record Values(float[] tsMean, float[] tsStd, float[] denseMean, float[] denseStd) {
        static Values of(Normalisation normalisation) {
            return new Values(normalisation.tsMean(), normalisation.tsStd(), normalisation.denseMean(),
                    normalisation.denseStd());
        }

        Normalisation toNormalisation() {
            return new Normalisation(tsMean, tsStd, denseMean, denseStd);
        }

        void validate(ConfigCheck check, int tsFeatures, int denseFeatures) {
            values(check, "ts_mean", tsMean, tsFeatures, false);
            values(check, "ts_std", tsStd, tsFeatures, true);
            values(check, "dense_mean", denseMean, denseFeatures, false);
            values(check, "dense_std", denseStd, denseFeatures, true);
        }

        private static void values(ConfigCheck check, String field, float[] values, int size, boolean std) {
            check.notNull(field, values);
            if (values == null) {
                return;
            }
            check.require(values.length == size, field, values.length + " values",
                    "must have " + size + " (one per feature)");
            for (int i = 0; i < values.length; i++) {
                check.require(Float.isFinite(values[i]) && (!std || values[i] > 0f), field + "[" + i + "]",
                        values[i], std ? "must be finite and > 0" : "must be a finite float32");
            }
        }
    }

    ModelHeader {
        tensors = ConfigCheck.copyOf(tensors);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.notNull("architecture", architecture);
        check.notNull("feature_schema", featureSchema);
        check.notNull("normalisation", normalisation);
        check.notNull("provenance", provenance);
        check.notNull("metrics", metrics);
        check.notNull("tensors", tensors);
        ConfigCheck archCheck = ConfigCheck.of("architecture");
        if (architecture != null) {
            architecture.validate(archCheck);
            architecture.validate(check.child("architecture"));
        }
        ConfigCheck schemaCheck = ConfigCheck.of("feature_schema");
        if (featureSchema != null) {
            featureSchema.validate(schemaCheck);
            featureSchema.validate(check.child("feature_schema"));
        }
        check.require(featureSchemaDigest != null && SHA256_HEX.matcher(featureSchemaDigest).matches(),
                "feature_schema_digest", featureSchemaDigest, "must be 64 lowercase hex digits");
        if (featureSchema != null && schemaCheck.isValid() && featureSchemaDigest != null) {
            String actual = featureSchema.digest();
            check.require(actual.equals(featureSchemaDigest), "feature_schema_digest", featureSchemaDigest,
                    "is not the digest of feature_schema (" + actual + "): the header was edited");
        }
        if (provenance != null) {
            provenance.validate(check.child("provenance"));
        }
        if (architecture == null || !archCheck.isValid()) {
            return; // sizes below are checked against a valid architecture only
        }
        if (normalisation != null) {
            normalisation.validate(check.child("normalisation"), architecture.tsFeatures(),
                    architecture.denseFeatures());
        }
        if (featureSchema != null && schemaCheck.isValid()) {
            check.require(featureSchema.tsFeatures().size() == architecture.tsFeatures(), "feature_schema.ts_features",
                    featureSchema.tsFeatures().size() + " features", "must match architecture.ts_features ("
                            + architecture.tsFeatures() + ")");
            check.require(featureSchema.denseInputCount() == architecture.denseFeatures(),
                    "feature_schema.dense_features", featureSchema.denseInputCount() + " dense inputs",
                    "must match architecture.dense_features (" + architecture.denseFeatures() + ")");
            check.require(featureSchema.tsSteps() == architecture.tsSteps(), "feature_schema.ts_window_ms",
                    featureSchema.tsWindowMs() + " ms (" + featureSchema.tsSteps() + " steps)",
                    "must match architecture.ts_steps (" + architecture.tsSteps() + ")");
        }
        if (tensors != null) {
            int expected = architecture.tensorLayout().size();
            check.require(tensors.size() == expected, "tensors", tensors.size() + " tensors",
                    "the architecture needs " + expected);
            for (int i = 0; i < tensors.size() && i < expected; i++) {
                check.notNull("tensors[" + i + "]", tensors.get(i));
                if (tensors.get(i) != null) {
                    tensors.get(i).validate(check.child("tensors[" + i + "]"));
                }
            }
        }
    }
}
