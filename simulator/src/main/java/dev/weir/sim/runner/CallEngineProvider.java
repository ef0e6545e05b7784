package dev.weir.sim.runner;

/**
 * Opens a {@link CallEngine} that lives in another module and is found with
 * {@link java.util.ServiceLoader} when that module's jar is on the class path (the Spark engine of
 * {@code spark-runner}), so neither a client nor the default CLI carries its dependencies.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface CallEngineProvider {
    /** The name users select the engine by ({@code --engine NAME}), e.g. {@code spark}. */
    String name();

    /**
     * Opens the engine.
     *
     * @param master where the engine runs (for Spark a master URL such as {@code local[2]} or
     *     {@code spark://host:7077}), or null to take it from the engine's own configuration (e.g.
     *     {@code spark-submit --master})
     * @throws IllegalArgumentException when {@code master} is malformed or none is configured; the
     *     message names the problem
     */
    CallEngine open(String master);
}
