package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StudentTTest {

    @ParameterizedTest
    @CsvSource({
        // Two-sided 5% critical values from the printed t table (3 decimals).
        "12.706, 1", "4.303, 2", "2.776, 4", "2.262, 9", "2.228, 10", "2.042, 30"})
    void twoSidedPShouldBeFivePercentAtTableCriticalValues(double t, int df) {
        assertEquals(0.05, StudentT.twoSidedP(t, df), 2e-4);
        assertEquals(0.05, StudentT.twoSidedP(-t, df), 2e-4);
    }

    @ParameterizedTest
    @CsvSource({"63.657, 1, 0.01", "3.250, 9, 0.01", "1.833, 9, 0.10", "4.781, 9, 0.001"})
    void twoSidedPShouldMatchOtherTableColumns(double t, int df, double p) {
        assertEquals(p, StudentT.twoSidedP(t, df), p * 5e-3);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.7, 1.5, 3, 6.3245553, 25})
    void shouldMatchClosedFormsForOneTwoAndFourDegreesOfFreedom(double t) {
        // df = 1 is the Cauchy distribution.
        assertEquals(0.5 + Math.atan(t) / Math.PI, StudentT.cdf(t, 1), 1e-13);
        // df = 2: P(|T| > t) = 1 - t / sqrt(2 + t^2).
        assertEquals(1 - t / Math.sqrt(2 + t * t), StudentT.twoSidedP(t, 2), 1e-13);
        // df = 4: P(|T| > t) = 1 - t (t^2 + 6) / (t^2 + 4)^(3/2).
        double tt = t * t;
        assertEquals(1 - t * (tt + 6) / Math.pow(tt + 4, 1.5), StudentT.twoSidedP(t, 4), 1e-13);
    }

    @Test
    void shouldApproachTheNormalDistributionForLargeDegreesOfFreedom() {
        assertEquals(0.05, StudentT.twoSidedP(1.959964, 1e7), 1e-6);
    }

    @Test
    void zeroAndInfiniteStatisticsShouldGiveOneAndZero() {
        assertEquals(1.0, StudentT.twoSidedP(0, 5), 0);
        assertEquals(0.0, StudentT.twoSidedP(Double.POSITIVE_INFINITY, 5), 0);
        assertEquals(0.5, StudentT.cdf(0, 5), 0);
    }

    @ParameterizedTest
    @CsvSource({"1, 12.706204736174694", "4, 2.7764451051977934", "9, 2.262157162798205",
        "30, 2.0422724563012378"})
    void quantileShouldMatchReferenceCriticalValues(int df, double expected) {
        assertEquals(expected, StudentT.quantile(0.975, df), 1e-9);
        assertEquals(-expected, StudentT.quantile(0.025, df), 1e-9);
    }

    @ParameterizedTest
    @CsvSource({"0.6, 3", "0.9, 7", "0.999, 2", "0.01, 15"})
    void quantileShouldInvertTheCdf(double p, double df) {
        assertEquals(p, StudentT.cdf(StudentT.quantile(p, df), df), 1e-12);
    }
}
