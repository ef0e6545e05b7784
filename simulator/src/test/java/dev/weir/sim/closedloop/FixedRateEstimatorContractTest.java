package dev.weir.sim.closedloop;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;
import dev.weir.sim.estimators.FixedRateEstimator;

/**
 * The fixed-rate reference passes the estimator contract: non-adaptive, yet a full estimator to
 * the simulator (it reports RTT and loss like every variant), so the same bad input must not
 * break it.
 */
class FixedRateEstimatorContractTest extends BandwidthEstimatorContract {
    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        return new FixedRateEstimator(minBps, startBps, maxBps);
    }
}
