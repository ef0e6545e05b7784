package dev.weir.models.train;

import java.util.List;

/**
 * What a training run did. Wall time and throughput are measured for the reader only; they never
 * influence training or the exported model.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epochsRun            epochs trained before stopping
 * @param bestEpoch            epoch whose parameters were kept (best validation score)
 * @param bestValidationScore  validation score of the kept parameters
 * @param validationMetric     name of the metric early stopping watched
 * @param stoppedEarly         whether patience ran out before {@code max_epochs}
 * @param trainSamples         training samples per epoch (training split, at least one label)
 * @param validationSamples    validation samples scored per epoch
 * @param samplesPerS          training samples per second over all epochs (validation time excluded)
 * @param wallTimeS            wall time of the whole run, seconds
 * @param ompNumThreads        the {@code OMP_NUM_THREADS} the run saw, or "unset"
 * @param history              every epoch's progress, in order
 */
public record TrainingReport(int epochsRun, int bestEpoch, double bestValidationScore, String validationMetric,
        boolean stoppedEarly, int trainSamples, int validationSamples, double samplesPerS, double wallTimeS,
        String ompNumThreads, List<EpochProgress> history) {
    public TrainingReport {
        history = List.copyOf(history);
    }

    /** A few lines for a terminal. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "epochs %d (best %d, %s %.5f%s), %d training samples, %.0f samples/s, %.1f s wall, OMP_NUM_THREADS=%s",
                epochsRun, bestEpoch, validationMetric, bestValidationScore, stoppedEarly ? ", stopped early" : "",
                trainSamples, samplesPerS, wallTimeS, ompNumThreads);
    }
}
