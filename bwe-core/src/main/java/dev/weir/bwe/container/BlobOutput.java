package dev.weir.bwe.container;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes little-endian arrays into a blob stream through one 64 KiB buffer (the counterpart of
 * {@link BlobInput}). Call {@link #flush()} when done.
 *
 * <p>Not thread-safe: one per blob.
 */
public final class BlobOutput {
    private final OutputStream out;
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    public BlobOutput(OutputStream out) {
        this.out = out;
    }

    /** Writes {@code values[offset, offset + count)} as float32. */
    public void floats(float[] values, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            room(Float.BYTES);
            chunk.putFloat(values[i]);
        }
    }

    /** Writes {@code values[offset, offset + count)} as int32. */
    public void ints(int[] values, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            room(Integer.BYTES);
            chunk.putInt(values[i]);
        }
    }

    /** Writes {@code values[offset, offset + count)}. */
    public void bytes(byte[] values, int offset, int count) throws IOException {
        flush();
        out.write(values, offset, count);
    }

    /** Passes everything buffered on to the stream. */
    public void flush() throws IOException {
        out.write(chunk.array(), 0, chunk.position());
        chunk.clear();
    }

    private void room(int bytes) throws IOException {
        if (chunk.remaining() < bytes) {
            flush();
        }
    }
}
