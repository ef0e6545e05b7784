package dev.weir.models.train;

/**
 * Receives one report per finished epoch (e.g. to draw a progress bar) and the moment the first
 * minibatch enters the network. Called on the training thread; must not train or modify the graph.
 *
 * <p>Implementations decide their own thread-safety; the trainer calls from one thread only.
 */
@FunctionalInterface
public interface TrainingProgress {
    /** Does nothing. */
    TrainingProgress NONE = epoch -> { };

    void onEpoch(EpochProgress epoch);

    /** The first minibatch is about to enter the network (time to first batch ends here). */
    default void onFirstBatch() {
    }

    /**
     * {@code pooled_folds} calibration ({@link TrainerSettings#calibration}): the model of grouped
     * fold {@code fold} of {@code folds} starts training (its epochs follow), or is this run's own
     * model ({@code reused}: the fold's split is the run's).
     */
    default void onCalibrationFold(int fold, int folds, boolean reused) {
    }
}
