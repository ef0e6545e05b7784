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
 * 2-core build machine one thread trains up to 2x faster than two (per-op overhead dominates).
 * Parameters are bit-identical for the same thread count, not across counts: on the default
 * model's 580 610-step dataset, {@code OMP_NUM_THREADS} unset and 1 already differ in the first
 * epoch's training loss (53.6661 and 53.6662), and the runs stop at different best epochs.
 * {@link TrainingReport#ompNumThreads()} records what the run saw.
 *
 * <p>Not thread-safe: a mutable settings holder; the trainer copies it at the start.
 */
public final class TrainerSettings implements Validatable {
    /** Validation metrics early stopping can watch. */
    public static final List<String> VALIDATION_METRICS = List.of("loss", "roc_auc");
    /** {@link #calibration}: fitted on the validation split. */
    public static final String CALIBRATION_VALIDATION = "validation";
    /** {@link #calibration}: fitted on the pooled out-of-fold predictions of every grouped fold. */
    public static final String CALIBRATION_POOLED_FOLDS = "pooled_folds";
    /** What the calibration can be fitted on. */
    public static final List<String> CALIBRATIONS = List.of(CALIBRATION_VALIDATION, CALIBRATION_POOLED_FOLDS);

    /** Seed of weight initialisation and of the per-epoch shuffling order. */
    public long seed = 42;
    /**
     * Adam learning rate: 3e-3, Adam's default 1e-3 scaled for minibatches of {@link #batchCalls}
     * whole calls (about the square root of the batch growth; Goyal et al. 2017 discuss scaling).
     */
    public double learningRate = 3e-3;
    /**
     * Calls per minibatch. DL4J's LSTM costs per time step, not per sequence (per-op overhead,
     * dl4j-notes): 8 calls ran 1 500 steps/s here, 40 calls 4 000, so a minibatch holds many calls;
     * an epoch of a few hundred calls still gives tens of updates (one per truncation segment).
     */
    public int batchCalls = 64;
    /**
     * Steps per truncated-BPTT segment: 250 steps = 50 s, beyond the 10 s window the dense inputs
     * summarise and the 60 s the memory features reach; the state carries over the whole call.
     */
    public int tbpttSteps = 250;
    /** Upper bound on passes over the training split (a pass over the default dataset is minutes on 2 cores). */
    public int maxEpochs = 10;
    /** Epochs without validation improvement before training stops (the best epoch's parameters are kept). */
    public int patience = 2;
    /** Smallest validation change that counts as an improvement, in units of the metric. */
    public double minImprovement = 1e-4;
    /**
     * LSTM width. A streaming decision costs one LSTM step whatever the width, (F + H) x 4H
     * multiply-adds: about 7 000 at 32 units, a few microseconds in plain Java, so the width is
     * chosen by validation, not by run-time cost (docs/ml.md).
     */
    public int lstmUnits = 32;
    /** Width of the dense branch. */
    public int denseUnits = 32;
    /** Width of the layer after the merge. */
    public int mergeUnits = 32;
    /** Early-stopping metric on the validation split: loss (lower is better) or roc_auc (mean over heads). */
    public String validationMetric = "loss";
    /**
     * Weight each head's classes inversely to their frequency in the training split (balanced).
     * Off by default: unweighted cross-entropy keeps the outputs close to calibrated (the weighted
     * model of the previous issue predicted 0.41 on a 0.24 base rate), and ranking does not need it.
     */
    public boolean classWeighting = false;
    /** Heads to train, in output order; one task trains a single-task model. */
    public List<String> tasks = new ArrayList<>(List.of(Dataset.TASK_LOSS_ATTRIBUTION, Dataset.TASK_CONGESTION));
    /**
     * Heads trained after {@link #tasks}' on their trained trunk, frozen ({@code FrozenTrunkHeads}):
     * they add outputs without changing the others. The FEC-sizing heads by default: trained
     * jointly with the others they cost loss attribution 0.03 F1 and onset 0.025 ROC-AUC on
     * validation (docs/ml.md, "FEC sizing"). Empty: none.
     */
    public List<String> frozenTrunkTasks = new ArrayList<>(List.of(Dataset.TASK_RANDOM_LOSS_RATE,
            Dataset.TASK_LOSS_BURST));
    /**
     * Adam learning rate of the frozen-trunk heads. Higher than {@link #learningRate}: only linear
     * softmax heads learn there (a convex problem on fixed features), and at 3e-3 they were still
     * far from converged after 10 epochs of about ten updates each (docs/ml.md, "FEC sizing").
     */
    public double frozenTrunkLearningRate = 0.03;
    /**
     * Floor on a feature's scale in its transformed unit, so a constant feature does not divide by
     * zero; far below the spread of any informative feature.
     */
    public double stdFloor = 1e-3;
    /**
     * The cross-validation fold that is validation (grouped by recording); -1 keeps the dataset's
     * own validation split. Every other non-test call trains.
     */
    public int validationFold = -1;
    /** Folds of {@link #validationFold} (must equal the dataset's when a fold is chosen). */
    public int folds = 5;
    /**
     * Train the congestion head on the onset windows only (the decisions the observable gate calls
     * not congested now), instead of on every decision: the onset task alone, without the easier
     * detection windows. Off: on validation it did not raise the onset ROC-AUC and made the head's
     * calibration worse (docs/ml.md, "Validation experiments").
     */
    public boolean congestionOnGatedOnly = false;
    /** Fit each head's calibration (temperature and class biases); off leaves the heads uncalibrated. */
    public boolean calibrate = true;
    /**
     * What the calibration is fitted on ({@link #CALIBRATIONS}): {@code validation}, the validation
     * split's decisions as the trained model predicts them; or {@code pooled_folds}, the
     * out-of-fold predictions of every grouped fold ({@link #folds}): for each fold a model with
     * this seed and these settings is trained with that fold as validation, predicts it, and one
     * fit runs on all of them. {@code pooled_folds} trains up to {@link #folds} more models (a
     * fold whose split equals this run's reuses its model); docs/ml.md, "Calibration per grouped
     * fold", has the cross-validated comparison. Ignored when {@link #calibrate} is off.
     */
    public String calibration = CALIBRATION_VALIDATION;
    /**
     * Heads that keep the identity calibration while the others are calibrated: a head whose raw
     * output was better calibrated on held-out folds than any fitted calibration (`./weir
     * calibration-study`). Empty: every head is calibrated when {@link #calibrate} is on.
     */
    public List<String> uncalibratedTasks = new ArrayList<>();

    @Override
    public void validate(ConfigCheck check) {
        check.range("seed", seed, Long.MIN_VALUE, Long.MAX_VALUE);
        // Above 1 Adam diverges on any data; below 1e-7 nothing trains in a practical number of steps.
        check.range("learning_rate", learningRate, 1e-7, 1.0);
        check.range("batch_calls", batchCalls, 1, 65_536);
        check.range("tbptt_steps", tbpttSteps, 0, 1_000_000);
        check.range("max_epochs", maxEpochs, 1, 10_000);
        check.range("patience", patience, 1, 10_000);
        check.range("min_improvement", minImprovement, 0.0, 1.0);
        check.range("lstm_units", lstmUnits, 1, 1024);
        check.range("dense_units", denseUnits, 1, 4096);
        check.range("merge_units", mergeUnits, 1, 4096);
        check.require(VALIDATION_METRICS.contains(validationMetric), "validation_metric", validationMetric,
                "must be one of " + VALIDATION_METRICS);
        check.range("std_floor", stdFloor, 1e-12, 1e6);
        check.range("folds", folds, 2, 100);
        check.range("validation_fold", validationFold, -1, folds - 1);
        check.require(CALIBRATIONS.contains(calibration), "calibration", calibration,
                "must be one of " + CALIBRATIONS);
        check.notNull("tasks", tasks);
        if (tasks != null) {
            check.require(!tasks.isEmpty(), "tasks", tasks, "must name at least one task");
            check.require(tasks.stream().allMatch(Tasks.ALL::contains), "tasks", tasks,
                    "every task must be one of " + Tasks.ALL);
            check.require(new HashSet<>(tasks).size() == tasks.size(), "tasks", tasks, "must not repeat a task");
        }
        check.range("frozen_trunk_learning_rate", frozenTrunkLearningRate, 1e-7, 1.0);
        check.notNull("uncalibrated_tasks", uncalibratedTasks);
        if (uncalibratedTasks != null) {
            check.require(uncalibratedTasks.stream().allMatch(Tasks.ALL::contains), "uncalibrated_tasks",
                    uncalibratedTasks, "every task must be one of " + Tasks.ALL);
        }
        check.notNull("frozen_trunk_tasks", frozenTrunkTasks);
        if (frozenTrunkTasks != null) {
            check.require(frozenTrunkTasks.stream().allMatch(Tasks.ALL::contains), "frozen_trunk_tasks",
                    frozenTrunkTasks, "every task must be one of " + Tasks.ALL);
            check.require(new HashSet<>(frozenTrunkTasks).size() == frozenTrunkTasks.size(), "frozen_trunk_tasks",
                    frozenTrunkTasks, "must not repeat a task");
            check.require(tasks == null || frozenTrunkTasks.stream().noneMatch(tasks::contains), "frozen_trunk_tasks",
                    frozenTrunkTasks, "must not repeat a task of tasks " + tasks);
        }
    }

    /** Whether a higher value of the validation metric is better. */
    public boolean higherIsBetter() {
        return !"loss".equals(validationMetric);
    }
}
