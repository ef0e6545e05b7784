package dev.weir.sim.tune;

/**
 * One tuned value: a dotted path into a {@link dev.weir.steer.ParameterSet}'s JSON (e.g.
 * {@code tuning.loss_based.high_loss_threshold}) and its search range.
 *
 * <p>Immutable and thread-safe.
 *
 * @param path snake_case JSON path from the parameter set's root
 * @param min lowest value tried
 * @param max highest value tried
 * @param integer whether the value is rounded to a whole number (durations, counts)
 */
public record Dimension(String path, double min, double max, boolean integer) {
    public Dimension {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a dimension needs a path");
        }
        if (!(min < max)) {
            throw new IllegalArgumentException(path + ": min " + min + " must be below max " + max);
        }
    }

    /** A continuous dimension. */
    public static Dimension of(String path, double min, double max) {
        return new Dimension(path, min, max, false);
    }

    /** The value at {@code unit} in [0, 1] of the range (clamped), rounded for integer dimensions. */
    public double valueAt(double unit) {
        double value = min + Math.max(0, Math.min(1, unit)) * (max - min);
        return integer ? Math.rint(value) : value;
    }

    /** Where {@code value} lies in the range, in [0, 1]. */
    public double unitOf(double value) {
        return Math.max(0, Math.min(1, (value - min) / (max - min)));
    }
}
