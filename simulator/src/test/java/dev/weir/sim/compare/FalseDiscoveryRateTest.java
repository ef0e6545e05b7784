package dev.weir.sim.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FalseDiscoveryRateTest {
    @Test
    void adjustsByRankAndKeepsTheOrderMonotone() {
        // Sorted 0.01, 0.03, 0.04, 0.5 (m = 4): 4p/rank = 0.04, 0.06, 0.0533, 0.5; step-up minimum from
        // the largest gives 0.04, 0.0533, 0.0533, 0.5.
        assertArrayEquals(new double[] {0.04, 0.16 / 3, 0.16 / 3, 0.5},
                FalseDiscoveryRate.benjaminiHochberg(new double[] {0.01, 0.04, 0.03, 0.5}), 1e-15);
    }

    @Test
    void largestPValueStaysAndNoSmallerOneExceedsIt() {
        // 0.8 x 2 / 1 = 1.6 is capped by the step-up minimum at the largest p, 0.9.
        assertArrayEquals(new double[] {0.9, 0.9}, FalseDiscoveryRate.benjaminiHochberg(new double[] {0.9, 0.8}), 0);
        assertArrayEquals(new double[] {0.03}, FalseDiscoveryRate.benjaminiHochberg(new double[] {0.03}), 0);
        assertArrayEquals(new double[0], FalseDiscoveryRate.benjaminiHochberg(new double[0]), 0);
    }

    @Test
    void rejectsValuesThatAreNotProbabilities() {
        assertThrows(IllegalArgumentException.class,
                () -> FalseDiscoveryRate.benjaminiHochberg(new double[] {0.5, Double.NaN}));
    }
}
