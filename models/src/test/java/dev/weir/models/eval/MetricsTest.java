package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static double[] ones(int n) {
        double[] w = new double[n];
        Arrays.fill(w, 1);
        return w;
    }

    @Test
    void shouldAgreeWithTheUnweightedRocAucAndCountWeightsAsRepeats() {
        SplittableRandom random = new SplittableRandom(3);
        int n = 500;
        int[] truth = new int[n];
        double[] score = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3) == 0 ? 1 : 0;
            score[i] = Math.round((truth[i] + random.nextGaussian()) * 4) / 4.0; // ties
        }
        Metrics.Ranking ranking = Metrics.Ranking.of(score, n);
        assertEquals(BinaryMetrics.rocAuc(truth, score, n), Metrics.rocAuc(ranking, truth, ones(n)), 1e-12);
        // Weight 2 on a sample equals the sample listed twice.
        double[] w = ones(n);
        w[7] = 2;
        int[] truth2 = Arrays.copyOf(truth, n + 1);
        double[] score2 = Arrays.copyOf(score, n + 1);
        truth2[n] = truth[7];
        score2[n] = score[7];
        assertEquals(BinaryMetrics.rocAuc(truth2, score2, n + 1), Metrics.rocAuc(ranking, truth, w), 1e-12);
    }

    @Test
    void shouldComputeAveragePrecisionByHand() {
        // Scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg): AP = 1 * 1/2 + 2/3 * 1/2.
        double[] score = {0.9, 0.8, 0.7, 0.1};
        int[] truth = {1, 0, 1, 0};
        assertEquals(0.5 + 2.0 / 3 / 2, Metrics.prAuc(Metrics.Ranking.of(score, 4), truth, ones(4)), 1e-12);
    }

    @Test
    void shouldComputeCalibrationErrorByHand() {
        // Bin [0.8, 0.867): p 0.8, 0.8 with outcomes 1, 0 -> |0.8 - 0.5| = 0.3 on half the weight;
        // bin [0.133, 0.2): p 0.15, 0.15 with outcomes 0, 0 -> 0.15 on the other half.
        double[] p = {0.8, 0.8, 0.15, 0.15};
        int[] truth = {1, 0, 0, 0};
        assertEquals(0.5 * 0.3 + 0.5 * 0.15, Metrics.ece(p, truth, ones(4), 4), 1e-12);
    }

    @Test
    void shouldPickTheF1OptimalThreshold() {
        double[] score = {0.9, 0.8, 0.7, 0.6, 0.1};
        int[] truth = {1, 1, 0, 1, 0};
        double threshold = Metrics.bestF1Threshold(Metrics.Ranking.of(score, 5), score, truth);
        assertEquals(0.6, threshold, 1e-12);
        assertArrayEquals(new double[] {3, 1, 0, 1}, Metrics.confusion(score, truth, ones(5), 5, threshold));
        assertEquals(6.0 / 7, Metrics.f1(Metrics.confusion(score, truth, ones(5), 5, threshold)), 1e-12);
    }

    @Test
    void shouldTakeTheWeightedMedian() {
        assertEquals(2.0, Metrics.weightedMedian(new double[] {5, 1, 2}, new double[] {1, 1, 1}, 3), 0);
        assertEquals(5.0, Metrics.weightedMedian(new double[] {5, 1, 2}, new double[] {3, 1, 1}, 3), 0);
        assertTrue(Double.isNaN(Metrics.weightedMedian(new double[0], new double[0], 0)));
    }

    @Test
    void shouldDrawTheSameReplicatesFromTheSameSeedAndCoverThePointEstimate() {
        Bootstrap a = Bootstrap.of(20, 200, 9);
        Bootstrap b = Bootstrap.of(20, 200, 9);
        double[] mean = a.interval(counts -> {
            double sum = 0;
            for (int g = 0; g < counts.length; g++) {
                sum += counts[g] * g;
            }
            return sum / 20;
        });
        assertArrayEquals(mean, b.interval(counts -> {
            double sum = 0;
            for (int g = 0; g < counts.length; g++) {
                sum += counts[g] * g;
            }
            return sum / 20;
        }));
        assertTrue(mean[0] < 9.5 && 9.5 < mean[1], Arrays.toString(mean));
    }
}
