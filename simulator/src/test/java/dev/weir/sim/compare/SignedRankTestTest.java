package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;
import org.junit.jupiter.api.Test;

class SignedRankTestTest {
    @Test
    void threeConsistentPairsGiveTheSmallestExactPValueOfAQuarter() {
        SignedRankTest.Result r = SignedRankTest.test(new double[] {0.04, 0.05, 0.06});
        assertEquals(0.25, r.pValue(), 1e-15);
        assertEquals(SignedRankTest.Method.EXACT, r.method());
    }

    @Test
    void tiedDifferencesGetTheExactConditionalPValueNotTheNormalApproximation() {
        // Five equal differences: every sign pattern but all-plus and all-minus is less extreme.
        SignedRankTest.Result r = SignedRankTest.test(new double[] {1, 1, 1, 1, 1});
        assertEquals(2.0 / 32, r.pValue(), 1e-15);
        assertEquals(SignedRankTest.Method.EXACT_CONDITIONAL, r.method());
    }

    @Test
    void zeroDifferencesAreDroppedBeforeRanking() {
        // Without the zero: five untied positive differences, p = 2 / 2^5.
        assertEquals(2.0 / 32, SignedRankTest.test(new double[] {0, 1, 2, 3, 4, 5}).pValue(), 1e-15);
    }

    @Test
    void midRanksMatchAHandEnumeration() {
        // |d| 1, 1, 2, 3 -> doubled mid-ranks 3, 3, 6, 8 (total 20); observed 2W+ = 3 + 3 + 8 = 14.
        // Of the 16 sign patterns, 10 have |2W+ - 20| >= 8 (sums 0, 3, 3, 6, 6, 14, 14, 17, 17, 20).
        assertEquals(10.0 / 16, SignedRankTest.test(new double[] {1, 1, -2, 3}).pValue(), 1e-15);
    }

    @Test
    void allZeroDifferencesGivePOne() {
        SignedRankTest.Result r = SignedRankTest.test(new double[] {0, 0, 0});
        assertEquals(1.0, r.pValue(), 0);
        assertEquals(SignedRankTest.Method.NO_DIFFERENCE, r.method());
    }

    @Test
    void exactDistributionAgreesWithCommonsStatisticsWithoutTies() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(SignedRankDistribution.MAX_EXACT_N);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = random.nextDouble(-1, 1.5);
            }
            int[] doubled = new int[n];
            double[] sorted = java.util.Arrays.stream(d).map(Math::abs).sorted().toArray();
            long wPlus = 0;
            for (int i = 0; i < n; i++) {
                doubled[i] = 2 * (i + 1);
            }
            for (double v : d) {
                if (v > 0) {
                    wPlus += 2L * (java.util.Arrays.binarySearch(sorted, Math.abs(v)) + 1);
                }
            }
            double commons = WilcoxonSignedRankTest.withDefaults().with(PValueMethod.EXACT).test(d).getPValue();
            assertEquals(commons, SignedRankDistribution.twoSidedP(doubled, wPlus), 1e-12, "n = " + n);
        }
    }

    @Test
    void largeSamplesUseTheNormalApproximation() {
        double[] d = new double[SignedRankDistribution.MAX_EXACT_N + 1];
        for (int i = 0; i < d.length; i++) {
            d[i] = i % 3 == 0 ? -(i + 1) : i + 1;
        }
        assertEquals(SignedRankTest.Method.NORMAL_APPROXIMATION, SignedRankTest.test(d).method());
    }

    @Test
    void zeroDifferencesAreDroppedInLargeSamplesToo() {
        // Found in a 2 400-pair report: 60 equal non-zero differences among 2 340 zeros gave NaN.
        double[] d = new double[2_400];
        for (int i = 0; i < 60; i++) {
            d[i * 40] = 1;
        }
        SignedRankTest.Result withZeros = SignedRankTest.test(d);
        SignedRankTest.Result without = SignedRankTest.test(java.util.Arrays.stream(d).filter(v -> v != 0).toArray());
        assertEquals(SignedRankTest.Method.NORMAL_APPROXIMATION, withZeros.method());
        assertEquals(without.pValue(), withZeros.pValue(), 0.0);
        assertTrue(withZeros.pValue() > 0 && withZeros.pValue() < 1e-10, "p = " + withZeros.pValue());
    }

    @Test
    void oneSidedPValuesOfTiedDifferencesFollowTheHandEnumeration() {
        // Doubled mid-ranks 3, 3, 6, 8: the 16 sign patterns give 2W+ = 0, 3, 3, 6, 6, 8, 9, 9, 11,
        // 11, 12, 14, 14, 17, 17, 20; observed 14, so 5 patterns are >= 14 and 13 are <= 14.
        double[] d = {1, 1, -2, 3};
        assertEquals(5.0 / 16, SignedRankTest.test(d, AlternativeHypothesis.GREATER_THAN).pValue(), 1e-15);
        assertEquals(13.0 / 16, SignedRankTest.test(d, AlternativeHypothesis.LESS_THAN).pValue(), 1e-15);
    }

    @Test
    void fiveEqualIncreasesAreOneSidedSignificantOnlyUpwards() {
        double[] d = {1, 1, 1, 1, 1};
        assertEquals(1.0 / 32, SignedRankTest.test(d, AlternativeHypothesis.GREATER_THAN).pValue(), 1e-15);
        assertEquals(1.0, SignedRankTest.test(d, AlternativeHypothesis.LESS_THAN).pValue(), 1e-15);
    }

    @Test
    void oneSidedExactPValuesAgreeWithCommonsStatisticsAndHalveTheTwoSidedOne() {
        SplittableRandom random = new SplittableRandom(12);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(SignedRankDistribution.MAX_EXACT_N);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = random.nextDouble(-1, 1.5);
            }
            double greater = SignedRankTest.test(d, AlternativeHypothesis.GREATER_THAN).pValue();
            double less = SignedRankTest.test(d, AlternativeHypothesis.LESS_THAN).pValue();
            assertEquals(WilcoxonSignedRankTest.withDefaults().with(PValueMethod.EXACT)
                    .with(AlternativeHypothesis.GREATER_THAN).test(d).getPValue(), greater, 1e-12, "n = " + n);
            // The null distribution is symmetric, so the two-sided p is twice the smaller tail.
            assertEquals(Math.min(1, 2 * Math.min(greater, less)), SignedRankTest.test(d).pValue(), 1e-12);
        }
    }

    @Test
    void tiedOneSidedPValuesMatchABruteForceEnumeration() {
        SplittableRandom random = new SplittableRandom(13);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + random.nextInt(12);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = random.nextInt(-3, 4); // small integers: many ties and zeros
            }
            double expected = bruteForceGreater(d);
            assertEquals(expected, SignedRankTest.test(d, AlternativeHypothesis.GREATER_THAN).pValue(), 1e-12,
                    java.util.Arrays.toString(d));
        }
    }

    /** P(W+ >= observed) by enumerating every sign pattern of the non-zero differences (mid-ranks). */
    private static double bruteForceGreater(double[] d) {
        double[] nonZero = java.util.Arrays.stream(d).filter(v -> v != 0).toArray();
        int m = nonZero.length;
        if (m == 0) {
            return 1;
        }
        double[] ranks = new double[m];
        for (int i = 0; i < m; i++) {
            double below = 0;
            double equal = 0;
            for (double v : nonZero) {
                below += Math.abs(v) < Math.abs(nonZero[i]) ? 1 : 0;
                equal += Math.abs(v) == Math.abs(nonZero[i]) ? 1 : 0;
            }
            ranks[i] = below + (equal + 1) / 2;
        }
        double observed = 0;
        for (int i = 0; i < m; i++) {
            observed += nonZero[i] > 0 ? ranks[i] : 0;
        }
        int atLeast = 0;
        for (int mask = 0; mask < (1 << m); mask++) {
            double w = 0;
            for (int i = 0; i < m; i++) {
                w += (mask >> i & 1) == 1 ? ranks[i] : 0;
            }
            atLeast += w >= observed - 1e-9 ? 1 : 0;
        }
        return atLeast / (double) (1 << m);
    }
}
