package dev.weir.cli;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.estimators.PortableBundle;
import dev.weir.sim.runner.CallJob;
import dev.weir.sim.scenario.Scenario;

/**
 * One call of a comparison as data: {@code estimator} (by name, from the CLI's registry) on
 * {@code scenario} and {@code seed}, steering estimators with {@code bundle}. The result keeps the
 * metrics, and the time series only when {@code keepSeries} (the seed the report draws).
 *
 * <p>Immutable and thread-safe.
 */
record CompareCall(Scenario scenario, String estimator, long seed, PortableBundle bundle, boolean keepSeries)
        implements CallJob<CallOutcome> {
    private static final long serialVersionUID = 1L;
    /** The CLI's estimators; only read, so one registry serves every call of a JVM. */
    private static final EstimatorRegistry REGISTRY = CliEstimators.registry();

    @Override
    public String description() {
        return scenario.name() + "/" + estimator + "/seed " + seed;
    }

    @Override
    public CallOutcome run() {
        CallResult result = CallSimulator.run(scenario, estimator,
                REGISTRY.create(estimator, new EstimatorContext(scenario, bundle.bundle())), seed);
        return new CallOutcome(result.scenarioName(), result.family(), estimator, seed, result.metrics(),
                keepSeries ? result.series() : null);
    }
}
