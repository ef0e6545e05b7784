package dev.weir.sim.estimators;

import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;

/**
 * What an estimator factory may use to build an estimator for one call: the scenario (media bounds
 * and start rate; the oracle also reads the true capacity) and the steering bundle (parameter sets
 * and model) the {@code weir} estimator runs with, shared by every call of a run.
 *
 * <p>Immutable and thread-safe (a {@link Bundle} is immutable).
 *
 * @param scenario the call's scenario
 * @param bundle the bundle for steering estimators
 */
public record EstimatorContext(Scenario scenario, Bundle bundle) {
    public EstimatorContext {
        if (scenario == null) {
            throw new IllegalArgumentException("scenario is required");
        }
        if (bundle == null) {
            throw new IllegalArgumentException("bundle is required");
        }
    }

    /** A context with GCC's default parameter sets and no model (the weir estimator is then plain GCC). */
    public EstimatorContext(Scenario scenario) {
        this(scenario, Bundle.gccDefaults());
    }
}
