package dev.weir.models.data;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.bwe.signal.FeatureSchema;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JSON header of a dataset container, exactly as written (canonical) and read (Jackson,
 * unknown and duplicate fields rejected), then {@linkplain #validate validated}.
 *
 * <p>Immutable once validated; thread-safe.
 *
 * @param featureSchema       the samples' inputs
 * @param featureSchemaDigest {@link FeatureSchema#digest()} of {@code featureSchema} (typed, checked)
 * @param baselines           verdict column names
 * @param sources             the calls samples come from; samples name them by index
 * @param samples             number of samples in the blob
 * @param splitSizes          samples per split (informative, checked against the sources)
 * @param settings            free-form generation settings
 */
record DatasetHeader(FeatureSchema featureSchema, String featureSchemaDigest, List<String> baselines,
        List<SampleSource> sources, long samples, Map<String, Long> splitSizes, ObjectNode settings)
        implements Validatable {
    /** Cap on sources: one per simulated call; a dataset of every trace has about a thousand. */
    static final int MAX_SOURCES = 10_000_000;
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    DatasetHeader {
        baselines = ConfigCheck.copyOf(baselines);
        sources = ConfigCheck.copyOf(sources);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.notNull("feature_schema", featureSchema);
        if (featureSchema != null) {
            ConfigCheck own = ConfigCheck.of("feature_schema");
            featureSchema.validate(own);
            featureSchema.validate(check.child("feature_schema"));
            check.require(featureSchemaDigest != null && SHA256_HEX.matcher(featureSchemaDigest).matches()
                            && (!own.isValid() || featureSchema.digest().equals(featureSchemaDigest)),
                    "feature_schema_digest", featureSchemaDigest, "must be the digest of feature_schema"
                            + (own.isValid() ? " (" + featureSchema.digest() + ")" : ""));
        }
        check.notNull("baselines", baselines);
        if (baselines != null) {
            check.require(baselines.size() <= Dataset.MAX_BASELINES, "baselines", baselines.size() + " names",
                    "at most " + Dataset.MAX_BASELINES);
            HashSet<String> seen = new HashSet<>();
            for (int i = 0; i < baselines.size() && i < Dataset.MAX_BASELINES; i++) {
                String name = baselines.get(i);
                check.require(name != null && !name.isEmpty() && name.length() <= 128 && seen.add(name),
                        "baselines[" + i + "]", name, "must be a unique name of 1-128 characters");
            }
        }
        check.notNull("sources", sources);
        if (sources != null) {
            check.require(sources.size() <= MAX_SOURCES, "sources", sources.size() + " sources",
                    "at most " + MAX_SOURCES);
            for (int i = 0; i < sources.size() && i < MAX_SOURCES; i++) {
                check.notNull("sources[" + i + "]", sources.get(i));
                if (sources.get(i) != null) {
                    sources.get(i).validate(check.child("sources[" + i + "]"));
                }
            }
        }
        check.range("samples", samples, 0, Long.MAX_VALUE);
        check.require(splitSizes != null && splitSizes.keySet().equals(new HashSet<>(Dataset.SPLITS)),
                "split_sizes", splitSizes == null ? null : splitSizes.keySet(), "must count " + Dataset.SPLITS);
        check.notNull("settings", settings);
    }
}
