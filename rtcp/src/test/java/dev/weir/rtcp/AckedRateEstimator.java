package dev.weir.rtcp;

import dev.weir.bwe.api.BweResult;
import dev.weir.bwe.contract.RecordingEstimator;

/**
 * A trivial, allocation-free estimator for tests: its "estimate" is the acknowledged rate and the
 * loss ratio over everything it was told; the totals a test checks are the recorder's.
 *
 * <p>Not thread-safe: one instance per test.
 */
final class AckedRateEstimator extends RecordingEstimator {
    AckedRateEstimator() {
        super("recording");
    }

    @Override
    public void currentEstimate(long nowUs, BweResult out) {
        long rateBps = ackedRateBps();
        out.timeUs(nowUs).targetRateBps(rateBps).ackedRateBps(rateBps).lossRatio(lossRatio());
    }
}
