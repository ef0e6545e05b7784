package dev.weir.sim.tune;

import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.estimators.PortableBundle;
import dev.weir.sim.runner.CallJob;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.NetworkType;
import dev.weir.steer.WeirEstimator;

/**
 * One call of a candidate's evaluation, as data: the weir estimator pinned to {@code type} with
 * {@code bundle} (the candidate in place of that type's set, swapped in at {@code swapInUs}) on
 * {@code scenario} and {@code seed}; the result is the call's metrics (its {@link TuningObjective}
 * and the guards read them).
 *
 * <p>Immutable and thread-safe.
 */
record PinnedCall(Scenario scenario, long seed, NetworkType type, PortableBundle bundle, long swapInUs)
        implements CallJob<CallMetrics> {
    private static final long serialVersionUID = 1L;

    @Override
    public String description() {
        return scenario.name() + " seed " + seed;
    }

    @Override
    public CallMetrics run() {
        WeirEstimator estimator = WeirEstimator.pinned(EstimatorRegistry.defaultGccSettings(scenario.media()),
                bundle.bundle(), type, swapInUs);
        return CallSimulator.run(scenario, "weir-pinned", estimator, seed).metrics();
    }
}
