package dev.weir.bwe.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FecHeadsTest {
    @Test
    void rateClassesSplitAtTheEdgesWithTheEdgeInTheUpperClass() {
        assertEquals(0, FecHeads.rateClass(0.0));
        assertEquals(0, FecHeads.rateClass(Double.NaN));
        assertEquals(0, FecHeads.rateClass(-1));
        assertEquals(0, FecHeads.rateClass(0.0049));
        assertEquals(1, FecHeads.rateClass(0.005));
        assertEquals(2, FecHeads.rateClass(0.02));
        assertEquals(3, FecHeads.rateClass(0.07));
        assertEquals(4, FecHeads.rateClass(0.10));
        assertEquals(4, FecHeads.rateClass(1.0));
        assertEquals(FecHeads.RATE_CLASSES.size() - 1, FecHeads.rateClass(1.0));
    }

    @Test
    void expectedRateWeighsEachClassValueByItsProbability() {
        assertEquals(0.0, FecHeads.expectedRate(new double[] {1, 0, 0, 0, 0}), 0);
        assertEquals(0.5 * 0.035 + 0.5 * 0.15, FecHeads.expectedRate(new double[] {0, 0, 0.5, 0, 0.5}), 1e-12);
    }

    @Test
    void burstsStartAtAMeanRunOfOneAndAHalfPackets() {
        assertEquals(FecHeads.ISOLATED, FecHeads.burstClass(1.0));
        assertEquals(FecHeads.ISOLATED, FecHeads.burstClass(1.49));
        assertEquals(FecHeads.BURSTY, FecHeads.burstClass(1.5));
        assertEquals(FecHeads.BURSTY, FecHeads.burstClass(4));
    }
}
