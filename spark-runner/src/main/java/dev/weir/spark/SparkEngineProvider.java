package dev.weir.spark;

import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.CallEngineProvider;

/**
 * The {@code spark} engine for the CLI's {@code --engine spark}, found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services}) when this module's jar is on the class
 * path.
 *
 * <p>Stateless and thread-safe.
 */
public final class SparkEngineProvider implements CallEngineProvider {
    /** The engine's name on the command line. */
    public static final String NAME = "spark";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CallEngine open(String master) {
        return SparkEngine.open(master);
    }
}
