package dev.weir.models.train;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.ModelArchitecture;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;

/**
 * Early-stopping score on the validation calls: per head the mean cross-entropy (unweighted) over
 * its labelled decision steps, or the ROC-AUC of its first class against the rest; the mean over
 * heads. The graph runs each call from a zero state over its whole length, as a client does.
 *
 * <p>Not thread-safe: one instance per training run.
 */
final class ValidationScorer {
    /** Calls per inference batch. */
    private static final int BATCH_CALLS = 16;
    /** Probability floor in the log loss: a confidently wrong step costs ~16 nats, not infinity. */
    private static final double MIN_PROBABILITY = 1e-7;

    private final SequenceBatches batches;
    private final int[] calls;
    private final int heads;
    private final int[] classes;
    private final String metric;

    ValidationScorer(SequenceBatches batches, ModelArchitecture arch, int[] calls, String metric) {
        this.batches = batches;
        this.calls = calls.clone();
        this.heads = arch.heads().size();
        this.classes = arch.heads().stream().mapToInt(HeadSpec::classCount).toArray();
        this.metric = metric;
    }

    int callCount() {
        return calls.length;
    }

    /** The validation score of {@code graph}'s current parameters. */
    double score(ComputationGraph graph) {
        double[] lossSum = new double[heads];
        long[] labelled = new long[heads];
        int[][] truth = new int[heads][];
        double[][] score = new double[heads][];
        int[] counts = new int[heads];
        for (int from = 0; from < calls.length; from += BATCH_CALLS) {
            int to = Math.min(calls.length, from + BATCH_CALLS);
            MultiDataSet batch = batches.batch(calls, from, to);
            graph.rnnClearPreviousState();
            INDArray[] outputs = graph.output(false, batch.getFeatures(), batch.getFeaturesMaskArrays(),
                    batch.getLabelsMaskArrays());
            for (int h = 0; h < heads; h++) {
                float[] p = outputs[h].dup('c').data().asFloat();
                float[] y = batch.getLabels(h).dup('c').data().asFloat();
                float[] m = batch.getLabelsMaskArray(h).dup('c').data().asFloat();
                int n = to - from;
                int length = (int) batch.getLabelsMaskArray(h).size(1);
                int k = classes[h];
                for (int b = 0; b < n; b++) {
                    for (int t = 0; t < length; t++) {
                        if (m[b * length + t] == 0f) {
                            continue;
                        }
                        int label = 0;
                        for (int c = 0; c < k; c++) {
                            if (y[(b * k + c) * length + t] == 1f) {
                                label = c;
                            }
                        }
                        double probability = p[(b * k + label) * length + t];
                        lossSum[h] -= Math.log(Math.max(MIN_PROBABILITY, probability));
                        labelled[h]++;
                        if (!"loss".equals(metric)) {
                            if (truth[h] == null || counts[h] == truth[h].length) {
                                int size = truth[h] == null ? 4096 : truth[h].length * 2;
                                truth[h] = truth[h] == null ? new int[size] : java.util.Arrays.copyOf(truth[h], size);
                                score[h] = score[h] == null ? new double[size] : java.util.Arrays.copyOf(score[h], size);
                            }
                            truth[h][counts[h]] = label == 0 ? 1 : 0;
                            score[h][counts[h]] = p[(b * k) * length + t];
                            counts[h]++;
                        }
                    }
                }
            }
        }
        graph.rnnClearPreviousState();
        double sum = 0;
        int scored = 0;
        for (int h = 0; h < heads; h++) {
            if (labelled[h] == 0) {
                continue;
            }
            scored++;
            if ("loss".equals(metric)) {
                sum += lossSum[h] / labelled[h];
            } else {
                double auc = dev.weir.models.eval.BinaryMetrics.rocAuc(truth[h], score[h], counts[h]);
                sum += Double.isNaN(auc) ? 0.5 : auc;
            }
        }
        if (scored == 0) {
            throw new IllegalStateException("no validation step is labelled for any head");
        }
        return sum / scored;
    }
}
