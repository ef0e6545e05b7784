package dev.weir.sim.estimators;

/**
 * A non-adaptive estimator that always targets one rate: a test fixture and a "no congestion
 * control" reference (pacing at 2.5x the rate, as libwebrtc's default pacing factor).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class FixedRateEstimator extends TargetRuleEstimator {
    private final long rateBps;

    /** @param rateBps the constant target, bits per second (negative counts as 0), unbounded until constraints come */
    public FixedRateEstimator(long rateBps) {
        this(0, rateBps, Long.MAX_VALUE);
    }

    /**
     * A constant {@code rateBps} within a call's bounds: constraints and a remote estimate move it
     * as they move any estimator's target.
     */
    public FixedRateEstimator(long minBps, long rateBps, long maxBps) {
        super(minBps, rateBps, maxBps);
        this.rateBps = Math.max(0, rateBps);
    }

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public long targetBpsAt(long nowUs) {
        return rateBps;
    }
}
