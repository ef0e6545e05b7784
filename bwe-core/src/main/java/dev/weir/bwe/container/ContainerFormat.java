package dev.weir.bwe.container;

import java.nio.charset.StandardCharsets;

/**
 * One kind of weir container file (model, dataset, bundle): its magic, the version of its header
 * and blob layout, a name for messages, and the caps a reader enforces before allocating.
 *
 * <h2>Container layout (all integers little-endian)</h2>
 * <pre>
 *   offset      size  field
 *   0           8     magic: 8 ASCII bytes naming the kind ({@code WEIRMODL}, {@code WEIRDSET}, ...)
 *   8           4     version of the kind's format, unsigned
 *   12          4     header length H, unsigned, 1 .. maxHeaderBytes
 *   16          H     header: canonical UTF-8 JSON object ({@link CanonicalJson})
 *   16 + H      8     blob length B, unsigned, 0 .. maxBlobBytes
 *   24 + H      B     blob: the kind's binary payload
 *   24 + H + B  32    SHA-256 of bytes [0, 24 + H + B): everything before it
 * </pre>
 * A file is exactly {@code 56 + H + B} bytes. The trailing digest makes any changed, missing or
 * added byte detectable; the explicit blob length lets a reader stream a container from a
 * connection without knowing its size.
 *
 * <p>Immutable and thread-safe.
 *
 * @param magic          8 printable ASCII characters
 * @param version        version of this kind's header and blob layout, >= 1
 * @param kind           what the file is, for messages (e.g. {@code weir model})
 * @param maxHeaderBytes cap on H
 * @param maxBlobBytes   cap on B
 * @param oldestVersion  oldest version a reader still accepts, 1..{@code version}: a writer writes
 *                       only {@code version}, and a kind whose reader still understands an older
 *                       layout (a dataset that only gained arrays) branches on
 *                       {@link ContainerReader#version()}
 */
public record ContainerFormat(String magic, int version, String kind, int maxHeaderBytes, long maxBlobBytes,
                              int oldestVersion) {
    /** Bytes before the header: magic, version, header length. */
    public static final int PREAMBLE_BYTES = 16;
    /** Bytes of the blob length field. */
    public static final int BLOB_LENGTH_BYTES = 8;
    /** Bytes of the trailing SHA-256. */
    public static final int TRAILER_BYTES = 32;
    /** Bytes of a container besides its header and blob. */
    public static final int FRAME_BYTES = PREAMBLE_BYTES + BLOB_LENGTH_BYTES + TRAILER_BYTES;

    public ContainerFormat {
        if (magic == null || magic.length() != 8 || !magic.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("magic '" + magic + "' must be 8 printable ASCII characters");
        }
        if (version < 1 || maxHeaderBytes < 2 || maxBlobBytes < 0) {
            throw new IllegalArgumentException("version " + version + " and caps " + maxHeaderBytes + "/"
                    + maxBlobBytes + " must be positive");
        }
        if (oldestVersion < 1 || oldestVersion > version) {
            throw new IllegalArgumentException("oldest version " + oldestVersion + " must be in [1, " + version + "]");
        }
    }

    /** A kind whose reader reads only the version it writes. */
    public ContainerFormat(String magic, int version, String kind, int maxHeaderBytes, long maxBlobBytes) {
        this(magic, version, kind, maxHeaderBytes, maxBlobBytes, version);
    }

    /** The magic as the 8 bytes a file starts with. */
    public byte[] magicBytes() {
        return magic.getBytes(StandardCharsets.US_ASCII);
    }

    /** Size of a file with an {@code headerBytes} header and a {@code blobBytes} blob. */
    public static long fileBytes(long headerBytes, long blobBytes) {
        return FRAME_BYTES + headerBytes + blobBytes;
    }

    /** The largest file this format allows. */
    public long maxFileBytes() {
        return fileBytes(maxHeaderBytes, maxBlobBytes);
    }
}
