package dev.weir.sim.estimators;

import dev.weir.sim.link.CapacityIntegrator;
import dev.weir.sim.link.CrossTrafficSource;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.scenario.Scenario;

/**
 * An achievable bound beside the clairvoyant {@link OracleEstimator}: it knows the true free
 * capacity, but only as a real controller could learn it, averaged over the recent past and late.
 * Its target at time t is {@code 0.9 x mean free capacity over [t - lag - 1 s, t - lag]}, clamped
 * to the media's bounds, with
 * <ul>
 *   <li>window 1 s: the span over which an acknowledged-rate estimator measures a delivery rate
 *       (libwebrtc's robust throughput estimator keeps up to 1 s of packets);</li>
 *   <li>lag = one-way propagation delay + feedback interval + return delay: the earliest a sender
 *       can hear what the bottleneck did (a packet crosses, waits for the next report, the report
 *       returns);</li>
 *   <li>share 0.9, the same headroom as the clairvoyant oracle, so the gap between the two is the
 *       price of causality alone.</li>
 * </ul>
 * It never probes and never overshoots a capacity it has seen, so it also misses what a real
 * controller pays to discover capacity: it is a bound on reaction speed, not a controller.
 * The window moves in 10 ms slots; free capacity is capacity minus cross traffic per slot.
 *
 * <p>Not thread-safe: one instance per call (the schedule itself is shared and immutable).
 */
public final class CausalOracleEstimator extends TargetRuleEstimator {
    /** Averaging window, microseconds (see the class comment). */
    public static final long WINDOW_US = 1_000_000;
    /** The window moves in slots of this length, microseconds: far finer than any controller acts. */
    private static final long SLOT_US = 10_000;
    private static final int SLOTS = (int) (WINDOW_US / SLOT_US);
    /** Caller times are clamped to +-2^52 us so the lag arithmetic cannot overflow. */
    private static final long MAX_ABS_TIME_US = 1L << 52;

    private final CapacitySchedule capacity;
    private final Scenario.CrossTraffic crossTraffic;
    private final long minBps;
    private final long maxBps;
    private final long lagUs;
    /** Free bits per slot of the window, a ring indexed by slot number. */
    private final double[] slotBits = new double[SLOTS];
    private long windowEndSlot = Long.MIN_VALUE;
    private double windowBits;

    /**
     * @param lagUs how late the averaged capacity becomes known, microseconds, at least 0
     */
    public CausalOracleEstimator(CapacitySchedule capacity, Scenario.CrossTraffic crossTraffic, long minBps,
                                 long maxBps, long lagUs) {
        super(minBps, minBps, maxBps);
        if (capacity == null) {
            throw new IllegalArgumentException("capacity schedule is required");
        }
        if (minBps < 0 || maxBps < minBps) {
            throw new IllegalArgumentException("need 0 <= minBps <= maxBps, got " + minBps + ", " + maxBps);
        }
        if (lagUs < 0) {
            throw new IllegalArgumentException("lag must be >= 0 us, got " + lagUs);
        }
        this.capacity = capacity;
        this.crossTraffic = crossTraffic;
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.lagUs = lagUs;
    }

    /** The causal oracle of a scenario: lag = propagation + feedback interval + return delay. */
    public static CausalOracleEstimator forScenario(Scenario scenario) {
        long lagUs = Math.max(0, scenario.link().oneWayDelayUs()) + Math.max(0, scenario.feedbackIntervalUs())
                + Math.max(0, scenario.returnDelayUs());
        return new CausalOracleEstimator(scenario.link().capacity(), scenario.crossTraffic(), scenario.media().minBps(),
                scenario.media().maxBps(), lagUs);
    }

    @Override
    public String name() {
        return "oracle-causal";
    }

    @Override
    public long targetBpsAt(long nowUs) {
        long clampedUs = Math.max(-MAX_ABS_TIME_US, Math.min(MAX_ABS_TIME_US, nowUs));
        long endSlot = Math.floorDiv(clampedUs - lagUs, SLOT_US);
        if (endSlot <= 0) {
            return minBps; // nothing learned yet: the start rate of a cautious controller
        }
        advanceWindow(endSlot);
        long spanUs = Math.min(endSlot, SLOTS) * SLOT_US;
        long targetBps = (long) (OracleEstimator.DEFAULT_SHARE * Math.max(0, windowBits) * 1e6 / spanUs);
        return Math.max(minBps, Math.min(maxBps, targetBps));
    }

    /** Moves the window to end at slot {@code endSlot} (exclusive), adding and dropping slots. */
    private void advanceWindow(long endSlot) {
        if (windowEndSlot == Long.MIN_VALUE || endSlot < windowEndSlot || endSlot - windowEndSlot > SLOTS) {
            windowEndSlot = endSlot - SLOTS;
            windowBits = 0;
            java.util.Arrays.fill(slotBits, 0);
        }
        for (long slot = windowEndSlot; slot < endSlot; slot++) {
            int index = (int) Math.floorMod(slot, SLOTS);
            windowBits -= slotBits[index];
            slotBits[index] = slot < 0 ? 0 : freeBits(slot);
            windowBits += slotBits[index];
        }
        windowEndSlot = endSlot;
    }

    private double freeBits(long slot) {
        long fromUs = slot * SLOT_US;
        double capacityBits = CapacityIntegrator.bitsBetween(capacity, fromUs, fromUs + SLOT_US);
        double crossBits = CrossTrafficSource.rateBpsAt(crossTraffic, fromUs) * (SLOT_US / 1e6);
        return Math.max(0, capacityBits - crossBits);
    }
}
