package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON header of an artifact, parsed: what {@link HeaderWriter} writes and {@link HeaderReader} reads.
 *
 * @param tensors    where each tensor lives in the blob, in the order the header lists them
 * @param blobSha256 lowercase hex SHA-256 of the blob
 */
record ArtifactHeader(int formatVersion, ModelArchitecture architecture, FeatureSchema featureSchema,
        Normalisation normalisation, Provenance provenance, ObjectNode metrics, List<TensorSpec> tensors,
        String blobSha256) {
}
