package dev.weir.models.eval;

import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Prediction;
import dev.weir.models.data.Dataset;

/**
 * The shipped classifier's outputs on a dataset's calls: each call streamed through
 * {@link LstmClassifier} from a zero state, one {@code advance} per step and one {@code predict}
 * per decision step, exactly as the run-time estimator does. Probabilities are kept per decision
 * step and head, indexed by global step (NaN at non-decision steps and outside the calls run).
 *
 * <p>Immutable after construction; thread-safe to read.
 */
public final class StreamingPredictions {
    private final int[] classOffset;
    private final int width;
    private final float[] probabilities;

    private StreamingPredictions(int[] classOffset, int width, float[] probabilities) {
        this.classOffset = classOffset;
        this.width = width;
        this.probabilities = probabilities;
    }

    /** Runs {@code artifact} over the calls {@code calls} of {@code dataset}. */
    public static StreamingPredictions run(ModelArtifact artifact, Dataset dataset, int[] calls) {
        LstmClassifier classifier = new LstmClassifier(artifact);
        Prediction prediction = classifier.newPrediction();
        int heads = prediction.headCount();
        int[] offsets = new int[heads + 1];
        for (int h = 0; h < heads; h++) {
            offsets[h + 1] = offsets[h] + prediction.classCount(h);
        }
        int width = offsets[heads];
        float[] out = new float[dataset.steps() * width];
        java.util.Arrays.fill(out, Float.NaN);
        float[] row = new float[dataset.tsFeatures()];
        float[] dense = new float[dataset.denseInputs()];
        for (int s : calls) {
            classifier.reset();
            for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                dataset.tsRow(i, row, 0);
                classifier.advance(row, 0);
                if (!dataset.isDecision(i)) {
                    continue;
                }
                dataset.denseRow(i, dense, 0);
                classifier.predict(dense, prediction);
                for (int h = 0; h < heads; h++) {
                    for (int c = 0; c < prediction.classCount(h); c++) {
                        out[i * width + offsets[h] + c] = prediction.probability(h, c);
                    }
                }
            }
        }
        return new StreamingPredictions(offsets, width, out);
    }

    /** Probability of class {@code cls} of head {@code head} at step {@code step} (NaN when not a decision run). */
    public float probability(int step, int head, int cls) {
        return probabilities[step * width + classOffset[head] + cls];
    }
}
