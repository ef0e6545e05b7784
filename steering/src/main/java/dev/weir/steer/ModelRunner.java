package dev.weir.steer;

import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Prediction;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.bwe.signal.SignalRecorder;
import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.bwe.signal.WindowExtractor;

/**
 * Runs the model on the latest signal window: the 10 s time series plus the dense summaries of the
 * 10 s and 4 s windows, exactly as the dataset generator builds training samples
 * ({@code models} SignalTap), through the pure-Java classifier. Preallocated: a decision allocates
 * nothing.
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
    private final WindowExtractor extractor = new WindowExtractor();
    private final float[] ts10;
    private final float[] ts4;
    private final float[] dense;
    private final float[] scratchDense = new float[DENSE];
    private final int lossHead;
    private final int congestionHead;

    /**
     * @throws IllegalArgumentException if the model lacks the loss-attribution or congestion head
     */
    ModelRunner(ModelArtifact model, SignalRecorder recorder) {
        classifier = new LstmClassifier(model);
        prediction = classifier.newPrediction();
        lossHead = prediction.headIndex(LOSS_HEAD);
        congestionHead = prediction.headIndex(CONGESTION_HEAD);
        if (lossHead < 0 || congestionHead < 0) {
            throw new IllegalArgumentException("the model needs heads '" + LOSS_HEAD + "' and '" + CONGESTION_HEAD
                    + "', has " + prediction.heads());
        }
        ts10 = new float[recorder.schema().lossWindowSteps() * TimeSeriesFeature.COUNT];
        ts4 = new float[recorder.schema().congestionWindowSteps() * TimeSeriesFeature.COUNT];
        dense = new float[2 * DENSE];
    }

    /**
     * Decides on the latest window. Returns false (and leaves {@code out} alone) while the window
     * is not full, or when the model's logits are not finite (the caller falls back).
     */
    boolean decide(SignalRecorder recorder, ModelDecision out) {
        if (!extractor.extractLossWindow(recorder, ts10, scratchDense)) {
            return false;
        }
        System.arraycopy(scratchDense, 0, dense, 0, DENSE);
        if (!extractor.extractCongestionWindow(recorder, ts4, scratchDense)) {
            return false;
        }
        System.arraycopy(scratchDense, 0, dense, DENSE, DENSE);
        classifier.predict(ts10, dense, prediction);
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
        out.lossRate4s = clampUnit(dense[DENSE + DenseFeature.LOSS_RATE.ordinal()]);
        double rttStd = dense[DenseFeature.RTT_STD_MS.ordinal()];
        out.rttStdMs = Double.isFinite(rttStd) && rttStd > 0 ? rttStd : 0;
        return true;
    }

    private static double clampUnit(double value) {
        return value >= 0 && value <= 1 ? value : (value > 1 ? 1 : 0);
    }
}
