package dev.weir.sim.link;

import dev.weir.sim.net.CapacitySchedule;

/**
 * Exact integration of a piecewise-constant {@link CapacitySchedule}: when a packet finishes
 * serialising, and how many bits the link could carry over an interval.
 *
 * <p>Works in integer bit-microseconds (bits x 1e6), so serialisation across capacity steps is
 * exact up to the final microsecond rounding (rounded up).
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class CapacityIntegrator {
    /** Microseconds per second, to turn bits per second into bits per microsecond. */
    private static final long US_PER_S = 1_000_000L;

    private CapacityIntegrator() {
    }

    /**
     * The time at which {@code sizeBits} starting serialisation at {@code startUs} have all left
     * the link, or {@link Long#MAX_VALUE} if the capacity stays 0 forever before that.
     */
    public static long finishTimeUs(CapacitySchedule schedule, long startUs, long sizeBits) {
        long remaining = Math.max(0, sizeBits) * US_PER_S;
        long timeUs = startUs;
        while (true) {
            long capacityBps = schedule.capacityBpsAt(timeUs);
            long nextUs = schedule.nextChangeUs(timeUs);
            if (nextUs <= timeUs) {
                nextUs = timeUs + 1; // guard against a schedule that does not move forward
            }
            if (capacityBps > 0) {
                long needUs = (remaining + capacityBps - 1) / capacityBps;
                if (nextUs == Long.MAX_VALUE || needUs <= nextUs - timeUs) {
                    return timeUs + needUs;
                }
                remaining -= capacityBps * (nextUs - timeUs); // < remaining, so no overflow
            } else if (nextUs == Long.MAX_VALUE) {
                return Long.MAX_VALUE;
            }
            timeUs = nextUs;
        }
    }

    /** Bits the link could carry in {@code [fromUs, toUs)}; 0 when {@code toUs <= fromUs}. */
    public static double bitsBetween(CapacitySchedule schedule, long fromUs, long toUs) {
        double bits = 0;
        long timeUs = fromUs;
        while (timeUs < toUs) {
            long nextUs = schedule.nextChangeUs(timeUs);
            if (nextUs <= timeUs) {
                nextUs = timeUs + 1;
            }
            long endUs = Math.min(nextUs, toUs);
            bits += schedule.capacityBpsAt(timeUs) * (double) (endUs - timeUs) / US_PER_S;
            timeUs = endUs;
        }
        return bits;
    }
}
