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
 * @param calibration         one per head, in head order ({@link Calibration#identity} when uncalibrated)
 * @param metrics             free-form evaluation results
 * @param tensors             where each tensor lives in the blob, in the order the header lists them
 */
record ModelHeader(ModelArchitecture architecture, FeatureSchema featureSchema, String featureSchemaDigest,
        Values normalisation, List<Calibration> calibration, Provenance provenance, ObjectNode metrics,
        List<TensorSpec> tensors)
        implements Validatable {
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /**
     * The normalisation as stored: per feature a transform ({@link Normalisation.Transform#id()}),
     * a centre and a scale.
     */
    record Values(List<String> tsTransform, float[] tsCentre, float[] tsScale, List<String> denseTransform,
            float[] denseCentre, float[] denseScale) {
        static Values of(Normalisation normalisation) {
            return new Values(ids(normalisation.tsTransform()), normalisation.tsCentre(), normalisation.tsScale(),
                    ids(normalisation.denseTransform()), normalisation.denseCentre(), normalisation.denseScale());
        }

        Normalisation toNormalisation() {
            return new Normalisation(transforms(tsTransform), tsCentre, tsScale, transforms(denseTransform),
                    denseCentre, denseScale);
        }

        void validate(ConfigCheck check, int tsFeatures, int denseFeatures) {
            transformIds(check, "ts_transform", tsTransform, tsFeatures);
            values(check, "ts_centre", tsCentre, tsFeatures, false);
            values(check, "ts_scale", tsScale, tsFeatures, true);
            transformIds(check, "dense_transform", denseTransform, denseFeatures);
            values(check, "dense_centre", denseCentre, denseFeatures, false);
            values(check, "dense_scale", denseScale, denseFeatures, true);
        }

        private static List<String> ids(Normalisation.Transform[] transforms) {
            return java.util.Arrays.stream(transforms).map(Normalisation.Transform::id).toList();
        }

        private static Normalisation.Transform[] transforms(List<String> ids) {
            return ids.stream().map(Normalisation.Transform::byId).toArray(Normalisation.Transform[]::new);
        }

        private static void transformIds(ConfigCheck check, String field, List<String> ids, int size) {
            check.notNull(field, ids);
            if (ids == null) {
                return;
            }
            check.require(ids.size() == size, field, ids.size() + " values", "must have " + size + " (one per feature)");
            for (int i = 0; i < ids.size(); i++) {
                check.require(Normalisation.Transform.byId(ids.get(i)) != null, field + "[" + i + "]", ids.get(i),
                        "must be linear or signed_log1p");
            }
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
        calibration = ConfigCheck.copyOf(calibration);
        tensors = ConfigCheck.copyOf(tensors);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.notNull("architecture", architecture);
        check.notNull("feature_schema", featureSchema);
        check.notNull("normalisation", normalisation);
        check.notNull("calibration", calibration);
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
        if (calibration != null && architecture.heads() != null) {
            List<HeadSpec> heads = architecture.heads();
            check.require(calibration.size() == heads.size(), "calibration", calibration.size() + " entries",
                    "must have one per head (" + heads.size() + ")");
            for (int i = 0; i < calibration.size() && i < heads.size(); i++) {
                Calibration entry = calibration.get(i);
                String path = "calibration[" + i + "]";
                check.notNull(path, entry);
                if (entry == null) {
                    continue;
                }
                entry.validate(check.child(path));
                check.require(heads.get(i).name().equals(entry.head()), path + ".head", entry.head(),
                        "must name head " + i + " ('" + heads.get(i).name() + "')");
                check.require(entry.bias() == null || entry.bias().length == heads.get(i).classCount(),
                        path + ".bias", entry.bias() == null ? null : entry.bias().length + " values",
                        "must have one per class (" + heads.get(i).classCount() + ")");
            }
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
