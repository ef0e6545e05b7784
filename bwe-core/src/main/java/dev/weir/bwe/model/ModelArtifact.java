package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trained classifier in one self-describing, content-addressed file.
 *
 * <h2>File format (version 1)</h2>
 * <pre>
 *   offset 0   8 bytes   magic "WEIRMDL1" (ASCII)
 *   offset 8   4 bytes   header length H, unsigned little-endian, 1 .. 1 MiB
 *   offset 12  H bytes   header: UTF-8 JSON, canonical (sorted free-form keys, fixed number format)
 *   12 + H     rest      blob: every tensor as row-major little-endian float32, back to back
 * </pre>
 * The header holds {@code format_version}, {@code architecture} (sizes, {@code lstm_gate_order}
 * "afoi", heads with class names), {@code feature_schema}, {@code normalisation},
 * {@code provenance} (no wall-clock time), free-form {@code metrics}, {@code tensors} (name, shape,
 * byte offset and length in the blob) and {@code blob_sha256}. The file is named
 * {@code <sha256 of the whole file>.weirmodel} ({@link #fileNameFor}), so equal models have equal
 * names and a client fetches only what it lacks.
 *
 * <p>Reading checks everything before trusting it: magic, header length, JSON, sizes against caps
 * (before allocating), every tensor's shape against the architecture, tensors inside the blob,
 * not overlapping and covering it, the blob digest, finite weights, normalisation sizes and
 * positive deviations, and, when the file name is a digest, that it matches the bytes. Every
 * failure is a {@link ModelFormatException}.
 *
 * <p>Immutable and thread-safe: share one instance between classifiers.
 */
public final class ModelArtifact {
    /** The format version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** File name suffix of an artifact. */
    public static final String FILE_EXTENSION = ".weirmodel";
    /** Cap on the header in bytes: a header is a few KiB; more is corruption. */
    public static final int MAX_HEADER_BYTES = 1 << 20;
    /** Bytes before the header: magic (8) and header length (4). */
    public static final int PREAMBLE_BYTES = 12;
    /** Cap on a file's size in bytes: preamble, largest header, largest parameter blob. */
    public static final long MAX_FILE_BYTES =
            PREAMBLE_BYTES + MAX_HEADER_BYTES + ModelArchitecture.MAX_PARAMETERS * TensorSpec.BYTES_PER_VALUE;
    private static final byte[] MAGIC = "WEIRMDL1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern DIGEST_NAME = Pattern.compile("([0-9a-f]{64})(\\.weirmodel)?");
    private static final String BUILDER_SOURCE = "model artifact builder";

    private final byte[] bytes;
    private final String sha256;
    private final ArtifactHeader header;
    private final List<TensorSpec> layout;
    private final Map<String, float[]> tensors;

    private ModelArtifact(byte[] bytes, String sha256, ArtifactHeader header, Map<String, float[]> tensors) {
        this.bytes = bytes;
        this.sha256 = sha256;
        this.header = header;
        this.layout = header.architecture().tensorLayout();
        this.tensors = tensors;
    }

    /** Reads and verifies an artifact file. */
    public static ModelArtifact read(Path file) {
        String source = file.toString();
        long sizeBytes;
        try {
            sizeBytes = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source, "file not found");
        } catch (IOException e) {
            throw new ModelFormatException(source, "cannot read: " + e.getMessage(), e);
        }
        if (sizeBytes > MAX_FILE_BYTES) {
            throw new ModelFormatException(source, "file is " + sizeBytes + " bytes, more than the cap of "
                    + MAX_FILE_BYTES + " bytes");
        }
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ModelFormatException(source, "cannot read: " + e.getMessage(), e);
        }
        return read(content, source);
    }

    /**
     * Verifies and decodes artifact bytes; {@code source} names them in errors and, when its last
     * path segment is a SHA-256 digest, must match the digest of {@code bytes}.
     */
    public static ModelArtifact read(byte[] bytes, String source) {
        try {
            return decode(bytes.clone(), source);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source, "unreadable: " + e, e);
        }
    }

    /** The content-addressed file name for artifact bytes: {@code <sha256 hex>.weirmodel}. */
    public static String fileNameFor(byte[] bytes) {
        return sha256Hex(bytes, 0, bytes.length) + FILE_EXTENSION;
    }

    /** Starts building an artifact from its parts. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes this artifact into {@code directory} under its content-addressed name (through a
     * temporary file and a rename, so readers never see half a file) and returns the path.
     */
    public Path writeTo(Path directory) throws IOException {
        Path target = directory.resolve(fileName());
        Path temp = Files.createTempFile(directory, ".weirmodel-", ".tmp");
        try {
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    /** A copy of the file's bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Lowercase hex SHA-256 of the file's bytes. */
    public String sha256() {
        return sha256;
    }

    /** The content-addressed file name, {@code <sha256>.weirmodel}. */
    public String fileName() {
        return sha256 + FILE_EXTENSION;
    }

    public int formatVersion() {
        return header.formatVersion();
    }

    public ModelArchitecture architecture() {
        return header.architecture();
    }

    public FeatureSchema featureSchema() {
        return header.featureSchema();
    }

    public Normalisation normalisation() {
        return header.normalisation();
    }

    public Provenance provenance() {
        return header.provenance();
    }

    /** A copy of the free-form metrics object (e.g. test-split accuracy per head). */
    public ObjectNode metrics() {
        return header.metrics().deepCopy();
    }

    /** Where each tensor lives in the blob, in canonical order. */
    public List<TensorSpec> tensorSpecs() {
        return layout;
    }

    /** A copy of tensor {@code name}'s values, row-major; see {@link ModelArchitecture} for names. */
    public float[] tensor(String name) {
        float[] values = tensors.get(name);
        if (values == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'; tensors: " + tensors.keySet());
        }
        return values.clone();
    }

    @Override
    public String toString() {
        return "ModelArtifact[" + fileName() + ", " + architecture().parameterCount() + " parameters]";
    }

    // ---------------------------------------------------------------- decoding

    private static ModelArtifact decode(byte[] bytes, String source) {
        if (bytes.length < PREAMBLE_BYTES) {
            throw new ModelFormatException(source, "file is " + bytes.length + " bytes, shorter than the "
                    + PREAMBLE_BYTES + "-byte preamble (magic and header length): truncated");
        }
        if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new ModelFormatException(source, "wrong magic bytes " + HexFormat.of().formatHex(bytes, 0, MAGIC.length)
                    + ", expected " + HexFormat.of().formatHex(MAGIC) + " (\"WEIRMDL1\"): not a weir model file");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerBytes = Integer.toUnsignedLong(buffer.getInt(MAGIC.length));
        if (headerBytes == 0 || headerBytes > MAX_HEADER_BYTES) {
            throw new ModelFormatException(source, "header length " + headerBytes + " bytes is outside [1, "
                    + MAX_HEADER_BYTES + "]");
        }
        if (PREAMBLE_BYTES + headerBytes > bytes.length) {
            throw new ModelFormatException(source, "header length " + headerBytes + " bytes runs past the end of the "
                    + bytes.length + "-byte file: truncated");
        }
        String json = utf8(bytes, (int) headerBytes, source);
        ArtifactHeader header = HeaderCodec.read(json, source);
        int blobStart = PREAMBLE_BYTES + (int) headerBytes;
        long blobBytes = bytes.length - (long) blobStart;
        checkTensors(header, blobBytes, source);
        String blobSha = sha256Hex(bytes, blobStart, (int) blobBytes);
        if (!blobSha.equals(header.blobSha256())) {
            throw new ModelFormatException(source, "blob digest " + blobSha + " does not match blob_sha256 "
                    + header.blobSha256() + " in the header: the weights are corrupt");
        }
        Map<String, float[]> tensors = new HashMap<>();
        for (TensorSpec spec : header.tensors()) {
            tensors.put(spec.name(), floats(buffer, blobStart, spec, source));
        }
        String sha256 = sha256Hex(bytes, 0, bytes.length);
        checkFileName(source, sha256);
        return new ModelArtifact(bytes, sha256, header, Map.copyOf(tensors));
    }

    private static String utf8(byte[] bytes, int length, String source) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, PREAMBLE_BYTES, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new ModelFormatException(source, "header is not valid UTF-8");
        }
    }

    /** Shapes against the architecture, then placement: inside the blob, aligned, disjoint, covering. */
    private static void checkTensors(ArtifactHeader header, long blobBytes, String source) {
        ModelArchitecture arch = header.architecture();
        long neededBytes = arch.parameterCount() * TensorSpec.BYTES_PER_VALUE;
        if (blobBytes != neededBytes) {
            throw new ModelFormatException(source, "blob is " + blobBytes + " bytes but the architecture's "
                    + arch.parameterCount() + " parameters need " + neededBytes + " bytes"
                    + (blobBytes < neededBytes ? ": truncated" : ": trailing bytes"));
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

    private static float[] floats(ByteBuffer buffer, int blobStart, TensorSpec spec, String source) {
        float[] values = new float[(int) spec.elementCount()];
        int position = blobStart + (int) spec.offsetBytes();
        for (int i = 0; i < values.length; i++) {
            float value = buffer.getFloat(position + i * TensorSpec.BYTES_PER_VALUE);
            if (!Float.isFinite(value)) {
                throw new ModelFormatException(source, "tensor '" + spec.name() + "' value " + i + " is " + value
                        + ": weights must be finite");
            }
            values[i] = value;
        }
        return values;
    }

    private static void checkFileName(String source, String sha256) {
        String name = source.substring(Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1);
        Matcher matcher = DIGEST_NAME.matcher(name);
        if (matcher.matches() && !matcher.group(1).equals(sha256)) {
            throw new ModelFormatException(source, "file is named after digest " + matcher.group(1)
                    + " but its bytes have SHA-256 " + sha256 + ": corrupt or renamed");
        }
    }

    static String sha256Hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }

    // ---------------------------------------------------------------- building

    /**
     * Assembles an artifact from its parts. {@link #build()} serialises deterministically (same
     * parts, same bytes) and then reads the bytes back through every check {@link #read} makes.
     *
     * <p>Not thread-safe: one builder per artifact.
     */
    public static final class Builder {
        private ModelArchitecture architecture;
        private FeatureSchema featureSchema;
        private Normalisation normalisation;
        private Provenance provenance;
        private ObjectNode metrics = JsonNodeFactory.instance.objectNode();
        private final Map<String, float[]> tensors = new HashMap<>();

        private Builder() {
        }

        public Builder architecture(ModelArchitecture value) {
            architecture = value;
            return this;
        }

        public Builder featureSchema(FeatureSchema value) {
            featureSchema = value;
            return this;
        }

        public Builder normalisation(Normalisation value) {
            normalisation = value;
            return this;
        }

        public Builder provenance(Provenance value) {
            provenance = value;
            return this;
        }

        /** Free-form metrics object (copied); empty when not set or null. */
        public Builder metrics(ObjectNode value) {
            metrics = value == null ? JsonNodeFactory.instance.objectNode() : value.deepCopy();
            return this;
        }

        /** Sets tensor {@code name} to {@code rowMajorValues} (copied). */
        public Builder tensor(String name, float[] rowMajorValues) {
            tensors.put(name, rowMajorValues.clone());
            return this;
        }

        /** Serialises and verifies; throws {@link ModelFormatException} naming what is missing or wrong. */
        public ModelArtifact build() {
            if (architecture == null || featureSchema == null || normalisation == null || provenance == null) {
                throw new ModelFormatException(BUILDER_SOURCE, "architecture, feature schema, normalisation and "
                        + "provenance are all required");
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
            byte[] blobBytes = blob.array();
            ArtifactHeader header = new ArtifactHeader(FORMAT_VERSION, architecture, featureSchema, normalisation,
                    provenance, metrics, layout, sha256Hex(blobBytes, 0, blobBytes.length));
            byte[] json;
            try {
                json = HeaderCodec.write(header);
            } catch (IllegalArgumentException e) {
                throw new ModelFormatException(BUILDER_SOURCE, "cannot write header: " + e.getMessage(), e);
            }
            if (json.length > MAX_HEADER_BYTES) {
                throw new ModelFormatException(BUILDER_SOURCE, "header is " + json.length + " bytes, more than "
                        + MAX_HEADER_BYTES);
            }
            ByteBuffer file = ByteBuffer.allocate(PREAMBLE_BYTES + json.length + blobBytes.length)
                    .order(ByteOrder.LITTLE_ENDIAN);
            file.put(MAGIC).putInt(json.length).put(json).put(blobBytes);
            return read(file.array(), BUILDER_SOURCE);
        }
    }
}
