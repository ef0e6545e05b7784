/*
 * The NPY format, version 1.0 (numpy.lib.format, numpy.org/doc/stable/reference/generated/
 * numpy.lib.format.html), and NPZ: a zip archive of .npy files named after the arrays, as
 * numpy.savez_compressed writes it.
 */
package dev.weir.models.data;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Streams arrays into an NPZ archive one at a time: {@link #begin} writes an array's NPY header,
 * then the caller writes exactly its values in C order through the typed methods, then
 * {@link #end}. Values are little-endian; strings are fixed-width UTF-32 ({@code <U}n), as numpy
 * stores them. Entries are deflated.
 *
 * <p>Not thread-safe.
 */
public final class NpzWriter implements AutoCloseable {
    /** Element types this writer produces, with their NPY {@code descr}. */
    public enum Type {
        FLOAT32("<f4"), INT32("<i4"), INT64("<i8"), INT8("|i1");

        final String descr;

        Type(String descr) {
            this.descr = descr;
        }
    }

    /** Every entry's modification time: a fixed instant (zip's DOS time starts in 1980), so exports are reproducible. */
    static final java.time.LocalDateTime ENTRY_TIME = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);

    private final ZipOutputStream zip;
    private final DataOutputStream out;
    private long expected;
    private long written;
    private String current;

    public NpzWriter(OutputStream target) {
        this.zip = new ZipOutputStream(new BufferedOutputStream(target, 1 << 16));
        // Buffered above the deflater: its write(int) would allocate a one-byte array per call.
        this.out = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
    }

    /** Starts array {@code name} ({@code name.npy} in the archive) of {@code type} and {@code shape}. */
    public void begin(String name, Type type, long... shape) throws IOException {
        begin(name, type.descr, shape);
    }

    /** Writes a whole string array ({@code <U}n, n = the longest string's code points, at least 1). */
    public void strings(String name, java.util.List<String> values) throws IOException {
        int width = 1;
        for (String v : values) {
            width = Math.max(width, v.codePointCount(0, v.length()));
        }
        begin(name, "<U" + width, values.size());
        for (String v : values) {
            int[] points = v.codePoints().toArray();
            for (int i = 0; i < width; i++) {
                writeIntLe(i < points.length ? points[i] : 0);
            }
            written++;
        }
        end();
    }

    private void begin(String name, String descr, long... shape) throws IOException {
        if (current != null) {
            throw new IllegalStateException("array " + current + " is not finished");
        }
        StringBuilder dims = new StringBuilder("(");
        long count = 1;
        for (long d : shape) {
            dims.append(d).append(", ");
            count = Math.multiplyExact(count, d);
        }
        if (shape.length == 1) {
            dims.setLength(dims.length() - 1); // "(n,)"
        } else if (shape.length > 1) {
            dims.setLength(dims.length() - 2);
        }
        dims.append(')');
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + dims + ", }";
        // Magic (6) + version (2) + header length (2) + dict + padding + '\n' is a multiple of 64.
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        if (header.length() > 65_535) {
            throw new IllegalArgumentException("NPY 1.0 header too long for " + name);
        }
        ZipEntry entry = new ZipEntry(name + ".npy");
        entry.setTimeLocal(ENTRY_TIME); // not the clock: same dataset, same bytes
        zip.putNextEntry(entry);
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        out.write(header.length() & 0xFF);
        out.write(header.length() >>> 8);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
        current = name;
        expected = count;
        written = 0;
    }

    public void float32(float value) throws IOException {
        writeIntLe(Float.floatToRawIntBits(value));
        written++;
    }

    public void int32(int value) throws IOException {
        writeIntLe(value);
        written++;
    }

    public void int64(long value) throws IOException {
        writeIntLe((int) value);
        writeIntLe((int) (value >>> 32));
        written++;
    }

    public void int8(byte value) throws IOException {
        out.write(value);
        written++;
    }

    /** Finishes the current array; it must have received exactly its element count. */
    public void end() throws IOException {
        if (written != expected) {
            throw new IllegalStateException("array " + current + ": wrote " + written + " of " + expected + " values");
        }
        out.flush();
        zip.closeEntry();
        current = null;
    }

    private void writeIntLe(int v) throws IOException {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write(v >>> 24);
    }

    @Override
    public void close() throws IOException {
        out.flush();
        zip.close();
    }
}
