package dev.weir.bwe.container;

import dev.weir.bwe.util.Sha256;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads one container ({@link ContainerFormat} has the layout), checking before it trusts or
 * allocates: {@link #open} checks the file size against the format's cap, then the magic, version
 * and header length against the caps and the file, reads the header and the blob length and checks
 * the total length; the caller parses the header, checks the blob length against what the header
 * declares, then streams the blob ({@link #blob()}) into the arrays it keeps and calls
 * {@link #finish()}, which compares the trailing SHA-256. Nothing read before {@code finish()}
 * returns may be handed out. Every problem is a {@link ContainerFormatException} naming the source.
 *
 * <p>Not thread-safe: one reader per file, used by one thread.
 */
public final class ContainerReader implements Closeable {
    private final InputStream in;
    private final String source;
    private final ContainerFormat format;
    private final long lengthBytes;
    private final int version;
    private final MessageDigest content = Sha256.newDigest();
    private final MessageDigest whole = Sha256.newDigest();
    private final byte[] header;
    private final long blobBytes;
    private long blobRead;
    private boolean blobOpened;
    private String fileSha256;

    private ContainerReader(InputStream in, long lengthBytes, ContainerFormat format, String source)
            throws IOException {
        this.in = in;
        this.source = source;
        this.format = format;
        this.lengthBytes = lengthBytes;
        byte[] preamble = readUpTo(ContainerFormat.PREAMBLE_BYTES);
        byte[] magic = format.magicBytes();
        int magicSeen = Math.min(magic.length, preamble.length);
        if (!Arrays.equals(preamble, 0, magicSeen, magic, 0, magicSeen)) {
            throw fail("wrong magic bytes " + HexFormat.of().formatHex(preamble, 0, magicSeen) + ", expected "
                    + HexFormat.of().formatHex(magic) + " (\"" + format.magic() + "\"): not a " + format.kind()
                    + " file");
        }
        if (preamble.length < ContainerFormat.PREAMBLE_BYTES) {
            throw fail("file is " + preamble.length + " bytes, shorter than the " + ContainerFormat.PREAMBLE_BYTES
                    + "-byte preamble (magic, version, header length): truncated");
        }
        ByteBuffer fields = ByteBuffer.wrap(preamble).order(ByteOrder.LITTLE_ENDIAN);
        long fileVersion = Integer.toUnsignedLong(fields.getInt(magic.length));
        if (fileVersion < format.oldestVersion() || fileVersion > format.version()) {
            throw fail("format version " + fileVersion + " is not supported (this reader reads version "
                    + (format.oldestVersion() == format.version() ? "" : format.oldestVersion() + " to ")
                    + format.version() + ")");
        }
        version = (int) fileVersion;
        long headerBytes = Integer.toUnsignedLong(fields.getInt(magic.length + 4));
        if (headerBytes < 1 || headerBytes > format.maxHeaderBytes()) {
            throw fail("header length " + headerBytes + " bytes is outside [1, " + format.maxHeaderBytes() + "]");
        }
        if (lengthBytes >= 0 && ContainerFormat.fileBytes(headerBytes, 0) > lengthBytes) {
            throw fail("header length " + headerBytes + " bytes runs past the end of the " + lengthBytes
                    + "-byte file: truncated");
        }
        header = readUpTo((int) headerBytes);
        byte[] blobLength = readUpTo(ContainerFormat.BLOB_LENGTH_BYTES);
        if (header.length < headerBytes || blobLength.length < ContainerFormat.BLOB_LENGTH_BYTES) {
            throw fail("file ends inside the header or blob length: truncated");
        }
        blobBytes = ByteBuffer.wrap(blobLength).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (blobBytes < 0 || blobBytes > format.maxBlobBytes()) {
            throw fail("blob length " + Long.toUnsignedString(blobBytes) + " bytes is outside [0, "
                    + format.maxBlobBytes() + "]");
        }
        long expected = ContainerFormat.fileBytes(headerBytes, blobBytes);
        if (lengthBytes >= 0 && expected != lengthBytes) {
            throw fail("header and blob lengths (" + headerBytes + " and " + blobBytes + " bytes) make a "
                    + expected + "-byte file, but it has " + lengthBytes + " bytes"
                    + (expected > lengthBytes ? ": truncated" : ": trailing bytes"));
        }
    }

    /**
     * Opens {@code file}; its path names it in errors. The size is checked against the format's
     * cap before anything is read.
     */
    public static ContainerReader open(Path file, ContainerFormat format) {
        String source = file.toString();
        InputStream in = null;
        try {
            long size = Files.size(file);
            if (size > format.maxFileBytes()) {
                throw new ContainerFormatException(source, "file is " + size + " bytes, more than the cap of "
                        + format.maxFileBytes() + " bytes for a " + format.kind() + " file");
            }
            in = Files.newInputStream(file);
            return new ContainerReader(in, size, format, source);
        } catch (NoSuchFileException e) {
            throw new ContainerFormatException(source, "file not found");
        } catch (IOException e) {
            closeQuietly(in);
            throw new ContainerFormatException(source, "cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
    }

    /** Opens a container held in memory. */
    public static ContainerReader open(byte[] bytes, ContainerFormat format, String source) {
        return open(new ByteArrayInputStream(bytes), bytes.length, format, source);
    }

    /**
     * Opens a container read from {@code in} (not buffered here: pass a buffered stream);
     * {@code lengthBytes} is its exact length when known, else -1 (a connection): the caps still
     * bound every allocation and a short stream is reported as truncated.
     */
    public static ContainerReader open(InputStream in, long lengthBytes, ContainerFormat format, String source) {
        try {
            return new ContainerReader(in, lengthBytes, format, source);
        } catch (IOException e) {
            throw new ContainerFormatException(source, "cannot read: " + e.getMessage());
        }
    }

    public String source() {
        return source;
    }

    public ContainerFormat format() {
        return format;
    }

    /** The file's format version, within the format's {@code oldestVersion}..{@code version}. */
    public int version() {
        return version;
    }

    /** Size of the header in bytes. */
    public int headerBytes() {
        return header.length;
    }

    /** A copy of the raw header bytes (not yet covered by the digest check). */
    public byte[] header() {
        return header.clone();
    }

    /** The header decoded as strict UTF-8. */
    public String headerText() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(header)).toString();
        } catch (CharacterCodingException e) {
            throw fail("header is not valid UTF-8");
        }
    }

    /** Declared size of the blob in bytes (within the format's cap and, for files, the file). */
    public long blobBytes() {
        return blobBytes;
    }

    /**
     * The blob as a stream of exactly {@link #blobBytes()} bytes, digested as it is read; a stream
     * that ends early throws a {@link ContainerFormatException} ("truncated"). Opened once.
     */
    public InputStream blob() {
        if (blobOpened) {
            throw new IllegalStateException("the blob of " + source + " is read once");
        }
        blobOpened = true;
        return new BlobStream();
    }

    /**
     * Reads the trailing SHA-256 and compares it with the digest of everything before it; for a
     * source of known length, also that nothing follows. Call after the whole blob was read.
     *
     * @return the content digest, lowercase hex
     * @throws IllegalStateException when the blob was not read to its end (a caller error)
     */
    public String finish() {
        if (blobRead != blobBytes) {
            throw new IllegalStateException("read " + blobRead + " of " + blobBytes + " blob bytes of " + source
                    + " before finish()");
        }
        try {
            byte[] computed = content.digest();
            byte[] trailer = in.readNBytes(ContainerFormat.TRAILER_BYTES);
            whole.update(trailer);
            if (trailer.length < ContainerFormat.TRAILER_BYTES) {
                throw fail("file ends inside the " + ContainerFormat.TRAILER_BYTES + "-byte SHA-256 trailer: truncated");
            }
            if (!MessageDigest.isEqual(computed, trailer)) {
                throw fail("SHA-256 of the content " + HexFormat.of().formatHex(computed) + " does not match the "
                        + "trailer " + HexFormat.of().formatHex(trailer) + ": the file is corrupt");
            }
            if (lengthBytes >= 0 && in.read() >= 0) {
                throw fail("file grew while being read");
            }
            fileSha256 = HexFormat.of().formatHex(whole.digest());
            return HexFormat.of().formatHex(computed);
        } catch (IOException e) {
            throw fail("cannot read: " + e.getMessage());
        }
    }

    /** SHA-256 of every byte of the file, trailer included (a content-addressed name); after {@link #finish()}. */
    public String fileSha256() {
        if (fileSha256 == null) {
            throw new IllegalStateException("fileSha256() of " + source + " before finish()");
        }
        return fileSha256;
    }

    /** A {@link ContainerFormatException} naming this reader's source. */
    public ContainerFormatException fail(String problem) {
        return new ContainerFormatException(source, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Reads up to {@code count} bytes of the frame before the blob (fewer only at the end), digesting them. */
    private byte[] readUpTo(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        whole.update(bytes);
        content.update(bytes);
        return bytes;
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the read already failed; that failure is the one to report
            }
        }
    }

    /** Exactly the blob's bytes, digested. Not thread-safe. */
    private final class BlobStream extends InputStream {
        private final byte[] one = new byte[1];

        @Override
        public int read() throws IOException {
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            long left = blobBytes - blobRead;
            if (left == 0) {
                return -1;
            }
            int n = in.read(buffer, offset, (int) Math.min(length, left));
            if (n < 0) {
                throw fail("file ends " + blobRead + " bytes into the " + blobBytes + "-byte blob: truncated");
            }
            content.update(buffer, offset, n);
            whole.update(buffer, offset, n);
            blobRead += n;
            return n;
        }
    }
}
