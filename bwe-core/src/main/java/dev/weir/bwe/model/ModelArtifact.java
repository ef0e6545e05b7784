package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.container.BlobOutput;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerFormatException;
import dev.weir.bwe.container.ContainerReader;
import dev.weir.bwe.container.ContainerWriter;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.util.Sha256;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A trained classifier in one self-describing, content-addressed file.
 *
 * <h2>File format (version 2)</h2>
 * A weir container ({@link ContainerFormat} has the byte layout) with magic {@code WEIRMODL},
 * version 2. The header (canonical JSON, keys sorted) holds {@code architecture} (sizes,
 * {@code lstm_gate_order} "afoi", heads with class names), {@code feature_schema} (the one
 * {@link FeatureSchema}), {@code feature_schema_digest} (its SHA-256, the typed field a runtime
 * compares with its own: {@link #requireSchema}), {@code normalisation}, {@code provenance} (no
 * wall-clock time), free-form {@code metrics} and {@code tensors} (name, shape, byte offset and
 * length in the blob). The blob is every tensor as row-major little-endian float32, back to back.
 * The file is named {@code <sha256 of the whole file>.weirmodel} ({@link #fileNameFor}), so equal
 * models have equal names and a client fetches only what it lacks.
 *
 * <p>Reading checks everything before trusting it: the container frame (magic, version, lengths
 * against caps and the file, before allocating; the trailing SHA-256), every header field and
 * the parts against each other, every tensor's shape against the architecture, tensors inside
 * the blob, not overlapping and covering it, finite weights, and, when the file name is a digest,
 * that it matches the bytes. The blob is streamed into the one array the artifact keeps. Every
 * failure is a {@link ModelFormatException}.
 *
 * <p>Immutable and thread-safe: share one instance between classifiers.
 */
public final class ModelArtifact {
    /** File name suffix of an artifact. */
    public static final String FILE_EXTENSION = ".weirmodel";
    /** Cap on the header in bytes: a header is a few KiB; more is corruption. */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    /** The container kind: magic {@code WEIRMODL}, version 2, blob at most the parameter cap in float32. */
    public static final ContainerFormat FORMAT = new ContainerFormat("WEIRMODL", 2, "weir model",
            MAX_HEADER_BYTES, ModelArchitecture.MAX_PARAMETERS * TensorSpec.BYTES_PER_VALUE);
    /** Cap on a file's size in bytes: frame, largest header, largest parameter blob. */
    public static final long MAX_FILE_BYTES = FORMAT.maxFileBytes();

    private final byte[] headerBytes;
    private final ModelHeader header;
    private final Normalisation normalisation;
    /** Every parameter, in file order; tensors are slices of it. */
    private final float[] blob;
    private final Map<String, TensorSpec> tensors;
    private final String sha256;
    private final long sizeBytes;

    ModelArtifact(byte[] headerBytes, ModelHeader header, float[] blob, Map<String, TensorSpec> tensors,
            String sha256, long sizeBytes) {
        this.headerBytes = headerBytes;
        this.header = header;
        this.normalisation = header.normalisation().toNormalisation();
        this.blob = blob;
        this.tensors = Map.copyOf(tensors);
        this.sha256 = sha256;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Reads and verifies an artifact file. The file size and the container's preamble are checked
     * before the rest is read; the weights are streamed into the one array the artifact keeps, so a
     * valid file at the caps costs about its own size in heap ({@link #MAX_FILE_BYTES}).
     */
    public static ModelArtifact read(Path file) {
        try (ContainerReader reader = ContainerReader.open(file, FORMAT)) {
            return decode(reader);
        } catch (IOException e) {
            throw new ModelFormatException(file.toString(), "cannot read: " + e.getMessage(), e);
        } catch (ContainerFormatException e) {
            throw new ModelFormatException(e.source(), e.problem(), e);
        }
    }

    /**
     * Reads an artifact file for a runtime whose inputs follow {@code runtimeSchema}: a model built
     * for another feature schema is refused ({@link #requireSchema}).
     */
    public static ModelArtifact read(Path file, FeatureSchema runtimeSchema) {
        ModelArtifact artifact = read(file);
        artifact.requireSchema(runtimeSchema);
        return artifact;
    }

    /**
     * Verifies and decodes artifact bytes; {@code source} names them in errors and, when its last
     * path segment is a SHA-256 digest, must match the digest of {@code bytes}.
     */
    public static ModelArtifact read(byte[] bytes, String source) {
        try {
            return decode(ContainerReader.open(bytes, FORMAT, source));
        } catch (IOException e) {
            throw new ModelFormatException(source, "cannot read: " + e.getMessage(), e);
        } catch (ContainerFormatException e) {
            throw new ModelFormatException(e.source(), e.problem(), e);
        }
    }

    /** Decodes; any exception the checks missed still names the source. */
    private static ModelArtifact decode(ContainerReader reader) throws IOException {
        try {
            return ArtifactDecoder.decode(reader);
        } catch (ModelFormatException | ContainerFormatException | IOException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(reader.source(), "unreadable: " + e, e);
        }
    }

    /**
     * Refuses this model unless it was built for {@code runtimeSchema}: the runtime would feed it
     * other inputs than it was trained on.
     *
     * @throws ModelFormatException naming both digests when they differ
     */
    public void requireSchema(FeatureSchema runtimeSchema) {
        String runtimeDigest = runtimeSchema.digest();
        if (!runtimeDigest.equals(header.featureSchemaDigest())) {
            throw new ModelFormatException(fileName(), "built for feature schema " + header.featureSchemaDigest()
                    + " (step " + header.featureSchema().stepMs() + " ms, version "
                    + header.featureSchema().schemaVersion() + "), but the runtime's schema is " + runtimeDigest
                    + " (step " + runtimeSchema.stepMs() + " ms, version " + runtimeSchema.schemaVersion()
                    + "): retrain the model on data of this runtime");
        }
    }

    /** Size of the artifact file in bytes. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /** The content-addressed file name for artifact bytes: {@code <sha256 hex>.weirmodel}. */
    public static String fileNameFor(byte[] bytes) {
        return Sha256.hex(bytes) + FILE_EXTENSION;
    }

    /** Starts building an artifact from its parts. */
    public static ModelArtifactBuilder builder() {
        return new ModelArtifactBuilder();
    }

    /**
     * Writes this artifact into {@code directory} under its content-addressed name (atomically:
     * readers never see half a file) and returns the path.
     */
    public Path writeTo(Path directory) throws IOException {
        Path target = directory.resolve(fileName());
        ContainerWriter.writeFile(target, FORMAT, headerBytes, (long) blob.length * TensorSpec.BYTES_PER_VALUE,
                this::writeBlob);
        return target;
    }

    /** The file's bytes (the header as read, the weights re-encoded bit for bit). */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) sizeBytes);
        try {
            ContainerWriter.write(out, FORMAT, headerBytes, (long) blob.length * TensorSpec.BYTES_PER_VALUE,
                    this::writeBlob);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    private void writeBlob(OutputStream out) throws IOException {
        BlobOutput values = new BlobOutput(out);
        values.floats(blob, 0, blob.length);
        values.flush();
    }

    /** Lowercase hex SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** The content-addressed file name, {@code <sha256>.weirmodel}. */
    public String fileName() {
        return sha256 + FILE_EXTENSION;
    }

    /** The container format version ({@link #FORMAT}). */
    public int formatVersion() {
        return FORMAT.version();
    }

    public ModelArchitecture architecture() {
        return header.architecture();
    }

    /** The inputs the model was trained on. */
    public FeatureSchema featureSchema() {
        return header.featureSchema();
    }

    /** {@link FeatureSchema#digest()} of {@link #featureSchema()}, as the header states it (verified). */
    public String featureSchemaDigest() {
        return header.featureSchemaDigest();
    }

    public Normalisation normalisation() {
        return normalisation;
    }

    public Provenance provenance() {
        return header.provenance();
    }

    /** A copy of the free-form metrics object (e.g. test-split accuracy per head). */
    public ObjectNode metrics() {
        return header.metrics().deepCopy();
    }

    /** Where each tensor lives in the blob, as the header lists them. */
    public List<TensorSpec> tensorSpecs() {
        return header.tensors();
    }

    /** A copy of tensor {@code name}'s values, row-major; see {@link ModelArchitecture} for names. */
    public float[] tensor(String name) {
        TensorSpec spec = tensors.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; tensors: " + tensors.keySet());
        }
        int from = (int) (spec.offsetBytes() / TensorSpec.BYTES_PER_VALUE);
        return Arrays.copyOfRange(blob, from, from + (int) spec.elementCount());
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + fileName() + ", " + architecture().parameterCount() + " parameters]";
    }
}
