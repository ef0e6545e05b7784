package dev.weir.models.data;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.io.Serializable;

/**
 * One simulated call of a dataset: where its steps came from, which recording it belongs to and
 * which split it is in.
 *
 * @param scenario scenario name
 * @param family network family the scenario stands for (e.g. {@code trace-hsdpa-3g-random-loss});
 *     results are reported per family
 * @param trace trace identity (e.g. {@code hsdpa-3g/train/norway_bus_1}), or the scenario name for
 *     synthetic capacity
 * @param group the recording the call belongs to ({@code dev.weir.models.dataset.RecordingGroups}):
 *     splits and cross-validation folds never separate calls of one group
 * @param seed simulation seed
 * @param split {@code train}, {@code validation} or {@code test}
 * @param driver the estimator that steered the call ({@code gcc}, {@code gcc-tuned}, {@code weir})
 * @param offsetMs where in the trace the call starts, milliseconds (0 for synthetic scenarios)
 * @param steps signal steps the call contributes to the dataset
 *
 * <p>Immutable and thread-safe; serializable, so a call planned here can run in another JVM.
 */
public record SampleSource(String scenario, String family, String trace, String group, long seed, String split,
        String driver, long offsetMs, int steps) implements Validatable, Serializable {
    private static final long serialVersionUID = 1L;

    /** Cap on a name's length in characters. */
    public static final int MAX_NAME_CHARS = 1024;
    /** Cap on one call's steps: 24 h of 20 ms steps. */
    public static final int MAX_STEPS = 4_320_000;

    @Override
    public void validate(ConfigCheck check) {
        name(check, "scenario", scenario);
        name(check, "family", family);
        name(check, "trace", trace);
        name(check, "group", group);
        name(check, "driver", driver);
        check.require(Dataset.SPLITS.contains(split), "split", split, "must be one of " + Dataset.SPLITS);
        check.range("offset_ms", offsetMs, 0, Long.MAX_VALUE / 2);
        check.range("steps", steps, 0, MAX_STEPS);
    }

    /** The same call with {@code steps} steps. */
    public SampleSource withSteps(int value) {
        return new SampleSource(scenario, family, trace, group, seed, split, driver, offsetMs, value);
    }

    private static void name(ConfigCheck check, String field, String value) {
        check.require(value != null && !value.isEmpty() && value.length() <= MAX_NAME_CHARS, field,
                value == null ? null : value.length() + " characters", "must be 1-" + MAX_NAME_CHARS + " characters");
    }
}
