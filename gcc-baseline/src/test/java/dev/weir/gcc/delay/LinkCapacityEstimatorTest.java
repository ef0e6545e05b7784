package dev.weir.gcc.delay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** EWMA, bounds and reset of {@link LinkCapacityEstimator}. */
class LinkCapacityEstimatorTest {
    private final LinkCapacityEstimator estimator = new LinkCapacityEstimator(new AimdSettings());

    @Test
    void shouldHaveUnboundedLimitsWithoutAnEstimate() {
        assertFalse(estimator.hasEstimate());
        assertEquals(Double.POSITIVE_INFINITY, estimator.upperBoundBps());
        assertEquals(0.0, estimator.lowerBoundBps());
    }

    @Test
    void shouldBoundTheFirstSampleByThreeSigmaOfTheMinimumDeviation() {
        estimator.onOveruseDetected(500_000);
        assertTrue(estimator.hasEstimate());
        assertEquals(500_000, estimator.estimateBps(), 1e-6);
        // sigma = sqrt(0.4 * 500) kbps ~= 14.1 kbps.
        double sigmaBps = Math.sqrt(0.4 * 500) * 1000;
        assertEquals(500_000 + 3 * sigmaBps, estimator.upperBoundBps(), 1e-6);
        assertEquals(500_000 - 3 * sigmaBps, estimator.lowerBoundBps(), 1e-6);
    }

    @Test
    void shouldWeightOveruseSamplesByFivePercentAndProbesByHalf() {
        estimator.onOveruseDetected(500_000);
        estimator.onOveruseDetected(600_000);
        assertEquals(0.95 * 500_000 + 0.05 * 600_000, estimator.estimateBps(), 1e-6);
        double before = estimator.estimateBps();
        estimator.onProbeRate(1_000_000);
        assertEquals(0.5 * before + 0.5 * 1_000_000, estimator.estimateBps(), 1e-6);
    }

    @Test
    void shouldClampTheDeviationToItsMaximum() {
        estimator.onOveruseDetected(500_000);
        for (int i = 0; i < 50; i++) {
            estimator.onOveruseDetected(i % 2 == 0 ? 100_000 : 900_000);
        }
        double estimateKbps = estimator.estimateBps() / 1000;
        double maxSigmaBps = Math.sqrt(2.5 * estimateKbps) * 1000;
        assertEquals(estimator.estimateBps() + 3 * maxSigmaBps, estimator.upperBoundBps(), 1e-3);
    }

    @Test
    void shouldForgetTheEstimateOnResetAndIgnoreNonsense() {
        estimator.onOveruseDetected(500_000);
        estimator.onOveruseDetected(Double.NaN);
        estimator.onOveruseDetected(-1);
        assertEquals(500_000, estimator.estimateBps(), 1e-6);
        estimator.reset();
        assertFalse(estimator.hasEstimate());
        assertEquals(0.0, estimator.estimateBps());
        estimator.onOveruseDetected(200_000);
        assertEquals(200_000, estimator.estimateBps(), 1e-6);
    }
}
