package dev.weir.models.data;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.io.Serializable;

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
 * <p>Immutable and thread-safe; serializable, so a call planned here can run in another JVM.
 */
public record SampleSource(String scenario, String family, String trace, long seed, String split)
        implements Validatable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Cap on a name's length in characters. */
    public static final int MAX_NAME_CHARS = 1024;

    @Override
    public void validate(ConfigCheck check) {
        name(check, "scenario", scenario);
        name(check, "family", family);
        name(check, "trace", trace);
        check.require(Dataset.SPLITS.contains(split), "split", split, "must be one of " + Dataset.SPLITS);
    }

    private static void name(ConfigCheck check, String field, String value) {
        check.require(value != null && !value.isEmpty() && value.length() <= MAX_NAME_CHARS, field,
                value == null ? null : value.length() + " characters", "must be 1-" + MAX_NAME_CHARS + " characters");
    }
}
