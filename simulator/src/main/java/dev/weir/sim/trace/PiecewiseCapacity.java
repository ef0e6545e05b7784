package dev.weir.sim.trace;

import dev.weir.sim.net.CapacitySchedule;
import java.util.Arrays;

/**
 * A piecewise-constant capacity: segment {@code i} holds {@code rateBps[i]} from {@code startUs[i]}
 * until the next segment starts. Either the last segment holds forever, or the whole pattern
 * repeats with period {@code periodUs} (traces loop at their end, as Mahimahi's {@code mm-link}
 * and Pensieve's simulator do). Lookups binary-search primitive arrays and allocate nothing, so
 * the link can call them per packet.
 *
 * <p>Immutable and thread-safe: the arrays are private copies and never written after construction.
 */
public final class PiecewiseCapacity implements CapacitySchedule {
    /** Marks a schedule that does not repeat. */
    public static final long NO_LOOP = 0;

    private final long[] startUs;
    private final long[] rateBps;
    private final long periodUs;
    private final String description;

    /**
     * @param startUs segment start times: first 0, strictly increasing (and below {@code periodUs}
     *     when looping)
     * @param rateBps each segment's capacity, >= 0; at least one positive
     * @param periodUs loop period, or {@link #NO_LOOP} when the last segment holds forever
     * @param description for reports
     * @throws IllegalArgumentException if the arrays break these rules (parsers check first and
     *     report file and line; this is the last line of defence)
     */
    public PiecewiseCapacity(long[] startUs, long[] rateBps, long periodUs, String description) {
        if (startUs.length == 0 || startUs.length != rateBps.length) {
            throw new IllegalArgumentException("need as many start times as rates, at least one; got "
                    + startUs.length + " and " + rateBps.length);
        }
        if (startUs[0] != 0) {
            throw new IllegalArgumentException("the first segment must start at 0 us, not " + startUs[0]);
        }
        boolean anyPositive = false;
        for (int i = 0; i < startUs.length; i++) {
            if (i > 0 && startUs[i] <= startUs[i - 1]) {
                throw new IllegalArgumentException("segment start times must increase: " + startUs[i - 1]
                        + " us then " + startUs[i] + " us at index " + i);
            }
            if (rateBps[i] < 0) {
                throw new IllegalArgumentException("negative capacity " + rateBps[i] + " bps at index " + i);
            }
            anyPositive |= rateBps[i] > 0;
        }
        if (!anyPositive) {
            throw new IllegalArgumentException("capacity is 0 throughout: nothing could ever be delivered");
        }
        if (periodUs < 0 || (periodUs != NO_LOOP && periodUs <= startUs[startUs.length - 1])) {
            throw new IllegalArgumentException("loop period " + periodUs + " us must exceed the last segment start "
                    + startUs[startUs.length - 1] + " us");
        }
        long[][] merged = mergeEqualNeighbours(startUs, rateBps);
        this.startUs = merged[0];
        this.rateBps = merged[1];
        this.periodUs = periodUs;
        this.description = description;
    }

    /** Capacity {@code rateBps} from time 0 on, never changing. */
    public static PiecewiseCapacity constant(long rateBps, String description) {
        return new PiecewiseCapacity(new long[] {0}, new long[] {rateBps}, NO_LOOP, description);
    }

    /**
     * A capacity of {@code highBps} for {@code halfPeriodUs}, then {@code lowBps} for
     * {@code halfPeriodUs}, repeating (starts high).
     */
    public static PiecewiseCapacity alternating(long highBps, long lowBps, long halfPeriodUs, String description) {
        return new PiecewiseCapacity(new long[] {0, halfPeriodUs}, new long[] {highBps, lowBps},
                2 * halfPeriodUs, description);
    }

    @Override
    public long capacityBpsAt(long timeUs) {
        return rateBps[segmentAt(phaseOf(timeUs))];
    }

    @Override
    public long nextChangeUs(long timeUs) {
        if (startUs.length == 1) {
            return Long.MAX_VALUE;
        }
        long t = Math.max(0, timeUs);
        long phaseUs = phaseOf(t);
        int i = segmentAt(phaseUs);
        long segmentEndPhaseUs;
        if (i + 1 < startUs.length) {
            segmentEndPhaseUs = startUs[i + 1];
        } else if (periodUs != NO_LOOP) {
            segmentEndPhaseUs = periodUs;
        } else {
            return Long.MAX_VALUE;
        }
        long untilChangeUs = segmentEndPhaseUs - phaseUs; // > 0 by construction
        return t > Long.MAX_VALUE - untilChangeUs ? Long.MAX_VALUE : t + untilChangeUs;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The loop period, or {@link #NO_LOOP}. */
    public long periodUs() {
        return periodUs;
    }

    /** Number of constant segments after merging equal neighbours. */
    public int segmentCount() {
        return startUs.length;
    }

    /**
     * The exact time-average capacity over {@code [fromUs, toUs)}, integrating segment by segment
     * (for ground truth in reports). Requires {@code 0 <= fromUs < toUs}.
     */
    public double averageBps(long fromUs, long toUs) {
        if (fromUs < 0 || toUs <= fromUs) {
            throw new IllegalArgumentException("need 0 <= fromUs < toUs, got [" + fromUs + ", " + toUs + ")");
        }
        double bitsTimesUs = 0;
        long t = fromUs;
        while (t < toUs) {
            long end = Math.min(nextChangeUs(t), toUs);
            bitsTimesUs += (double) capacityBpsAt(t) * (end - t);
            t = end;
        }
        return bitsTimesUs / (toUs - fromUs);
    }

    /** Mean capacity over one loop period (or, for a non-looping schedule, until its last change). */
    public double meanBps() {
        long endUs = periodUs != NO_LOOP ? periodUs : startUs[startUs.length - 1];
        return endUs == 0 ? rateBps[0] : averageBps(0, endUs);
    }

    @Override
    public String toString() {
        return description;
    }

    private long phaseOf(long timeUs) {
        long t = Math.max(0, timeUs); // the contract says >= 0; be lenient rather than index out of range
        return periodUs == NO_LOOP ? t : t % periodUs;
    }

    /** Index of the last segment starting at or before {@code phaseUs}. */
    private int segmentAt(long phaseUs) {
        int found = Arrays.binarySearch(startUs, phaseUs);
        return found >= 0 ? found : -found - 2; // insertion point - 1; >= 0 since startUs[0] == 0
    }

    /**
     * Drops segments whose rate equals the previous one, so nextChangeUs reports real changes
     * only. Returns {starts, rates}, trimmed.
     */
    private static long[][] mergeEqualNeighbours(long[] starts, long[] rates) {
        long[] keptStarts = new long[starts.length];
        long[] keptRates = new long[rates.length];
        int kept = 0;
        for (int i = 0; i < starts.length; i++) {
            if (kept == 0 || rates[i] != keptRates[kept - 1]) {
                keptStarts[kept] = starts[i];
                keptRates[kept] = rates[i];
                kept++;
            }
        }
        return new long[][] {Arrays.copyOf(keptStarts, kept), Arrays.copyOf(keptRates, kept)};
    }
}
