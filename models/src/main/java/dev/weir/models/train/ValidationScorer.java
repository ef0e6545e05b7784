package dev.weir.models.train;

import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.BinaryMetrics;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores a graph on the validation samples for early stopping: per head over the samples that
 * head labels, then the mean over heads that have labelled samples. {@code loss} is the
 * cross-entropy weighted like training (class weights), the others come from {@link BinaryMetrics}.
 *
 * <p>Not thread-safe: reuses its buffers.
 */
final class ValidationScorer {
    /** Samples per inference call: large, since DL4J's cost is per op, not per sample. */
    private static final int BATCH = 1024;
    /** Probability floor in the cross-entropy, so a confidently wrong sample costs ~16 nats, not infinity. */
    private static final double MIN_PROBABILITY = 1e-7;

    private final Dataset dataset;
    private final BatchAssembler assembler;
    private final int[] samples;
    private final String[] tasks;
    private final double[][] classWeights;
    private final String metric;
    private final int[][] truth;
    private final int[][] predicted;
    private final double[][] positiveScore;
    private final int[] labelled;

    ValidationScorer(Dataset dataset, ModelArchitecture arch, BatchAssembler assembler, int[] samples,
            double[][] classWeights, String metric) {
        this.dataset = dataset;
        this.assembler = assembler;
        this.samples = samples.clone();
        this.tasks = arch.heads().stream().map(h -> h.name()).toArray(String[]::new);
        this.classWeights = classWeights;
        this.metric = metric;
        this.truth = new int[tasks.length][samples.length];
        this.predicted = new int[tasks.length][samples.length];
        this.positiveScore = new double[tasks.length][samples.length];
        this.labelled = new int[tasks.length];
    }

    int sampleCount() {
        return samples.length;
    }

    /** The validation score of {@code graph}'s current parameters. */
    double score(ComputationGraph graph) {
        double[] weightedLoss = new double[tasks.length];
        double[] weightSum = new double[tasks.length];
        java.util.Arrays.fill(labelled, 0);
        for (int from = 0; from < samples.length; from += BATCH) {
            int to = Math.min(samples.length, from + BATCH);
            INDArray[] outputs = graph.output(false, assembler.features(samples, from, to));
            for (int h = 0; h < tasks.length; h++) {
                float[][] probabilities = outputs[h].toFloatMatrix();
                for (int k = from; k < to; k++) {
                    int label = dataset.label(tasks[h], samples[k]);
                    if (label < 0) {
                        continue;
                    }
                    float[] p = probabilities[k - from];
                    int n = labelled[h]++;
                    truth[h][n] = label;
                    predicted[h][n] = argmax(p);
                    positiveScore[h][n] = p[Tasks.POSITIVE_CLASS];
                    double w = classWeights[h][label];
                    weightedLoss[h] -= w * Math.log(Math.max(MIN_PROBABILITY, p[label]));
                    weightSum[h] += w;
                }
            }
        }
        double sum = 0;
        int heads = 0;
        for (int h = 0; h < tasks.length; h++) {
            if (labelled[h] == 0) {
                continue;
            }
            heads++;
            BinaryMetrics m = "loss".equals(metric) ? null
                    : BinaryMetrics.of(truth[h], predicted[h], positiveScore[h], labelled[h]);
            double value = switch (metric) {
                case "loss" -> weightedLoss[h] / weightSum[h];
                case "roc_auc" -> Double.isNaN(m.rocAuc()) ? 0.5 : m.rocAuc();
                case "f1" -> m.f1();
                case "accuracy" -> m.accuracy();
                default -> throw new IllegalStateException("unknown validation metric " + metric);
            };
            sum += value;
        }
        if (heads == 0) {
            throw new IllegalStateException("no validation sample is labelled for any head");
        }
        return sum / heads;
    }

    private static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
