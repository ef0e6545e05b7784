package dev.weir.cli;

import dev.weir.sim.estimators.EstimatorRegistry;

/**
 * The one registry every command takes estimators from (simulate, compare, demo, soak, and the
 * names in their help texts): the simulator's built-ins today. Harness-only variants that must not
 * reach a client, such as the ONNX peers ({@code onnx:<name>}), are registered here, and every
 * command, its validation and its {@code --help} then know them.
 *
 * <p>Stateless; thread-safe (each call builds a fresh registry).
 */
final class CliEstimators {
    private CliEstimators() {
    }

    static EstimatorRegistry registry() {
        return EstimatorRegistry.withBuiltIns();
    }
}
