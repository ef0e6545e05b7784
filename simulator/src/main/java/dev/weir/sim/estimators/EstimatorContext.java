package dev.weir.sim.estimators;

import dev.weir.sim.scenario.Scenario;

/**
 * Immutable and thread-safe. What an estimator factory may use to build an estimator for one call: the scenario (media
 * bounds and start rate; the oracle also reads the true capacity).
 *
 * @param scenario the call's scenario
 */
public record EstimatorContext(Scenario scenario) {
    public EstimatorContext {
        if (scenario == null) {
            throw new IllegalArgumentException("scenario is required");
        }
    }
}
