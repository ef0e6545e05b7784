package dev.weir.models.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BinaryMetricsTest {

    @Test
    void shouldMatchHandComputedMetricsWithTiedScores() {
        int[] truth = {1, 0, 1, 0, 1, 0};
        int[] predicted = {1, 1, 0, 0, 1, 0};
        double[] score = {0.9, 0.9, 0.5, 0.2, 0.5, 0.5};
        BinaryMetrics m = BinaryMetrics.of(truth, predicted, score, truth.length);
        assertEquals(2, m.tn());
        assertEquals(1, m.fp());
        assertEquals(1, m.fn());
        assertEquals(2, m.tp());
        assertEquals(6, m.support());
        assertEquals(3, m.positives());
        assertEquals(4.0 / 6, m.accuracy(), 1e-12);
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(2.0 / 3, m.f1(), 1e-12);
        // Pairs (positive, negative): 0.9 beats 0.2 and 0.5, ties 0.9 -> 2.5; each 0.5 beats 0.2, ties 0.5 -> 1.5.
        assertEquals(5.5 / 9, m.rocAuc(), 1e-12);
    }

    @Test
    void shouldGiveF1FromUnequalPrecisionAndRecall() {
        // tp 1, fp 3, fn 0: precision 1/4, recall 1 -> F1 = 2 * 0.25 / 1.25 = 0.4.
        BinaryMetrics m = BinaryMetrics.of(new int[] {1, 0, 0, 0}, new int[] {1, 1, 1, 1}, new double[4], 4);
        assertEquals(0.4, m.f1(), 1e-12);
        assertEquals(0.5, m.rocAuc(), 1e-12, "all scores tied");
    }

    @Test
    void shouldReportZeroPrecisionAndUndefinedAucWhenAClassIsMissing() {
        BinaryMetrics m = BinaryMetrics.of(new int[] {0, 0, 0}, new int[] {0, 0, 0}, new double[] {0.1, 0.2, 0.3}, 3);
        assertEquals(0.0, m.precision());
        assertEquals(0.0, m.recall());
        assertEquals(0.0, m.f1());
        assertEquals(1.0, m.accuracy());
        assertTrue(Double.isNaN(m.rocAuc()));
    }

    @Test
    void shouldGiveOneForPerfectRankingAndZeroForInvertedRanking() {
        int[] truth = {0, 0, 1, 1};
        assertEquals(1.0, BinaryMetrics.rocAuc(truth, new double[] {0.1, 0.2, 0.3, 0.4}, 4));
        assertEquals(0.0, BinaryMetrics.rocAuc(truth, new double[] {0.4, 0.3, 0.2, 0.1}, 4));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void shouldEqualPairwiseCountingOnRandomTiedScores(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 60;
        int[] truth = new int[n];
        double[] score = new double[n];
        for (int k = 0; k < n; k++) {
            truth[k] = random.nextInt(3) == 0 ? 1 : 0;
            score[k] = random.nextInt(6) / 5.0; // few distinct values: many ties
        }
        truth[0] = 1;
        truth[1] = 0;
        double wins = 0;
        long pairs = 0;
        for (int p = 0; p < n; p++) {
            for (int q = 0; q < n; q++) {
                if (truth[p] == 1 && truth[q] == 0) {
                    pairs++;
                    wins += score[p] > score[q] ? 1 : score[p] == score[q] ? 0.5 : 0;
                }
            }
        }
        assertEquals(wins / pairs, BinaryMetrics.rocAuc(truth, score, n), 1e-12);
    }
}
