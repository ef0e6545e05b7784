package dev.weir.cli;

import dev.weir.sim.estimators.EstimatorRegistry;
import java.util.Set;

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

    /**
     * The estimators whose factory reads {@code EstimatorContext.bundle()}: only their calls wait
     * for the steering bundle to be loaded (see {@link CallRunner}). A new steering variant is
     * added here; a test fails for a registered estimator that is missing and reads the bundle.
     */
    static final Set<String> STEERING = Set.of("weir");

    static EstimatorRegistry registry() {
        return EstimatorRegistry.withBuiltIns();
    }

    /** Whether {@code estimator}'s calls need the steering bundle. */
    static boolean readsBundle(String estimator) {
        return STEERING.contains(estimator);
    }
}
