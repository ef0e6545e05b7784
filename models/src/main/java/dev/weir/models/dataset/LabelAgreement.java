package dev.weir.models.dataset;

import dev.weir.bwe.signal.TimeSeriesFeature;
import dev.weir.models.data.Dataset;
import java.util.Locale;

/**
 * Agreement of two binary labellings of the same steps, e.g. the production-style
 * {@link CongestionRule} ("rater A", treated as the prediction) against the simulator's exact
 * {@code congestion} ("rater B", the truth): the confusion counts and Cohen's kappa
 * (Cohen, "A coefficient of agreement for nominal scales", Educ. Psychol. Meas. 20(1), 1960):
 * {@code kappa = (p_o - p_e) / (1 - p_e)} with observed agreement {@code p_o} and chance agreement
 * {@code p_e = pA(1) pB(1) + pA(0) pB(0)}. Samples where either label is -1 are counted as skipped.
 *
 * <p>Immutable and thread-safe.
 *
 * @param truePositive A = 1, B = 1
 * @param falsePositive A = 1, B = 0
 * @param falseNegative A = 0, B = 1
 * @param trueNegative A = 0, B = 0
 * @param skipped samples where either label is -1
 */
public record LabelAgreement(long truePositive, long falsePositive, long falseNegative, long trueNegative,
                             long skipped) {

    /**
     * The production-style rule ({@link CongestionRule}, computed from each call's observed RTT and
     * loss rows) against the exact {@code congestion} label, over every decision step of
     * {@code dataset}. The rule looks {@code rule_future_ms} ahead, the label its own horizon: the
     * figure says how well production logs could stand in for the simulator's truth.
     */
    public static LabelAgreement ruleVsTruth(Dataset dataset, DatasetSettings settings) {
        int rtt = TimeSeriesFeature.RTT_MS.ordinal();
        int loss = TimeSeriesFeature.LOSS_FRACTION.ordinal();
        long[] counts = new long[5];
        for (int s = 0; s < dataset.sources().size(); s++) {
            int from = dataset.sourceStart(s);
            int n = dataset.sourceEnd(s) - from;
            float[] rttMs = new float[n];
            float[] lossFraction = new float[n];
            for (int k = 0; k < n; k++) {
                rttMs[k] = dataset.tsValue(from + k, rtt);
                lossFraction[k] = dataset.tsValue(from + k, loss);
            }
            for (int k = 0; k < n; k++) {
                if (dataset.isDecision(from + k)) {
                    count(CongestionRule.label(rttMs, lossFraction, n, k + 1, settings),
                            dataset.label(Dataset.TASK_CONGESTION, from + k), counts);
                }
            }
        }
        return new LabelAgreement(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** Agreement of two label arrays of equal length (values -1, 0, 1). */
    public static LabelAgreement of(int[] a, int[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("label arrays differ in length: " + a.length + " vs " + b.length);
        }
        long[] counts = new long[5];
        for (int i = 0; i < a.length; i++) {
            count(a[i], b[i], counts);
        }
        return new LabelAgreement(counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    private static void count(int a, int b, long[] counts) {
        if (a < 0 || b < 0) {
            counts[4]++;
        } else if (a == 1) {
            counts[b == 1 ? 0 : 1]++;
        } else {
            counts[b == 1 ? 2 : 3]++;
        }
    }

    /** Samples with both labels. */
    public long total() {
        return truePositive + falsePositive + falseNegative + trueNegative;
    }

    /** Observed agreement p_o; 0 without samples. */
    public double observedAgreement() {
        long total = total();
        return total == 0 ? 0 : (double) (truePositive + trueNegative) / total;
    }

    /**
     * Cohen's kappa; 0 without samples; 1 when both raters always give the same single class
     * (then p_e = p_o = 1 and the formula is 0/0).
     */
    public double cohensKappa() {
        long total = total();
        if (total == 0) {
            return 0;
        }
        double aPositive = (double) (truePositive + falsePositive) / total;
        double bPositive = (double) (truePositive + falseNegative) / total;
        double chance = aPositive * bPositive + (1 - aPositive) * (1 - bPositive);
        double observed = observedAgreement();
        if (chance >= 1 - 1e-12) {
            return observed >= 1 - 1e-12 ? 1 : 0;
        }
        return (observed - chance) / (1 - chance);
    }

    /** A's precision against B (TP / (TP + FP)); 0 when A never says 1. */
    public double precision() {
        long predicted = truePositive + falsePositive;
        return predicted == 0 ? 0 : (double) truePositive / predicted;
    }

    /** A's recall against B (TP / (TP + FN)); 0 when B never says 1. */
    public double recall() {
        long actual = truePositive + falseNegative;
        return actual == 0 ? 0 : (double) truePositive / actual;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TP=%d FP=%d FN=%d TN=%d skipped=%d agreement=%.3f kappa=%.3f "
                        + "precision=%.3f recall=%.3f", truePositive, falsePositive, falseNegative, trueNegative,
                skipped, observedAgreement(), cohensKappa(), precision(), recall());
    }
}
