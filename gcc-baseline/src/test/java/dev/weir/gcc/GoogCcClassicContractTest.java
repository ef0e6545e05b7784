package dev.weir.gcc;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;

/**
 * The classic composition (`gcc-classic`: classic loss rule, Bayesian acked rate, no pushback)
 * passes the same contract as today's GCC.
 */
class GoogCcClassicContractTest extends BandwidthEstimatorContract {
    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        GccSettings settings = GccSettings.defaults().withBitrates(minBps, startBps, maxBps);
        settings.lossBased.v2.enabled = false;
        settings.useRobustThroughputEstimator = false;
        settings.pushback.enabled = false;
        return new GoogCcEstimator(settings);
    }
}
