package dev.weir.sim.estimators;

import dev.weir.sim.link.CrossTrafficSource;
import dev.weir.sim.net.CapacitySchedule;
import dev.weir.sim.scenario.Scenario;

/**
 * The upper bound results are held against: an "estimator" told the true bottleneck capacity. At
 * every event its target is {@code share x (capacity(now) - cross traffic(now))} (share 0.9 by
 * default: the headroom a well-tuned controller keeps so the queue stays short), clamped to the
 * media's [min, max]. It reacts to capacity changes instantly and never probes; pacing is 2.5x
 * the target (libwebrtc's pacing factor). Loss ratio and RTT are reported from feedback for
 * completeness.
 *
 * <p>Not thread-safe: one instance per call (the schedule itself is shared and immutable).
 */
public final class OracleEstimator extends TargetRuleEstimator {
    /** Default share of the free capacity the oracle targets. */
    public static final double DEFAULT_SHARE = 0.9;

    private final CapacitySchedule capacity;
    private final Scenario.CrossTraffic crossTraffic;
    private final long minBps;
    private final long maxBps;
    private final double share;

    /**
     * @param capacity the true bottleneck capacity
     * @param crossTraffic competing traffic whose rate is subtracted (null for none)
     * @param minBps lowest target
     * @param maxBps highest target
     * @param share share of the free capacity to target, in (0, 1]
     */
    public OracleEstimator(CapacitySchedule capacity, Scenario.CrossTraffic crossTraffic, long minBps, long maxBps,
                           double share) {
        super(minBps, minBps, maxBps);
        if (capacity == null) {
            throw new IllegalArgumentException("capacity schedule is required");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1], got " + share);
        }
        if (minBps < 0 || maxBps < minBps) {
            throw new IllegalArgumentException("need 0 <= minBps <= maxBps, got " + minBps + ", " + maxBps);
        }
        this.capacity = capacity;
        this.crossTraffic = crossTraffic;
        this.minBps = minBps;
        this.maxBps = maxBps;
        this.share = share;
    }

    /** The oracle for a scenario: its capacity, cross traffic and media bounds, share 0.9. */
    public static OracleEstimator forScenario(Scenario scenario) {
        return new OracleEstimator(scenario.link().capacity(), scenario.crossTraffic(), scenario.media().minBps(),
                scenario.media().maxBps(), DEFAULT_SHARE);
    }

    @Override
    public String name() {
        return "oracle";
    }

    /** The oracle's target at {@code nowUs}, bits per second. */
    @Override
    public long targetBpsAt(long nowUs) {
        long freeBps = capacity.capacityBpsAt(nowUs) - CrossTrafficSource.rateBpsAt(crossTraffic, nowUs);
        long targetBps = (long) (share * Math.max(0, freeBps));
        return Math.max(minBps, Math.min(maxBps, targetBps));
    }
}
