package dev.weir.sim.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GilbertElliottLossTest {
    private static final int DRAWS = 200_000;

    @ParameterizedTest
    @CsvSource({
        "0.01, 0.25, 1.0",
        "0.05, 0.5, 1.0",
        "0.02, 0.1, 1.0",
        "0.1, 0.3, 1.0"})
    void shouldHaveMeanBurstLengthOneOverPBadGood(double pGoodBad, double pBadGood, double lossBad) {
        LossModel model = new GilbertElliottLoss(pGoodBad, pBadGood, lossBad, 0).newModel();
        SplittableRandom random = new SplittableRandom(2024);
        long bursts = 0;
        long burstPackets = 0;
        boolean inBurst = false;
        for (int i = 0; i < DRAWS; i++) {
            boolean dropped = model.nextPacket(random) == DropCause.BURST;
            if (dropped) {
                burstPackets++;
                if (!inBurst) {
                    bursts++;
                }
            }
            inBurst = dropped;
        }
        double meanBurst = (double) burstPackets / bursts;
        double expected = 1 / pBadGood;
        // Geometric lengths: sd = sqrt(1 - p) / p; allow 5 standard errors of the mean.
        double standardError = Math.sqrt(1 - pBadGood) / pBadGood / Math.sqrt(bursts);
        assertEquals(expected, meanBurst, 5 * standardError);
    }

    @ParameterizedTest
    @CsvSource({
        "0.01, 0.25, 1.0, 0.0",
        "0.05, 0.5, 0.8, 0.01",
        "0.2, 0.2, 0.5, 0.05",
        "0.0, 0.5, 1.0, 0.02"})
    void shouldLoseAtStationaryRate(double pGoodBad, double pBadGood, double lossBad, double lossGood) {
        GilbertElliottLoss loss = new GilbertElliottLoss(pGoodBad, pBadGood, lossBad, lossGood);
        LossModel model = loss.newModel();
        SplittableRandom random = new SplittableRandom(99);
        int burst = 0;
        int randomDrops = 0;
        for (int i = 0; i < DRAWS; i++) {
            switch (model.nextPacket(random)) {
                case BURST -> burst++;
                case RANDOM -> randomDrops++;
                case NONE -> { }
                default -> throw new AssertionError("loss models never report queue overflow");
            }
        }
        double bad = pGoodBad / (pGoodBad + pBadGood);
        double expected = bad * lossBad + (1 - bad) * lossGood;
        assertEquals(expected, loss.expectedLossRate(), 1e-12);
        // Correlated draws widen the spread: allow 0.2 percentage points or 15% of the expected rate.
        double tolerance = Math.max(0.002, 0.15 * expected);
        assertEquals(expected, (double) (burst + randomDrops) / DRAWS, tolerance);
        assertEquals(bad * lossBad, (double) burst / DRAWS, Math.max(0.002, 0.15 * bad * lossBad));
        assertEquals((1 - bad) * lossGood, (double) randomDrops / DRAWS, Math.max(0.002, 0.15 * (1 - bad) * lossGood));
    }

    @Test
    void shouldStartInGoodStateAndKeepStatePerModel() {
        GilbertElliottLoss loss = new GilbertElliottLoss(1.0, 1.0, 1.0, 0.0);
        LossModel model = loss.newModel();
        SplittableRandom random = new SplittableRandom(3);
        // Deterministic: GOOD (pass) -> BAD (burst) -> GOOD (pass) -> ...
        assertEquals(DropCause.NONE, model.nextPacket(random));
        assertEquals(DropCause.BURST, model.nextPacket(random));
        assertEquals(DropCause.NONE, model.nextPacket(random));
        // A fresh model starts GOOD again, independent of the first one's state.
        assertEquals(DropCause.NONE, loss.newModel().nextPacket(random));
        assertEquals(DropCause.BURST, model.nextPacket(random));
    }

    @Test
    void shouldRejectParametersOutsideTheirRanges() {
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(-0.1, 0.5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(0.1, 0.0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(0.1, 0.5, 1.1, 0));
        assertThrows(IllegalArgumentException.class, () -> new GilbertElliottLoss(0.1, 0.5, 1, Double.NaN));
    }

    @Test
    void shouldDescribeExpectedRateAndParameters() {
        assertEquals("gilbert 3.846% (p_gb 0.01, p_bg 0.25, loss_bad 1.0)",
                new GilbertElliottLoss(0.01, 0.25, 1.0, 0).describe());
    }
}
