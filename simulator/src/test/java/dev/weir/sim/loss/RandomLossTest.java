package dev.weir.sim.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RandomLossTest {
    private static final int DRAWS = 200_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.01, 0.05, 0.2, 0.5, 1.0})
    void shouldDropAtConfiguredRateWithinFiveSigma(double rate) {
        LossModel model = new RandomLoss(rate).newModel();
        SplittableRandom random = new SplittableRandom(42);
        int dropped = 0;
        for (int i = 0; i < DRAWS; i++) {
            DropCause cause = model.nextPacket(random);
            if (cause != DropCause.NONE) {
                assertEquals(DropCause.RANDOM, cause);
                dropped++;
            }
        }
        double sigma = Math.sqrt(rate * (1 - rate) / DRAWS);
        assertEquals(rate, (double) dropped / DRAWS, 5 * sigma + 1e-12);
    }

    @Test
    void shouldReproduceSameDropsFromSameSeed() {
        RandomLoss loss = new RandomLoss(0.1);
        SplittableRandom first = new SplittableRandom(7);
        SplittableRandom second = new SplittableRandom(7);
        LossModel a = loss.newModel();
        LossModel b = loss.newModel();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(a.nextPacket(first), b.nextPacket(second));
        }
    }

    @Test
    void shouldDescribeRateAsPercentAndRejectOutOfRange() {
        assertEquals("random 5%", new RandomLoss(0.05).describe());
        assertEquals("random 0.5%", new RandomLoss(0.005).describe());
        assertEquals(0.05, new RandomLoss(0.05).expectedLossRate());
        assertThrows(IllegalArgumentException.class, () -> new RandomLoss(-0.1));
        assertThrows(IllegalArgumentException.class, () -> new RandomLoss(1.5));
        assertThrows(IllegalArgumentException.class, () -> new RandomLoss(Double.NaN));
    }

    @Test
    void shouldNeverDropWithNoLoss() {
        LossModel model = NoLoss.INSTANCE.newModel();
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1_000; i++) {
            assertEquals(DropCause.NONE, model.nextPacket(random));
        }
        assertEquals(0.0, NoLoss.INSTANCE.expectedLossRate());
        assertTrue(NoLoss.INSTANCE.describe().contains("no loss"));
    }
}
