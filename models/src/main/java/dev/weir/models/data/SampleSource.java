package dev.weir.models.data;

/**
 * Where a group of samples came from: one simulated call.
 *
 * @param scenario scenario name
 * @param family network type the scenario stands for (results are reported per family)
 * @param trace trace identity (e.g. {@code hsdpa-3g/train/norway_bus_1}, or the scenario name for
 *     synthetic capacity); the train/validation/test split is by trace, never by window
 * @param seed simulation seed
 * @param split {@code train}, {@code validation} or {@code test}
 *
 * <p>Immutable and thread-safe.
 */
public record SampleSource(String scenario, String family, String trace, long seed, String split) {
}
