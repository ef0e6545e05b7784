package dev.weir.bwe.container;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.bwe.util.Sha256;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Writes containers ({@link ContainerFormat} has the layout). The blob is streamed from a
 * {@link BlobWriter}, so a dataset of gigabytes never exists as one array; the digest is computed
 * on the way out. Files go through {@link AtomicFiles}: they appear complete or not at all.
 *
 * <p>Stateless and thread-safe.
 */
public final class ContainerWriter {
    /** Writes exactly the declared number of blob bytes to a stream. */
    @FunctionalInterface
    public interface BlobWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private ContainerWriter() {
    }

    /**
     * Writes one container to {@code out} and returns its content digest (the 32-byte trailer).
     *
     * @throws IllegalArgumentException when the header or blob length breaks the format's caps
     * @throws IllegalStateException when {@code blob} writes another number of bytes than {@code blobBytes}
     */
    public static byte[] write(OutputStream out, ContainerFormat format, byte[] header, long blobBytes,
            BlobWriter blob) throws IOException {
        if (header.length < 1 || header.length > format.maxHeaderBytes()) {
            throw new IllegalArgumentException(format.kind() + " header of " + header.length
                    + " bytes is outside [1, " + format.maxHeaderBytes() + "]");
        }
        if (blobBytes < 0 || blobBytes > format.maxBlobBytes()) {
            throw new IllegalArgumentException(format.kind() + " blob of " + blobBytes + " bytes is outside [0, "
                    + format.maxBlobBytes() + "]");
        }
        DigestingOutput digesting = new DigestingOutput(out);
        ByteBuffer preamble = ByteBuffer.allocate(ContainerFormat.PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        preamble.put(format.magicBytes()).putInt(format.version()).putInt(header.length);
        digesting.write(preamble.array());
        digesting.write(header);
        digesting.write(ByteBuffer.allocate(ContainerFormat.BLOB_LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(blobBytes).array());
        long before = digesting.count;
        blob.writeTo(digesting);
        long written = digesting.count - before;
        if (written != blobBytes) {
            throw new IllegalStateException(format.kind() + " blob writer wrote " + written + " bytes, declared "
                    + blobBytes);
        }
        byte[] trailer = digesting.digest.digest();
        out.write(trailer);
        return trailer;
    }

    /** The container of {@code header} and {@code blob} as bytes. */
    public static byte[] toBytes(ContainerFormat format, byte[] header, byte[] blob) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                (int) Math.min(Integer.MAX_VALUE - 8, ContainerFormat.fileBytes(header.length, blob.length)));
        try {
            write(out, format, header, blob.length, stream -> stream.write(blob));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /** Atomically writes the container to {@code target} ({@link AtomicFiles#write}). */
    public static void writeFile(Path target, ContainerFormat format, byte[] header, long blobBytes,
            BlobWriter blob) throws IOException {
        AtomicFiles.write(target, out -> {
            BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
            write(buffered, format, header, blobBytes, blob);
            buffered.flush();
        });
    }

    /** The content digest (trailer) the container would have, computed without writing it anywhere. */
    public static byte[] digest(ContainerFormat format, byte[] header, long blobBytes, BlobWriter blob) {
        try {
            return write(OutputStream.nullOutputStream(), format, header, blobBytes, blob);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to nowhere cannot fail", e);
        }
    }

    /** Passes bytes on while digesting and counting them. Not thread-safe. */
    private static final class DigestingOutput extends OutputStream {
        private final OutputStream out;
        private final MessageDigest digest = Sha256.newDigest();
        private long count;

        DigestingOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            digest.update(bytes, offset, length);
            count += length;
        }
    }
}
