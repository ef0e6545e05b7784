package dev.weir.sim.scenario;

import java.io.Serializable;

/**
 * The serialized form of a {@link Scenario}: its source only. Reading it back resolves the source
 * in the reading JVM through {@link ScenarioCache}, so the calls of one scenario on an executor
 * share one resolved instance (traces read once).
 *
 * <p>Immutable and thread-safe.
 */
record SerializedScenario(ScenarioSource source) implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
        return ScenarioCache.resolve(source);
    }
}
