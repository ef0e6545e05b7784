package dev.weir.sim.loss;

import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.net.LossSpec;
import java.util.Locale;

/**
 * Independent (Bernoulli) loss: each packet is dropped with probability {@code rate}, cause
 * {@link DropCause#RANDOM} (radio errors, not congestion). One uniform draw per packet.
 *
 * <p>Immutable and thread-safe; its model is stateless, so one model instance is shared.
 */
public final class RandomLoss implements LossSpec {
    private final double rate;
    private final LossModel model;

    /** @param rate drop probability in [0, 1] */
    public RandomLoss(double rate) {
        if (!(rate >= 0 && rate <= 1)) {
            throw new IllegalArgumentException("loss rate must be in [0, 1], got " + rate);
        }
        this.rate = rate;
        this.model = random -> random.nextDouble() < rate ? DropCause.RANDOM : DropCause.NONE;
    }

    /** The drop probability. */
    public double rate() {
        return rate;
    }

    @Override
    public LossModel newModel() {
        return model;
    }

    @Override
    public double expectedLossRate() {
        return rate;
    }

    @Override
    public String describe() {
        return String.format(Locale.ROOT, "random %s%%", Percent.format(rate));
    }

    @Override
    public String toString() {
        return describe();
    }
}
