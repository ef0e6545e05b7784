package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;

/** GCC passes the contract every estimator variant must pass. */
class GoogCcContractTest extends BandwidthEstimatorContract {
    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        return new GoogCcEstimator(minBps, startBps, maxBps);
    }
}
