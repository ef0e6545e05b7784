package dev.weir.models.train;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import dev.weir.models.data.Dataset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Settings of {@link Trainer}. snake_case in JSON through {@code SettingsJson}; the whole object is
 * recorded in the model's provenance.
 *
 * <p>Threads: ND4J reads {@code OMP_NUM_THREADS} from the environment when its native library
 * loads, so it cannot be a setting here. Launch training with {@code OMP_NUM_THREADS=1}: on the
 * 2-core build machine one thread trains up to 2x faster than two (per-op overhead dominates), and
 * parameters are bit-identical for any thread count (docs/DEVELOPMENT.md).
 * {@link TrainingReport#ompNumThreads()} records what the run saw.
 *
 * <p>Not thread-safe: a mutable settings holder; the trainer copies it at the start.
 */
public final class TrainerSettings implements Validatable {
    /** Validation metrics early stopping can watch. */
    public static final List<String> VALIDATION_METRICS = List.of("loss", "roc_auc", "f1", "accuracy");

    /** Seed of weight initialisation and of the per-epoch shuffling order. */
    public long seed = 42;
    /** Adam learning rate; 1e-3 is Adam's default (Kingma and Ba, 2015). */
    public double learningRate = 1e-3;
    /** Samples per minibatch; 128-512 amortise DL4J's per-op overhead (dl4j-notes). */
    public int batchSize = 256;
    /** Upper bound on passes over the training split. */
    public int maxEpochs = 40;
    /** Epochs without validation improvement before training stops (the best epoch's parameters are kept). */
    public int patience = 5;
    /** Smallest validation change that counts as an improvement, in units of the metric. */
    public double minImprovement = 1e-4;
    /**
     * LSTM width. 8 keeps client inference of a 50-step window under the 50 us budget: median 34 us
     * per inference for 8 units, 70 us for 16 (the design's 16x1 vector), 287 us for 32 units at
     * 100 steps (bench ModelInferenceBenchmark, sample mode, 2.0 GHz Xeon); the LSTM dominates
     * because it runs once per step.
     */
    public int lstmUnits = 8;
    /** Width of the dense branch. */
    public int denseUnits = 16;
    /** Width of the layer after the merge. */
    public int mergeUnits = 16;
    /** Early-stopping metric on the validation split: loss (lower is better) or roc_auc, f1, accuracy (mean over heads). */
    public String validationMetric = "loss";
    /**
     * Weight each head's classes inversely to their frequency in the training split (balanced),
     * so a rare positive class is not ignored. Applied through the per-sample label masks.
     */
    public boolean classWeighting = true;
    /** Heads to train, in output order; one task trains a single-task model. */
    public List<String> tasks = new ArrayList<>(List.of(Dataset.TASK_LOSS_TYPE, Dataset.TASK_CONGESTION));
    /**
     * Floor on a feature's standard deviation in its own unit, so a constant feature (e.g. a flag
     * never set in training) does not divide by zero; far below the spread of any informative feature.
     */
    public double stdFloor = 1e-3;

    @Override
    public void validate(ConfigCheck check) {
        check.range("seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        // Above 1 Adam diverges on any data; below 1e-7 nothing trains in a practical number of steps.
        check.range("learning_rate", learningRate, 1e-7, 1.0);
        check.range("batch_size", batchSize, 1, 65_536);
        check.range("max_epochs", maxEpochs, 1, 10_000);
        check.range("patience", patience, 1, 10_000);
        check.range("min_improvement", minImprovement, 0.0, 1.0);
        check.range("lstm_units", lstmUnits, 1, 1024);
        check.range("dense_units", denseUnits, 1, 4096);
        check.range("merge_units", mergeUnits, 1, 4096);
        check.require(VALIDATION_METRICS.contains(validationMetric), "validation_metric", validationMetric,
                "must be one of " + VALIDATION_METRICS);
        check.range("std_floor", stdFloor, 1e-12, 1e6);
        check.notNull("tasks", tasks);
        if (tasks != null) {
            check.require(!tasks.isEmpty(), "tasks", tasks, "must name at least one task");
            check.require(tasks.stream().allMatch(Tasks.ALL::contains), "tasks", tasks,
                    "every task must be one of " + Tasks.ALL);
            check.require(new HashSet<>(tasks).size() == tasks.size(), "tasks", tasks, "must not repeat a task");
        }
    }

    /** Whether a higher value of the validation metric is better. */
    public boolean higherIsBetter() {
        return !"loss".equals(validationMetric);
    }
}
