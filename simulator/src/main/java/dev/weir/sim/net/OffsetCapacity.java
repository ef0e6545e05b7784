package dev.weir.sim.net;


/**
 * A capacity schedule that starts {@code offsetUs} into another: a call that begins at a random
 * point of a (looping) trace instead of at its first sample. Allocates nothing per lookup.
 *
 * <p>Immutable and thread-safe when the wrapped schedule is.
 */
public final class OffsetCapacity implements CapacitySchedule {
    private final CapacitySchedule inner;
    private final long offsetUs;

    /** {@code inner} from {@code offsetUs} (>= 0) on. */
    public OffsetCapacity(CapacitySchedule inner, long offsetUs) {
        if (offsetUs < 0) {
            throw new IllegalArgumentException("offset must be >= 0, got " + offsetUs + " us");
        }
        this.inner = inner;
        this.offsetUs = offsetUs;
    }

    @Override
    public long capacityBpsAt(long timeUs) {
        return inner.capacityBpsAt(timeUs + offsetUs);
    }

    @Override
    public long nextChangeUs(long timeUs) {
        long next = inner.nextChangeUs(timeUs + offsetUs);
        return next == Long.MAX_VALUE ? Long.MAX_VALUE : next - offsetUs;
    }

    @Override
    public String describe() {
        return inner.describe() + " from " + offsetUs / 1_000 + " ms";
    }
}
