package dev.weir.models.dataset;

import dev.weir.models.data.SampleSource;
import dev.weir.sim.scenario.Scenario;
import java.io.Serializable;

/**
 * One call to simulate for a dataset: the resolved scenario, the seed, and where its samples go.
 * Serializable as data (the scenario as its source), so the call can run in another JVM.
 * Immutable and thread-safe.
 *
 * @param scenario the scenario (duration already capped)
 * @param seed simulation seed
 * @param source provenance and split of the call's samples
 * @param group the dataset the call counts against for {@code max_calls_per_dataset}
 *     ({@code synthetic} or a trace dataset name)
 */
public record CallPlan(Scenario scenario, long seed, SampleSource source, String group) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Names the call in progress and failure messages. */
    public String description() {
        return "scenario " + scenario.name() + " seed " + seed + " (" + source.split() + ")";
    }
}
