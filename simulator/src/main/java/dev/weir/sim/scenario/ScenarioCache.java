package dev.weir.sim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scenarios this JVM resolved from sources it received (see {@link SerializedScenario}),
 * least recently used dropped first. A cluster engine hands an executor consecutive calls, which
 * mostly share their scenario, so a scenario's traces are read once per executor rather than once
 * per call. Bounded: a trace-driven scenario holds its trace (up to a few MiB).
 *
 * <p>Thread-safe: one lock around the map; resolving runs outside it (two threads may resolve the
 * same source at once, and both get an equal scenario).
 */
final class ScenarioCache {
    /** Scenarios kept: more than the distinct scenarios of one executor's share of a run. */
    static final int CAPACITY = 32;

    private static final Map<ScenarioSource, Scenario> RESOLVED = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<ScenarioSource, Scenario> eldest) {
            return size() > CAPACITY;
        }
    };

    private ScenarioCache() {
    }

    /** The resolved scenario of {@code source}, resolved now unless a recent one is kept. */
    static Scenario resolve(ScenarioSource source) {
        synchronized (RESOLVED) {
            Scenario known = RESOLVED.get(source);
            if (known != null) {
                return known;
            }
        }
        Scenario scenario = source.resolve();
        synchronized (RESOLVED) {
            RESOLVED.put(source, scenario);
        }
        return scenario;
    }
}
