package dev.weir.bwe.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

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
    static final byte[] MAGIC = "WEIRMDL1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final String sha256;
    private final ArtifactHeader header;
    private final Map<String, float[]> tensors;

    ModelArtifact(byte[] bytes, String sha256, ArtifactHeader header, Map<String, float[]> tensors) {
        this.bytes = bytes;
        this.sha256 = sha256;
        this.header = header;
        this.tensors = tensors;
    }

    /**
     * Reads and verifies an artifact file. The preamble (magic and header length) is checked
     * before the rest of the file is read, and the file is read once into memory it then owns (no
     * copy), so a file that is not an artifact costs 12 bytes of reading and a valid one at the
     * caps about twice its size in heap ({@link #MAX_FILE_BYTES}: 64 MiB of weights).
     */
    public static ModelArtifact read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long sizeBytes = channel.size();
            if (sizeBytes > MAX_FILE_BYTES) {
                throw new ModelFormatException(source, "file is " + sizeBytes + " bytes, more than the cap of "
                        + MAX_FILE_BYTES + " bytes");
            }
            ByteBuffer preamble = ByteBuffer.allocate((int) Math.min(PREAMBLE_BYTES, sizeBytes));
            readFully(channel, preamble);
            ArtifactDecoder.checkPreamble(preamble.array(), sizeBytes, source);
            byte[] content = new byte[(int) sizeBytes];
            System.arraycopy(preamble.array(), 0, content, 0, PREAMBLE_BYTES);
            readFully(channel, ByteBuffer.wrap(content, PREAMBLE_BYTES, content.length - PREAMBLE_BYTES));
            return decode(content, source);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(source, "file not found");
        } catch (IOException e) {
            throw new ModelFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies and decodes artifact bytes; {@code source} names them in errors and, when its last
     * path segment is a SHA-256 digest, must match the digest of {@code bytes}.
     */
    public static ModelArtifact read(byte[] bytes, String source) {
        return decode(bytes.clone(), source);
    }

    /** Decodes bytes this class owns; any exception the checks missed still names the source. */
    private static ModelArtifact decode(byte[] owned, String source) {
        try {
            return ArtifactDecoder.decode(owned, source);
        } catch (ModelFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ModelFormatException(source, "unreadable: " + e, e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new IOException("file shrank while being read");
            }
        }
    }

    /** Size of the artifact file in bytes. */
    public int sizeBytes() {
        return bytes.length;
    }

    /** The content-addressed file name for artifact bytes: {@code <sha256 hex>.weirmodel}. */
    public static String fileNameFor(byte[] bytes) {
        return sha256Hex(bytes, 0, bytes.length) + FILE_EXTENSION;
    }

    /** Starts building an artifact from its parts. */
    public static ModelArtifactBuilder builder() {
        return new ModelArtifactBuilder();
    }

    /**
     * Writes this artifact into {@code directory} under its content-addressed name (through a
     * temporary file and a rename, so readers never see half a file) and returns the path.
     */
    public Path writeTo(Path directory) throws IOException {
        Path target = directory.resolve(fileName());
        AtomicFiles.write(target, bytes);
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

    /** Where each tensor lives in the blob, as the header lists them. */
    public List<TensorSpec> tensorSpecs() {
        return header.tensors();
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

    static String sha256Hex(byte[] bytes, int offset, int length) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(bytes, offset, length);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
