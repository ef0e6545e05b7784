package dev.weir.cli;

import dev.weir.sim.estimators.EstimatorRegistry;
import java.util.Iterator;

/**
 * The estimator names of {@link CliEstimators#registry()}, for picocli's {@code ${COMPLETION-CANDIDATES}}
 * in help texts: a variant registered there (tuned, ML-steered, {@code onnx:<name>}) shows up in
 * {@code --help} without editing any command.
 *
 * <p>Stateless; thread-safe.
 */
final class EstimatorNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return CliEstimators.registry().names().iterator();
    }

    /** The names that can replay a recorded call: those that do not read the true network. */
    static final class Replayable implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CliEstimators.registry().namesWithout(EstimatorRegistry.Trait.GROUND_TRUTH).iterator();
        }
    }

    /** The names that take GCC settings ({@code --settings}). */
    static final class WithGccSettings implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return CliEstimators.registry().names(EstimatorRegistry.Trait.GCC_SETTINGS).iterator();
        }
    }
}
