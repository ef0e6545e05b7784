package dev.weir.bwe.container;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads little-endian arrays from a blob stream ({@link ContainerReader#blob()}) through one
 * 64 KiB buffer, straight into the caller's arrays: a blob is never held twice.
 *
 * <p>Not thread-safe: one per blob.
 */
public final class BlobInput {
    private final InputStream in;
    private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

    public BlobInput(InputStream in) {
        this.in = in;
        chunk.limit(0);
    }

    /** Reads {@code count} float32 values into {@code out[offset, offset + count)}. */
    public void floats(float[] out, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            need(Float.BYTES);
            out[i] = chunk.getFloat();
        }
    }

    /** Reads {@code count} int32 values into {@code out[offset, offset + count)}. */
    public void ints(int[] out, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            need(Integer.BYTES);
            out[i] = chunk.getInt();
        }
    }

    /** Reads {@code count} bytes into {@code out[offset, offset + count)}. */
    public void bytes(byte[] out, int offset, int count) throws IOException {
        int done = 0;
        while (done < count) {
            need(1);
            int n = Math.min(chunk.remaining(), count - done);
            chunk.get(out, offset + done, n);
            done += n;
        }
    }

    /** Makes at least {@code bytes} bytes available (a value never straddles a refill). */
    private void need(int bytes) throws IOException {
        if (chunk.remaining() >= bytes) {
            return;
        }
        chunk.compact();
        while (chunk.position() < bytes) {
            int n = in.read(chunk.array(), chunk.position(), chunk.capacity() - chunk.position());
            if (n < 0) {
                throw new EOFException("blob ended inside a value");
            }
            chunk.position(chunk.position() + n);
        }
        chunk.flip();
    }
}
