package dev.weir.sim.estimators;

/**
 * A non-adaptive estimator that always targets one rate: a test fixture and a "no congestion
 * control" reference (pacing at 2.5x the rate, as libwebrtc's default pacing factor).
 *
 * <p>Not thread-safe: one instance per call.
 */
public final class FixedRateEstimator extends TargetRuleEstimator {
    private final long rateBps;

    /** @param rateBps the constant target, bits per second (negative counts as 0) */
    public FixedRateEstimator(long rateBps) {
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
