package dev.weir.steer;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;
import dev.weir.gcc.GccSettings;

/**
 * The weir estimator with the committed model passes the contract every estimator must pass
 * (bad input never throws or yields NaN, no allocation per packet in steady state, model
 * decisions included: the contract's calls run long enough for the 10 s window to fill).
 */
class WeirContractTest extends BandwidthEstimatorContract {
    private static final Bundle BUNDLE = TestBundles.bundle("contract", TestBundles.defaultModel());

    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        return new WeirEstimator(GccSettings.defaults().withBitrates(minBps, startBps, maxBps), BUNDLE);
    }
}
