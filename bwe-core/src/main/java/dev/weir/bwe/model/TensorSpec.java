package dev.weir.bwe.model;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.List;

/**
 * Where one weight tensor lives in an artifact's blob: row-major little-endian float32 values.
 * Bound from a model header, then {@linkplain #validate validated}; placement against the
 * architecture is checked when the artifact is decoded.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name        tensor name, e.g. {@code lstm.W} (see {@link ModelArchitecture#tensorLayout()})
 * @param shape       dimensions, outermost first (a matrix is {@code [rows, cols]}, a bias {@code [n]})
 * @param offsetBytes start of the values, in bytes from the start of the blob
 * @param lengthBytes size of the values in bytes: 4 x the product of {@code shape}
 */
public record TensorSpec(String name, List<Integer> shape, long offsetBytes, long lengthBytes) implements Validatable {
    /** Bytes per stored value (float32). */
    public static final int BYTES_PER_VALUE = Float.BYTES;
    /** Cap on a tensor name's length in characters: "head." + a 64-character head name + ".W". */
    public static final int MAX_NAME_CHARS = 256;
    /** Cap on a tensor's rank; the format has matrices and vectors only. */
    public static final int MAX_RANK = 4;

    public TensorSpec {
        shape = ConfigCheck.copyOf(shape);
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(name != null && !name.isEmpty() && name.length() <= MAX_NAME_CHARS, "name",
                name == null ? null : "'" + name + "'", "must be 1-" + MAX_NAME_CHARS + " characters");
        check.notNull("shape", shape);
        if (shape != null) {
            check.require(shape.size() <= MAX_RANK, "shape", shape.size() + " dimensions", "at most " + MAX_RANK);
            for (int d = 0; d < shape.size() && d < MAX_RANK; d++) {
                check.require(shape.get(d) != null && shape.get(d) >= 0, "shape[" + d + "]", shape.get(d),
                        "must be a non-negative 32-bit integer");
            }
        }
        check.range("offset_bytes", offsetBytes, 0, Long.MAX_VALUE);
        check.range("length_bytes", lengthBytes, 0, Long.MAX_VALUE);
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
