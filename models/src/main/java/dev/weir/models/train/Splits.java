package dev.weir.models.train;

import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.dataset.SplitRule;
import java.util.Arrays;

/**
 * The training and validation calls of a run: the dataset's own splits, or, for grouped
 * cross-validation, every non-test call of the chosen fold's recording groups as validation and
 * the other non-test calls as training. Test calls are never either.
 *
 * <p>Immutable and thread-safe.
 *
 * @param train      training call indices, in dataset order
 * @param validation validation call indices, in dataset order
 */
public record Splits(int[] train, int[] validation) {
    /** The splits {@code settings} ask for. */
    public static Splits of(Dataset dataset, TrainerSettings settings) {
        if (settings.validationFold < 0) {
            return new Splits(dataset.sourcesOfSplit(SplitRule.TRAIN), dataset.sourcesOfSplit(SplitRule.VALIDATION));
        }
        int[] train = new int[dataset.sources().size()];
        int[] validation = new int[dataset.sources().size()];
        int t = 0;
        int v = 0;
        for (int s = 0; s < dataset.sources().size(); s++) {
            SampleSource source = dataset.source(s);
            if (source.split().equals(SplitRule.TEST)) {
                continue;
            }
            if (SplitRule.fold(source.group(), settings.folds) == settings.validationFold) {
                validation[v++] = s;
            } else {
                train[t++] = s;
            }
        }
        return new Splits(Arrays.copyOf(train, t), Arrays.copyOf(validation, v));
    }
}
