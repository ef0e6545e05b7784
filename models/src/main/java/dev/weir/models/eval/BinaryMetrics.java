package dev.weir.models.eval;

import java.util.Arrays;

/**
 * Binary classification metrics with class 1 as the positive class (congestion loss, congestion
 * ahead): the confusion matrix {@code [[tn, fp], [fn, tp]]}, accuracy, precision, recall, F1 and
 * ROC-AUC.
 *
 * <p>ROC-AUC is the Mann-Whitney statistic over scores with mid-ranks for ties (Hanley and McNeil
 * 1982, "The meaning and use of the area under a ROC curve"): the probability that a random
 * positive scores above a random negative, ties counting one half. It is NaN (JSON null) when
 * either class is absent. Precision is 0 when nothing is predicted positive, recall 0 when there
 * is no positive, F1 0 when both are 0 (scikit-learn's {@code zero_division=0}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param tn true negatives
 * @param fp false positives
 * @param fn false negatives
 * @param tp true positives
 * @param rocAuc area under the ROC curve of the scores, or NaN
 */
public record BinaryMetrics(long tn, long fp, long fn, long tp, double rocAuc) {

    /**
     * Metrics of the first {@code count} entries: {@code truth} and {@code predicted} are 0 or 1,
     * {@code score} is the positive-class score (probability or a binary verdict).
     */
    public static BinaryMetrics of(int[] truth, int[] predicted, double[] score, int count) {
        long tn = 0;
        long fp = 0;
        long fn = 0;
        long tp = 0;
        for (int k = 0; k < count; k++) {
            boolean actual = truth[k] == 1;
            boolean said = predicted[k] == 1;
            if (actual) {
                if (said) {
                    tp++;
                } else {
                    fn++;
                }
            } else if (said) {
                fp++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(tn, fp, fn, tp, rocAuc(truth, score, count));
    }

    /** Rank-based ROC-AUC of the first {@code count} entries, ties at mid-rank; NaN without both classes. */
    public static double rocAuc(int[] truth, double[] score, int count) {
        long positives = 0;
        for (int k = 0; k < count; k++) {
            if (truth[k] == 1) {
                positives++;
            }
        }
        long negatives = count - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // Sort (score, index) pairs by score; indices only break nothing, ties are ranked together.
        Integer[] order = new Integer[count];
        for (int k = 0; k < count; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double positiveRankSum = 0;
        int start = 0;
        while (start < count) {
            int end = start;
            while (end + 1 < count && Double.compare(score[order[end + 1]], score[order[start]]) == 0) {
                end++;
            }
            // Ranks are 1-based: the tie group [start, end] shares the mean of ranks start+1 .. end+1.
            double midRank = (start + end) / 2.0 + 1.0;
            for (int k = start; k <= end; k++) {
                if (truth[order[k]] == 1) {
                    positiveRankSum += midRank;
                }
            }
            start = end + 1;
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }

    /** Samples evaluated. */
    public long support() {
        return tn + fp + fn + tp;
    }

    /** Samples whose true class is positive. */
    public long positives() {
        return fn + tp;
    }

    public double accuracy() {
        long n = support();
        return n == 0 ? Double.NaN : (double) (tp + tn) / n;
    }

    public double precision() {
        return tp + fp == 0 ? 0.0 : (double) tp / (tp + fp);
    }

    public double recall() {
        return tp + fn == 0 ? 0.0 : (double) tp / (tp + fn);
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
}
