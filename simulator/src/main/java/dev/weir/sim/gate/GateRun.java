package dev.weir.sim.gate;

import java.util.List;

/**
 * A whole gate run, what its report shows: what was compared, on which seeds, and each variant's
 * outcome.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind {@code quality} (simulated calls) or {@code speed} (benchmarks)
 * @param baseline the baseline reference as given ({@code settings:FILE}, {@code rev:main}, ...)
 * @param candidate the candidate reference as given
 * @param suite suite name
 * @param scenarios the scenarios (or benchmarks) that ran
 * @param mainSeeds the seeds (or pair indices) of the screening run
 * @param confirmSeeds the fresh seeds of confirmation runs
 * @param outcomes one per gated variant
 */
public record GateRun(String kind, String baseline, String candidate, String suite, List<String> scenarios,
                      List<Long> mainSeeds, List<Long> confirmSeeds, List<GateOutcome> outcomes) {
    public GateRun {
        scenarios = List.copyOf(scenarios);
        mainSeeds = List.copyOf(mainSeeds);
        confirmSeeds = List.copyOf(confirmSeeds);
        outcomes = List.copyOf(outcomes);
    }

    /** Whether any variant has a confirmed regression. */
    public boolean regressed() {
        return outcomes.stream().anyMatch(GateOutcome::regressed);
    }
}
