package dev.weir.sim.closedloop;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.contract.BandwidthEstimatorContract;
import dev.weir.sim.call.TestScenarios;
import dev.weir.sim.estimators.CausalOracleEstimator;
import dev.weir.sim.scenario.Scenario;

/**
 * The causal oracle passes the estimator contract: it is driven by the simulator like any estimator,
 * so it must survive the same bad input. Its target does not depend on feedback (it reads the
 * true capacity), but its loss and RTT reporting does.
 */
class CausalOracleEstimatorContractTest extends BandwidthEstimatorContract {
    /** The true capacity the oracle is told, bps: 0.9 of it lies inside the contract's bounds. */
    private static final long CAPACITY_BPS = 2_000_000;

    @Override
    protected BandwidthEstimator newEstimator(long minBps, long startBps, long maxBps) {
        return new CausalOracleEstimator(new TestScenarios.ConstantCapacity(CAPACITY_BPS), Scenario.CrossTraffic.NONE,
                minBps, maxBps, 150_000);
    }
}
