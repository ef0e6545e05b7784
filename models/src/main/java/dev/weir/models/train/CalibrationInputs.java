package dev.weir.models.train;

import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.StreamingPredictions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What {@link CalibrationFit} fits each head on: per head, the uncalibrated log-probabilities and
 * the labels of the labelled decision steps (every decision step with a label for the head, gated
 * or not), gathered from one or more (uncalibrated model, dataset, calls) triples as the shipped
 * classifier computes them ({@link StreamingPredictions}). One triple is the validation split's
 * calibration; the out-of-fold predictions of every grouped fold's model pooled are
 * {@code pooled_folds} ({@link TrainerSettings#calibration}). Each decision also keeps whether the
 * observable gate was on (the onset decisions the evaluation scores the congestion head on).
 *
 * <p>Not thread-safe: decisions are appended in place.
 */
public final class CalibrationInputs {
    /** Log-probability floor: {@code log(1e-7)} for a probability the float head rounded to 0. */
    private static final double MIN_PROBABILITY = 1e-7;

    private final List<HeadSpec> heads;
    private final double[][] logProbabilities;
    private final int[][] labels;
    private final boolean[][] gated;
    private final int[] counts;

    /** No decisions yet for {@code heads}, in head order. */
    public CalibrationInputs(List<HeadSpec> heads) {
        this.heads = List.copyOf(heads);
        this.logProbabilities = new double[heads.size()][];
        this.labels = new int[heads.size()][];
        this.gated = new boolean[heads.size()][];
        this.counts = new int[heads.size()];
        for (int h = 0; h < heads.size(); h++) {
            logProbabilities[h] = new double[0];
            labels[h] = new int[0];
            gated[h] = new boolean[0];
        }
    }

    /**
     * Adds the labelled decisions of {@code calls} of {@code dataset} as {@code uncalibrated}
     * predicts them, streaming each call from a zero state.
     *
     * @throws IllegalArgumentException when the model's heads differ or it is calibrated (a fit on
     *                                  calibrated outputs would not compose with the runtime's)
     */
    public CalibrationInputs add(ModelArtifact uncalibrated, Dataset dataset, int[] calls) {
        if (!uncalibrated.architecture().heads().equals(heads)) {
            throw new IllegalArgumentException("model heads " + uncalibrated.architecture().heads()
                    + " differ from the calibration's " + heads);
        }
        if (!uncalibrated.calibration().stream().allMatch(Calibration::changesNothing)) {
            throw new IllegalArgumentException("calibration inputs come from an uncalibrated model; "
                    + uncalibrated.fileName() + " is calibrated: " + uncalibrated.calibration());
        }
        StreamingPredictions predictions = StreamingPredictions.run(uncalibrated, dataset, calls);
        double[] row = new double[heads.stream().mapToInt(HeadSpec::classCount).max().orElse(0)];
        for (int h = 0; h < heads.size(); h++) {
            HeadSpec head = heads.get(h);
            for (int s : calls) {
                for (int i = dataset.sourceStart(s); i < dataset.sourceEnd(s); i++) {
                    int label = dataset.isDecision(i) ? dataset.label(head.name(), i) : Dataset.NO_LABEL;
                    if (label < 0) {
                        continue;
                    }
                    for (int c = 0; c < head.classCount(); c++) {
                        row[c] = Math.log(Math.max(MIN_PROBABILITY, predictions.probability(i, h, c)));
                    }
                    add(h, row, label, dataset.gate(i));
                }
            }
        }
        return this;
    }

    /** Adds every decision of {@code other} (same heads), after this one's. */
    public CalibrationInputs addAll(CalibrationInputs other) {
        if (!other.heads.equals(heads)) {
            throw new IllegalArgumentException("heads " + other.heads + " differ from " + heads);
        }
        for (int h = 0; h < heads.size(); h++) {
            int classes = heads.get(h).classCount();
            for (int k = 0; k < other.counts[h]; k++) {
                add(h, Arrays.copyOfRange(other.logProbabilities[h], k * classes, (k + 1) * classes),
                        other.labels[h][k], other.gated[h][k]);
            }
        }
        return this;
    }

    /**
     * Adds one decision of head {@code head}: its uncalibrated log-probabilities (the first
     * {@code classCount} entries of {@code row}), its label and whether the gate was on.
     */
    public void add(int head, double[] row, int label, boolean gateOn) {
        int classes = heads.get(head).classCount();
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label " + label + " outside head " + heads.get(head).name()
                    + "'s " + classes + " classes");
        }
        int k = counts[head];
        if (k == labels[head].length) {
            int capacity = Math.max(1024, k * 2);
            labels[head] = Arrays.copyOf(labels[head], capacity);
            gated[head] = Arrays.copyOf(gated[head], capacity);
            logProbabilities[head] = Arrays.copyOf(logProbabilities[head], Math.multiplyExact(capacity, classes));
        }
        System.arraycopy(row, 0, logProbabilities[head], k * classes, classes);
        labels[head][k] = label;
        gated[head][k] = gateOn;
        counts[head] = k + 1;
    }

    /** Each head's calibration fitted on every decision added ({@link CalibrationFit}), in head order. */
    public List<Calibration> fit() {
        List<Calibration> calibrations = new ArrayList<>();
        for (int h = 0; h < heads.size(); h++) {
            calibrations.add(CalibrationFit.fit(heads.get(h).name(), heads.get(h).classCount(),
                    logProbabilities[h], labels[h], counts[h]));
        }
        return calibrations;
    }

    public List<HeadSpec> heads() {
        return heads;
    }

    /** Decisions of head {@code head}. */
    public int count(int head) {
        return counts[head];
    }

    /** Uncalibrated log-probability of class {@code cls} at decision {@code k} of head {@code head}. */
    public double logProbability(int head, int k, int cls) {
        return logProbabilities[head][k * heads.get(head).classCount() + cls];
    }

    /** Label of decision {@code k} of head {@code head}. */
    public int label(int head, int k) {
        return labels[head][k];
    }

    /** Whether the observable gate was on at decision {@code k} of head {@code head} (an onset decision). */
    public boolean gated(int head, int k) {
        return gated[head][k];
    }
}
