package dev.weir.models.dataset;

import dev.weir.models.data.SampleSource;
import dev.weir.sim.scenario.Scenario;
import java.io.Serializable;

/**
 * One call to simulate for a dataset: the resolved scenario (trace offset and duration applied),
 * the seed, where its steps go and what steers it. Serializable as data when its scenario has a
 * source (a trace call at an offset is built in code and runs in this JVM only). Immutable and
 * thread-safe.
 *
 * @param scenario the scenario
 * @param seed simulation seed
 * @param source provenance, recording group, split and driver of the call's steps
 * @param dataset the trace dataset the call counts against for {@code max_calls_per_dataset}
 *     ({@code synthetic} or a trace dataset name)
 * @param driverSeed seeds the driver's random choices (network type, parameter set)
 */
public record CallPlan(Scenario scenario, long seed, SampleSource source, String dataset, long driverSeed)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Names the call in progress and failure messages. */
    public String description() {
        return "scenario " + scenario.name() + " seed " + seed + " (" + source.split() + ", " + source.driver() + ")";
    }
}
