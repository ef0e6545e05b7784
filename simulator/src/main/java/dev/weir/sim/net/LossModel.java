package dev.weir.sim.net;

import java.util.SplittableRandom;

/**
 * A packet loss process on the forward path, applied independently of queueing (queue overflow is
 * the link's business, not this model's).
 *
 * <p>Stateful (Gilbert-Elliott keeps its channel state) and not thread-safe: each simulated call
 * creates its own instance from a {@link LossSpec}.
 */
public interface LossModel {

    /**
     * Decides the fate of the next packet, drawing randomness only from {@code random} so a call
     * is reproducible from its seed. Returns {@link DropCause#NONE} to let it pass.
     */
    DropCause nextPacket(SplittableRandom random);
}
