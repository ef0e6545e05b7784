package dev.weir.models.train;

import java.util.List;

/**
 * What a training run did. Wall times and throughput are measured for the reader only; they never
 * influence training or the exported model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epochsRun            epochs trained before stopping
 * @param bestEpoch            epoch whose parameters were kept (best validation score)
 * @param bestValidationScore  validation score of the kept parameters
 * @param validationMetric     name of the metric early stopping watched
 * @param stoppedEarly         whether patience ran out before {@code max_epochs}
 * @param trainCalls           training calls per epoch
 * @param trainDecisions       labelled decision steps of the training calls
 * @param validationCalls      validation calls scored per epoch
 * @param stepsPerS            training steps per second over all epochs (validation time excluded)
 * @param wallTimeS            wall time of the whole run, seconds
 * @param firstBatchS          from the trainer's start to the first minibatch entering the network, seconds
 * @param ompNumThreads        the {@code OMP_NUM_THREADS} the run saw, or "unset"
 * @param constantFeatures     inputs with zero spread on the training split (should be none)
 * @param history              every epoch's progress, in order
 */
public record TrainingReport(int epochsRun, int bestEpoch, double bestValidationScore, String validationMetric,
        boolean stoppedEarly, int trainCalls, long trainDecisions, int validationCalls, double stepsPerS,
        double wallTimeS, double firstBatchS, String ompNumThreads, List<String> constantFeatures,
        List<EpochProgress> history) {
    public TrainingReport {
        constantFeatures = List.copyOf(constantFeatures);
        history = List.copyOf(history);
    }

    /** A few lines for a terminal. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "epochs %d (best %d, %s %.5f%s), %d training calls (%d labelled decisions), %.0f steps/s, "
                        + "%.1f s wall, first batch after %.2f s, OMP_NUM_THREADS=%s%s",
                epochsRun, bestEpoch, validationMetric, bestValidationScore, stoppedEarly ? ", stopped early" : "",
                trainCalls, trainDecisions, stepsPerS, wallTimeS, firstBatchS, ompNumThreads,
                constantFeatures.isEmpty() ? "" : ", constant inputs " + constantFeatures);
    }
}
