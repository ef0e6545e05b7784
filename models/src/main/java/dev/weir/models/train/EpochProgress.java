package dev.weir.models.train;

/**
 * One finished training epoch.
 *
 * <p>Immutable and thread-safe.
 *
 * @param epoch            1-based epoch number
 * @param maxEpochs        the configured upper bound
 * @param trainLoss        mean training score over the epoch's minibatches (DL4J's, summed over heads)
 * @param validationScore  the validation metric after the epoch (lower is better for loss, else higher)
 * @param bestEpoch        the epoch with the best validation score so far
 * @param improved         whether this epoch became the best
 * @param stepsPerS        training steps per second of this epoch (wall clock; 0 when not measurable)
 */
public record EpochProgress(int epoch, int maxEpochs, double trainLoss, double validationScore, int bestEpoch,
        boolean improved, double stepsPerS) {
}
