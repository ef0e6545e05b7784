package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.container.CanonicalJson;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.signal.FeatureSchema;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles an artifact from its parts. {@link #build()} validates the header exactly as a reader
 * does, serialises deterministically (same parts, same bytes) and then reads the bytes back
 * through every check {@link ModelArtifact#read} makes.
 *
 * <p>Not thread-safe: one builder per artifact.
 */
public final class ModelArtifactBuilder {
    /** Names the builder as the source in errors. */
    private static final String BUILDER_SOURCE = "model artifact builder";
    private ModelArchitecture architecture;
    private FeatureSchema featureSchema;
    private Normalisation normalisation;
    private Provenance provenance;
    private ObjectNode metrics = JsonNodeFactory.instance.objectNode();
    private final Map<String, float[]> tensors = new HashMap<>();

    ModelArtifactBuilder() {
    }

    public ModelArtifactBuilder architecture(ModelArchitecture value) {
        architecture = value;
        return this;
    }

    /** The inputs the model was trained on; its digest goes into the header as a typed field. */
    public ModelArtifactBuilder featureSchema(FeatureSchema value) {
        featureSchema = value;
        return this;
    }

    public ModelArtifactBuilder normalisation(Normalisation value) {
        normalisation = value;
        return this;
    }

    public ModelArtifactBuilder provenance(Provenance value) {
        provenance = value;
        return this;
    }

    /** Free-form metrics object (copied); empty when not set or null. */
    public ModelArtifactBuilder metrics(ObjectNode value) {
        metrics = value == null ? JsonNodeFactory.instance.objectNode() : value.deepCopy();
        return this;
    }

    /** Sets tensor {@code name} to {@code rowMajorValues} (copied). */
    public ModelArtifactBuilder tensor(String name, float[] rowMajorValues) {
        tensors.put(name, rowMajorValues.clone());
        return this;
    }

    /** Serialises and verifies; throws {@link ModelFormatException} naming what is missing or wrong. */
    public ModelArtifact build() {
        if (architecture == null || featureSchema == null || normalisation == null || provenance == null) {
            throw new ModelFormatException(BUILDER_SOURCE, "architecture, feature schema, normalisation and "
                    + "provenance are all required");
        }
        ConfigCheck archCheck = ConfigCheck.of("architecture");
        architecture.validate(archCheck);
        if (!archCheck.isValid()) {
            throw new ModelFormatException(BUILDER_SOURCE, String.join("; ", archCheck.problems()));
        }
        List<TensorSpec> layout = architecture.tensorLayout();
        for (String name : tensors.keySet()) {
            if (layout.stream().noneMatch(spec -> spec.name().equals(name))) {
                throw new ModelFormatException(BUILDER_SOURCE, "tensor '" + name
                        + "' is not part of the architecture");
            }
        }
        ByteBuffer blob = ByteBuffer.allocate((int) (architecture.parameterCount() * TensorSpec.BYTES_PER_VALUE))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (TensorSpec spec : layout) {
            float[] values = tensors.get(spec.name());
            if (values == null || values.length != spec.elementCount()) {
                throw new ModelFormatException(BUILDER_SOURCE, "tensor '" + spec.name() + "' needs "
                        + spec.elementCount() + " values for shape " + spec.shape() + ", has "
                        + (values == null ? "none" : values.length));
            }
            for (float value : values) {
                blob.putFloat(value);
            }
        }
        ModelHeader header = new ModelHeader(architecture, featureSchema, featureSchema.digest(),
                ModelHeader.Values.of(normalisation), provenance, metrics, layout);
        ConfigCheck check = ConfigCheck.of("header");
        header.validate(check);
        if (!check.isValid()) {
            throw new ModelFormatException(BUILDER_SOURCE, String.join("; ", check.problems()));
        }
        byte[] json;
        try {
            json = CanonicalJson.write(header);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(BUILDER_SOURCE, "cannot write header: " + e.getMessage(), e);
        }
        if (json.length > ModelArtifact.MAX_HEADER_BYTES) {
            throw new ModelFormatException(BUILDER_SOURCE, "header is " + json.length + " bytes, more than "
                    + ModelArtifact.MAX_HEADER_BYTES);
        }
        return ModelArtifact.read(ContainerWriter.toBytes(ModelArtifact.FORMAT, json, blob.array()), BUILDER_SOURCE);
    }
}
