package dev.weir.steer;

import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelInput;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.SignalRecorder;

/**
 * Runs the model on the latest signal window: the {@link ModelInput} the dataset generator's
 * training samples are also filled by (the 10 s time series plus the dense summaries of the 10 s
 * and 4 s windows), through the pure-Java classifier. Preallocated: a decision allocates nothing.
 *
 * <p>Not thread-safe: one instance per estimator (the artifact's weights are shared).
 */
final class ModelRunner {
    private static final String LOSS_HEAD = "loss_type";
    private static final String CONGESTION_HEAD = "congestion";
    private static final int RANDOM_CLASS = 0;
    private static final int CONGESTION_YES_CLASS = 1;
    private static final int DENSE = DenseFeature.COUNT;

    private final LstmClassifier classifier;
    private final Prediction prediction;
    private final ModelInput input;
    private final int lossHead;
    private final int congestionHead;

    /**
     * @throws dev.weir.bwe.model.ModelFormatException if the model was built for another feature
     *     schema than {@code recorder} produces
     * @throws IllegalArgumentException if the model lacks the loss-attribution or congestion head
     */
    ModelRunner(ModelArtifact model, SignalRecorder recorder) {
        classifier = new LstmClassifier(model, recorder.schema());
        prediction = classifier.newPrediction();
        lossHead = prediction.headIndex(LOSS_HEAD);
        congestionHead = prediction.headIndex(CONGESTION_HEAD);
        if (lossHead < 0 || congestionHead < 0) {
            throw new IllegalArgumentException("the model needs heads '" + LOSS_HEAD + "' and '" + CONGESTION_HEAD
                    + "', has " + prediction.heads());
        }
        input = classifier.newInput();
    }

    /**
     * Decides on the latest window. Returns false (and leaves {@code out} alone) while the window
     * is not full, or when the model's logits are not finite (the caller falls back).
     */
    boolean decide(SignalRecorder recorder, ModelDecision out) {
        if (!input.fill(recorder)) {
            return false;
        }
        classifier.predict(input, prediction);
        if (!prediction.finite()) {
            return false;
        }
        double random = prediction.probability(lossHead, RANDOM_CLASS);
        double congestion = prediction.probability(congestionHead, CONGESTION_YES_CLASS);
        if (!(random >= 0 && random <= 1) || !(congestion >= 0 && congestion <= 1)) {
            return false;
        }
        out.randomLossProbability = random;
        out.congestionProbability = congestion;
        out.lossRate4s = clampUnit(input.denseValue(DENSE + DenseFeature.LOSS_RATE.ordinal()));
        double rttStd = input.denseValue(DenseFeature.RTT_STD_MS.ordinal());
        out.rttStdMs = Double.isFinite(rttStd) && rttStd > 0 ? rttStd : 0;
        return true;
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1 : 0);
    }
}
