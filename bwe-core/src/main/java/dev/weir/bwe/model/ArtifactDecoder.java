package dev.weir.bwe.model;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.container.BlobInput;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies and decodes an opened model container ({@link ModelArtifact} has the format): header
 * (Jackson into {@link ModelHeader}, then every constraint), tensor placement against the
 * architecture, the blob streamed into one float array of exactly the declared size, the trailing
 * digest, finite weights and the digest in the file name. Sizes are checked before anything is
 * allocated for them.
 *
 * <p>Stateless and thread-safe.
 */
final class ArtifactDecoder {
    private static final Pattern DIGEST_NAME = Pattern.compile("([0-9a-f]{64})(\\.weirmodel)?");

    private ArtifactDecoder() {
    }

    static ModelArtifact decode(ContainerReader reader) throws IOException {
        String source = reader.source();
        byte[] headerBytes = reader.header();
        ModelHeader header = readHeader(reader.headerText(), source);
        ModelArchitecture arch = header.architecture();
        checkTensors(header, reader.blobBytes(), source);
        // parameterCount() <= MAX_PARAMETERS (validated) and == blob bytes / 4 (checked): safe to allocate.
        float[] blob = new float[(int) arch.parameterCount()];
        new BlobInput(reader.blob()).floats(blob, 0, blob.length);
        reader.finish();
        Map<String, TensorSpec> tensors = new LinkedHashMap<>();
        for (TensorSpec spec : header.tensors()) {
            checkFinite(blob, spec, source);
            tensors.put(spec.name(), spec);
        }
        String sha256 = reader.fileSha256();
        checkFileName(source, sha256);
        long sizeBytes = ContainerFormat.fileBytes(headerBytes.length, reader.blobBytes());
        return new ModelArtifact(headerBytes, header, blob, tensors, sha256, sizeBytes);
    }

    /** Binds and validates the header; every problem is listed with its path. */
    private static ModelHeader readHeader(String json, String source) {
        try {
            return SettingsJson.read(json, ModelHeader.class, "header");
        } catch (InvalidSettingsException e) {
            throw new ModelFormatException(source, String.join("; ", e.problems()));
        }
    }

    /** Blob size against the architecture, then placement: known, matching shapes, aligned, inside, disjoint. */
    private static void checkTensors(ModelHeader header, long blobBytes, String source) {
        ModelArchitecture arch = header.architecture();
        long neededBytes = arch.parameterCount() * TensorSpec.BYTES_PER_VALUE;
        if (blobBytes != neededBytes) {
            throw new ModelFormatException(source, "blob is " + blobBytes + " bytes but the architecture's "
                    + arch.parameterCount() + " parameters need " + neededBytes + " bytes");
        }
        Map<String, TensorSpec> expected = new LinkedHashMap<>();
        for (TensorSpec spec : arch.tensorLayout()) {
            expected.put(spec.name(), spec);
        }
        Map<String, TensorSpec> seen = new HashMap<>();
        for (TensorSpec spec : header.tensors()) {
            TensorSpec want = expected.get(spec.name());
            if (want == null) {
                throw new ModelFormatException(source, "tensor '" + spec.name()
                        + "' is not part of the architecture; expected " + expected.keySet());
            }
            if (seen.put(spec.name(), spec) != null) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' is listed twice");
            }
            if (!spec.shape().equals(want.shape())) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' has shape " + spec.shape()
                        + " but the architecture needs " + want.shape());
            }
            if (spec.lengthBytes() != want.lengthBytes()) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' length " + spec.lengthBytes()
                        + " bytes does not match its shape " + spec.shape() + " (" + want.lengthBytes() + " bytes)");
            }
            if (spec.offsetBytes() % TensorSpec.BYTES_PER_VALUE != 0 || spec.offsetBytes() > blobBytes
                    || spec.lengthBytes() > blobBytes - spec.offsetBytes()) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' at offset " + spec.offsetBytes()
                        + " with length " + spec.lengthBytes() + " bytes is misaligned or outside the "
                        + blobBytes + "-byte blob");
            }
        }
        List<TensorSpec> byOffset = new ArrayList<>(header.tensors());
        byOffset.sort(Comparator.comparingLong(TensorSpec::offsetBytes));
        long end = 0;
        for (TensorSpec spec : byOffset) {
            if (spec.offsetBytes() < end) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' at offset "
                        + spec.offsetBytes() + " overlaps the previous tensor, which ends at " + end);
            }
            end = spec.offsetBytes() + spec.lengthBytes();
        }
    }

    private static void checkFinite(float[] blob, TensorSpec spec, String source) {
        int from = (int) (spec.offsetBytes() / TensorSpec.BYTES_PER_VALUE);
        for (int i = 0; i < spec.elementCount(); i++) {
            float value = blob[from + i];
            if (!Float.isFinite(value)) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' value " + i + " is " + value
                        + ": weights must be finite");
            }
        }
    }

    private static void checkFileName(String source, String sha256) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        Matcher matcher = DIGEST_NAME.matcher(name);
        if (matcher.matches() && !matcher.group(1).equals(sha256)) {
            throw new ModelFormatException(source, "file is named after digest " + matcher.group(1)
                    + " but its bytes have SHA-256 " + sha256 + ": corrupt or renamed");
        }
    }
}
