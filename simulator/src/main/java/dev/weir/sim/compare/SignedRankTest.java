package dev.weir.sim.compare;

import java.util.Arrays;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * Two-sided Wilcoxon signed-rank test of "the paired differences are symmetric about 0".
 * Differences of exactly 0 are dropped (Wilcoxon's convention) and ties get mid-ranks.
 *
 * <ul>
 *   <li>no ties, no zeros: Commons Statistics' exact p-value up to
 *       {@link SignedRankDistribution#MAX_EXACT_N} differences;</li>
 *   <li>ties or zeros, at most {@link SignedRankDistribution#MAX_EXACT_N} non-zero differences:
 *       the exact conditional distribution over the mid-ranks ({@link SignedRankDistribution});</li>
 *   <li>more: Commons Statistics' normal approximation with continuity correction.</li>
 * </ul>
 * So small samples always get exact p-values: with 3 pairs the smallest possible is 0.25.
 * {@link #test(double[], AlternativeHypothesis)} gives the one-sided p-values of the same three
 * procedures (the regression gate asks "is B worse?", a one-sided question).
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class SignedRankTest {
    /** How a p-value was computed. */
    public enum Method {
        /** Exact null distribution (Commons Statistics), no ties or zeros. */
        EXACT,
        /** Exact conditional distribution over mid-ranks (ties or zero differences present). */
        EXACT_CONDITIONAL,
        /** Normal approximation with continuity correction (large samples). */
        NORMAL_APPROXIMATION,
        /** Every difference is 0: no evidence of any change, p = 1. */
        NO_DIFFERENCE;

        /** Lower-case name for JSON. */
        public String jsonName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A test result.
     *
     * @param pValue p-value in [0, 1] for the alternative asked (two-sided unless stated)
     * @param method how it was computed
     */
    public record Result(double pValue, Method method) {
    }

    private static final WilcoxonSignedRankTest EXACT = WilcoxonSignedRankTest.withDefaults()
            .with(PValueMethod.EXACT);
    private static final WilcoxonSignedRankTest ASYMPTOTIC = WilcoxonSignedRankTest.withDefaults()
            .with(PValueMethod.ASYMPTOTIC).with(ContinuityCorrection.ENABLED);

    private SignedRankTest() {
    }

    /** Two-sided test of the finite differences {@code d} (at least one). */
    public static Result test(double[] d) {
        return test(d, AlternativeHypothesis.TWO_SIDED);
    }

    /**
     * Tests the finite differences {@code d} (at least one) against {@code alternative}:
     * {@code GREATER_THAN} means "d tends to be positive", {@code LESS_THAN} "negative".
     */
    public static Result test(double[] d, AlternativeHypothesis alternative) {
        if (d.length == 0) {
            throw new IllegalArgumentException("no differences to test");
        }
        double[] nonZero = Arrays.stream(d).filter(v -> v != 0).toArray();
        if (nonZero.length == 0) {
            return new Result(1, Method.NO_DIFFERENCE);
        }
        double[] magnitudes = Arrays.stream(nonZero).map(Math::abs).sorted().toArray();
        boolean ties = false;
        for (int i = 1; i < magnitudes.length; i++) {
            ties |= magnitudes[i] == magnitudes[i - 1];
        }
        if (nonZero.length > SignedRankDistribution.MAX_EXACT_N) {
            // The non-zero differences only, as the exact paths: Commons Statistics keeps zeros in its
            // ranking, which disagrees with the convention above and gives NaN when many zeros meet
            // equal non-zero differences (2 340 zeros and 60 differences of 1: a 2 400-call report).
            return new Result(ASYMPTOTIC.with(alternative).test(nonZero).getPValue(), Method.NORMAL_APPROXIMATION);
        }
        if (!ties && nonZero.length == d.length) {
            return new Result(EXACT.with(alternative).test(d).getPValue(), Method.EXACT);
        }
        return new Result(exactConditional(nonZero, magnitudes, alternative), Method.EXACT_CONDITIONAL);
    }

    private static double exactConditional(double[] nonZero, double[] sortedMagnitudes,
            AlternativeHypothesis alternative) {
        int n = sortedMagnitudes.length;
        int[] doubledRanks = new int[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && sortedMagnitudes[j + 1] == sortedMagnitudes[i]) {
                j++;
            }
            // positions i..j (0-based) share the mid-rank ((i + 1) + (j + 1)) / 2, doubled.
            for (int k = i; k <= j; k++) {
                doubledRanks[k] = i + j + 2;
            }
            i = j + 1;
        }
        long doubledWPlus = 0;
        for (double v : nonZero) {
            if (v > 0) {
                doubledWPlus += doubledRanks[firstIndexOf(sortedMagnitudes, Math.abs(v))];
            }
        }
        if (alternative == AlternativeHypothesis.TWO_SIDED) {
            return SignedRankDistribution.twoSidedP(doubledRanks, doubledWPlus);
        }
        return SignedRankDistribution.oneSidedP(doubledRanks, doubledWPlus,
                alternative == AlternativeHypothesis.GREATER_THAN);
    }

    /** Index of one occurrence of {@code value} in {@code sorted} (all tied positions share a rank). */
    private static int firstIndexOf(double[] sorted, double value) {
        int index = Arrays.binarySearch(sorted, value);
        while (index > 0 && sorted[index - 1] == value) {
            index--;
        }
        return index;
    }
}
