package dev.weir.steer;

import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.ModelInput;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.SignalRecorder;

/**
 * Runs the streaming model on the call's signal steps: the {@link ModelInput} the dataset
 * generator's training sequences are also filled by (every closed step's row, which the LSTM
 * advances through, plus the dense summaries of the 10 s and 4 s windows at a decision), through
 * the pure-Java classifier. Called at every newly closed step from the call's start, so the LSTM's
 * state covers the whole call as in training; decisions start once the windows are full.
 * Preallocated: a decision allocates nothing.
 *
 * <p>Not thread-safe: one instance per estimator (the artifact's weights are shared).
 */
final class ModelRunner {
    private static final String LOSS_HEAD = "loss_attribution";
    private static final String RANDOM_CLASS = "pure_random";
    private static final String CONGESTION_HEAD = "congestion";
    private static final String CONGESTION_YES_CLASS = "yes";
    private static final int DENSE = DenseFeature.COUNT;

    private final LstmClassifier classifier;
    private final Prediction prediction;
    private final ModelInput input;
    private final int lossHead;
    private final int randomClass;
    private final int congestionHead;
    private final int congestionClass;
    /** The FEC heads ({@link FecHeads}), -1 when the model has none (FEC then reads the observed loss). */
    private final int rateHead;
    private final int burstHead;

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
        randomClass = lossHead < 0 ? -1 : prediction.heads().get(lossHead).classIndex(RANDOM_CLASS);
        congestionClass = congestionHead < 0 ? -1
                : prediction.heads().get(congestionHead).classIndex(CONGESTION_YES_CLASS);
        if (randomClass < 0 || congestionClass < 0) {
            throw new IllegalArgumentException("the model needs head '" + LOSS_HEAD + "' with class '" + RANDOM_CLASS
                    + "' and head '" + CONGESTION_HEAD + "' with class '" + CONGESTION_YES_CLASS + "', has "
                    + prediction.heads());
        }
        rateHead = optionalHead(prediction, FecHeads.RATE_HEAD, FecHeads.RATE_CLASSES);
        burstHead = optionalHead(prediction, FecHeads.BURST_HEAD, FecHeads.BURST_CLASSES);
        input = classifier.newInput();
    }

    /**
     * Index of an optional head, -1 when absent.
     *
     * @throws IllegalArgumentException when present with other classes than {@code classes}: its
     *     outputs would be read as something they are not
     */
    private static int optionalHead(Prediction prediction, String name, java.util.List<String> classes) {
        int head = prediction.headIndex(name);
        if (head < 0) {
            return -1;
        }
        HeadSpec spec = prediction.heads().get(head);
        if (!spec.classes().equals(classes)) {
            throw new IllegalArgumentException("the model's head '" + name + "' has classes " + spec.classes()
                    + ", steering reads " + classes);
        }
        return head;
    }

    /** Closed steps before the first decision (the longest dense window). */
    int warmUpSteps() {
        return input.warmUpSteps();
    }

    /**
     * Advances the model through the steps closed since the last call and decides on the latest.
     * Returns false (and leaves {@code out} alone) while the windows are not full, or when the
     * model's logits are not finite (the caller falls back).
     */
    boolean decide(SignalRecorder recorder, ModelDecision out) {
        input.fill(recorder);
        if (!classifier.update(input, prediction)) {
            return false;
        }
        if (!prediction.finite()) {
            return false;
        }
        double random = prediction.probability(lossHead, randomClass);
        double congestion = prediction.probability(congestionHead, congestionClass);
        if (!(random >= 0 && random <= 1) || !(congestion >= 0 && congestion <= 1)) {
            return false;
        }
        out.randomLossProbability = random;
        out.congestionProbability = congestion;
        out.nonCongestiveLossRate = rateHead < 0 ? Double.NaN : FecHeads.expectedRate(prediction, rateHead);
        out.isolatedLossProbability = burstHead < 0 ? Double.NaN
                : prediction.probability(burstHead, FecHeads.ISOLATED);
        out.lossRate4s = clampUnit(input.denseValue(DENSE + DenseFeature.LOSS_RATE.ordinal()));
        double rttStd = input.denseValue(DenseFeature.RTT_STD_MS.ordinal());
        out.rttStdMs = Double.isFinite(rttStd) && rttStd > 0 ? rttStd : 0;
        return true;
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1 : 0);
    }
}
