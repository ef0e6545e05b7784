package dev.weir.sim.loss;

import dev.weir.sim.net.DropCause;
import dev.weir.sim.net.LossModel;
import dev.weir.sim.net.LossSpec;
import java.util.SplittableRandom;

/**
 * No loss after the queue: every packet passes. Draws no randomness, so adding or removing it
 * does not shift other random streams.
 *
 * <p>Immutable and thread-safe (stateless singleton; the model is shared too).
 */
public final class NoLoss implements LossSpec, LossModel {
    /** The only instance. */
    public static final NoLoss INSTANCE = new NoLoss();

    private NoLoss() {
    }

    @Override
    public LossModel newModel() {
        return this;
    }

    @Override
    public double expectedLossRate() {
        return 0;
    }

    @Override
    public String describe() {
        return "no loss";
    }

    @Override
    public DropCause nextPacket(SplittableRandom random) {
        return DropCause.NONE;
    }

    @Override
    public String toString() {
        return describe();
    }
}
