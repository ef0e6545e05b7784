package dev.weir.cli;

import dev.weir.sim.estimators.EstimatorRegistry;
import java.util.Iterator;

/**
 * The estimator names of the simulator's registry, for picocli's {@code ${COMPLETION-CANDIDATES}}
 * in help texts: a variant registered there (tuned, ML-steered, {@code onnx:<name>}) shows up in
 * {@code --help} without editing any command.
 *
 * <p>Stateless; thread-safe.
 */
final class EstimatorNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return EstimatorRegistry.withBuiltIns().names().iterator();
    }
}
