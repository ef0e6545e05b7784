package dev.weir.sim.net;

/**
 * The bottleneck's capacity over simulated time: piecewise constant, so the link can integrate it
 * exactly when it serialises a packet.
 *
 * <p>Implementations are immutable and thread-safe: one schedule is shared by many parallel calls.
 */
public interface CapacitySchedule {

    /** Capacity at {@code timeUs} (>= 0), bits per second; 0 means an outage. */
    long capacityBpsAt(long timeUs);

    /**
     * The first time strictly after {@code timeUs} at which the capacity may change, or
     * {@link Long#MAX_VALUE} if it never changes again.
     */
    long nextChangeUs(long timeUs);

    /** A short description for reports (e.g. {@code "steps 1000->500 kbps"} or a trace file name). */
    String describe();
}
