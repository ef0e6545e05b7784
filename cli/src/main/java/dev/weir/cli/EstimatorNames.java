package dev.weir.cli;

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
}
