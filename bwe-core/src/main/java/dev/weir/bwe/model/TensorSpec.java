package dev.weir.bwe.model;

import java.util.List;

/**
 * Where one weight tensor lives in an artifact's blob: row-major little-endian float32 values.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        tensor name, e.g. {@code lstm.W} (see {@link ModelArchitecture#tensorLayout()})
 * @param shape       dimensions, outermost first (a matrix is {@code [rows, cols]}, a bias {@code [n]})
 * @param offsetBytes start of the values, in bytes from the start of the blob
 * @param lengthBytes size of the values in bytes: 4 x the product of {@code shape}
 */
public record TensorSpec(String name, List<Integer> shape, long offsetBytes, long lengthBytes) {
    /** Bytes per stored value (float32). */
    public static final int BYTES_PER_VALUE = Float.BYTES;

    public TensorSpec {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("tensor name must not be empty");
        }
        shape = List.copyOf(shape);
    }

    /** Number of values: the product of the shape, computed in {@code long} so it cannot overflow. */
    public long elementCount() {
        long count = 1;
        for (int dim : shape) {
            count *= dim;
        }
        return count;
    }
}
