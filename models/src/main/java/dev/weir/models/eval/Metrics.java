package dev.weir.models.eval;

import java.util.Arrays;

/**
 * Weighted binary-classification metrics of a score against a 0/1 truth, for point estimates
 * (every weight 1) and cluster-bootstrap replicates (a sample's weight is how often its recording
 * group was drawn). Scores are sorted once ({@link Ranking}); every metric is then one pass.
 * <ul>
 *   <li>ROC-AUC: the Mann-Whitney statistic with tied scores counting one half (Hanley and McNeil
 *       1982);</li>
 *   <li>PR-AUC: average precision, the precision at each distinct score weighted by the recall it
 *       adds (the step-wise area scikit-learn's {@code average_precision_score} computes);</li>
 *   <li>F1, precision, recall at a threshold (score >= threshold is positive); zero division gives 0;</li>
 *   <li>ECE: the expected calibration error over {@link #ECE_BINS} equal-width bins of a
 *       probability, {@code sum_b W_b / W |mean p_b - mean y_b|} (Naeini, Cooper and Hauskrecht,
 *       AAAI 2015; Guo et al. 2017).</li>
 * </ul>
 * NaN when a metric is undefined (a class absent, no weight).
 *
 * <p>Stateless and thread-safe.
 */
public final class Metrics {
    /** Calibration bins: 15, as Guo et al. report ECE. */
    public static final int ECE_BINS = 15;

    private Metrics() {
    }

    /** Indices sorted by ascending score, with the boundaries of tied blocks. Immutable. */
    public static final class Ranking {
        final int[] order;
        final int[] blockEnd;

        private Ranking(int[] order, int[] blockEnd) {
            this.order = order;
            this.blockEnd = blockEnd;
        }

        /** Sorts {@code score[0, count)}; NaN scores sort as the lowest value. */
        public static Ranking of(double[] score, int count) {
            Integer[] boxed = new Integer[count];
            for (int i = 0; i < count; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> Double.compare(clean(score[a]), clean(score[b])));
            int[] order = new int[count];
            int[] blockEnd = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = boxed[i];
            }
            int start = 0;
            while (start < count) {
                int end = start;
                while (end + 1 < count && clean(score[order[end + 1]]) == clean(score[order[start]])) {
                    end++;
                }
                for (int k = start; k <= end; k++) {
                    blockEnd[k] = end;
                }
                start = end + 1;
            }
            return new Ranking(order, blockEnd);
        }
    }

    static double clean(double score) {
        return Double.isNaN(score) ? Double.NEGATIVE_INFINITY : score;
    }

    /** Weighted ROC-AUC; NaN without positive or negative weight. */
    public static double rocAuc(Ranking ranking, int[] truth, double[] weight) {
        double positives = 0;
        double negatives = 0;
        double area = 0;
        double negativesBelow = 0;
        int k = 0;
        int n = ranking.order.length;
        while (k < n) {
            int end = ranking.blockEnd[k];
            double blockPositive = 0;
            double blockNegative = 0;
            for (int j = k; j <= end; j++) {
                int i = ranking.order[j];
                if (truth[i] == 1) {
                    blockPositive += weight[i];
                } else {
                    blockNegative += weight[i];
                }
            }
            area += blockPositive * (negativesBelow + 0.5 * blockNegative);
            negativesBelow += blockNegative;
            positives += blockPositive;
            negatives += blockNegative;
            k = end + 1;
        }
        return positives > 0 && negatives > 0 ? area / (positives * negatives) : Double.NaN;
    }

    /** Weighted average precision; NaN without positive weight. */
    public static double prAuc(Ranking ranking, int[] truth, double[] weight) {
        double positives = 0;
        for (int i : ranking.order) {
            positives += truth[i] == 1 ? weight[i] : 0;
        }
        if (!(positives > 0)) {
            return Double.NaN;
        }
        double truePositive = 0;
        double falsePositive = 0;
        double area = 0;
        double previousRecall = 0;
        int k = ranking.order.length - 1;
        while (k >= 0) {
            int end = k;
            int start = k;
            while (start > 0 && ranking.blockEnd[start - 1] == end) {
                start--;
            }
            for (int j = start; j <= end; j++) {
                int i = ranking.order[j];
                if (truth[i] == 1) {
                    truePositive += weight[i];
                } else {
                    falsePositive += weight[i];
                }
            }
            double recall = truePositive / positives;
            if (truePositive + falsePositive > 0) {
                area += (recall - previousRecall) * truePositive / (truePositive + falsePositive);
            }
            previousRecall = recall;
            k = start - 1;
        }
        return area;
    }

    /** Weighted confusion counts at {@code threshold}: {tp, fp, fn, tn}. */
    public static double[] confusion(double[] score, int[] truth, double[] weight, int count, double threshold) {
        double[] c = new double[4];
        for (int i = 0; i < count; i++) {
            boolean said = clean(score[i]) >= threshold;
            boolean actual = truth[i] == 1;
            c[actual ? (said ? 0 : 2) : (said ? 1 : 3)] += weight[i];
        }
        return c;
    }

    /** F1 of confusion counts {tp, fp, fn, tn}; 0 when precision and recall are both 0. */
    public static double f1(double[] confusion) {
        double precision = precision(confusion);
        double recall = recall(confusion);
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    public static double precision(double[] confusion) {
        return confusion[0] + confusion[1] == 0 ? 0 : confusion[0] / (confusion[0] + confusion[1]);
    }

    public static double recall(double[] confusion) {
        return confusion[0] + confusion[2] == 0 ? 0 : confusion[0] / (confusion[0] + confusion[2]);
    }

    /** Weighted expected calibration error of probabilities {@code p} for the event {@code truth == 1}. */
    public static double ece(double[] p, int[] truth, double[] weight, int count) {
        double[] binWeight = new double[ECE_BINS];
        double[] binP = new double[ECE_BINS];
        double[] binY = new double[ECE_BINS];
        double total = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(p[i]) || weight[i] == 0) {
                continue;
            }
            int bin = Math.min(ECE_BINS - 1, (int) (Math.max(0, Math.min(1, p[i])) * ECE_BINS));
            binWeight[bin] += weight[i];
            binP[bin] += weight[i] * p[i];
            binY[bin] += weight[i] * truth[i];
            total += weight[i];
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double error = 0;
        for (int b = 0; b < ECE_BINS; b++) {
            if (binWeight[b] > 0) {
                error += binWeight[b] / total * Math.abs(binP[b] / binWeight[b] - binY[b] / binWeight[b]);
            }
        }
        return error;
    }

    /** Per bin: weight, mean probability, observed frequency (for reliability plots). */
    public static double[][] reliability(double[] p, int[] truth, int count) {
        double[][] bins = new double[ECE_BINS][3];
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(p[i])) {
                continue;
            }
            int bin = Math.min(ECE_BINS - 1, (int) (Math.max(0, Math.min(1, p[i])) * ECE_BINS));
            bins[bin][0]++;
            bins[bin][1] += p[i];
            bins[bin][2] += truth[i];
        }
        for (double[] bin : bins) {
            if (bin[0] > 0) {
                bin[1] /= bin[0];
                bin[2] /= bin[0];
            }
        }
        return bins;
    }

    /** The threshold (a score value) maximising F1, unweighted; +infinity when there is no positive. */
    public static double bestF1Threshold(Ranking ranking, double[] score, int[] truth) {
        int n = ranking.order.length;
        double positives = 0;
        for (int i = 0; i < n; i++) {
            positives += truth[i];
        }
        if (positives == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double truePositive = 0;
        double predicted = 0;
        double best = -1;
        double threshold = Double.POSITIVE_INFINITY;
        int k = n - 1;
        while (k >= 0) {
            int end = k;
            int start = k;
            while (start > 0 && ranking.blockEnd[start - 1] == end) {
                start--;
            }
            for (int j = start; j <= end; j++) {
                truePositive += truth[ranking.order[j]];
                predicted++;
            }
            double f1 = 2 * truePositive / (predicted + positives);
            if (f1 > best) {
                best = f1;
                threshold = clean(score[ranking.order[start]]);
            }
            k = start - 1;
        }
        return threshold;
    }

    /** The weighted median of {@code values[0, count)} with weights; NaN without weight. */
    public static double weightedMedian(double[] values, double[] weight, int count) {
        Integer[] order = new Integer[count];
        double total = 0;
        for (int i = 0; i < count; i++) {
            order[i] = i;
            total += weight[i];
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double cumulative = 0;
        for (int k = 0; k < count; k++) {
            cumulative += weight[order[k]];
            if (cumulative >= total / 2) {
                return values[order[k]];
            }
        }
        return values[order[count - 1]];
    }
}
