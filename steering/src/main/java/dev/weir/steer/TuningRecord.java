package dev.weir.steer;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.ArrayList;
import java.util.List;

/**
 * How a tuned {@link ParameterSet} was found, carried in the set's file so a bundle says where
 * every value came from: the optimiser and its budget, the objective, the seeds, every scenario
 * with the digests of its file and of the capacity it ran on, and the set's score against GCC's
 * defaults on the tuning scenarios and on held-out ones, with intervals. Written by
 * {@code ./weir tune}; a set whose held-out check failed ({@code accepted = false}) is refused by
 * validation, so it cannot reach a bundle.
 *
 * <p>Mutable settings bean: not thread-safe.
 */
public final class TuningRecord implements Validatable {
    /** The optimiser, its library and settings (e.g. CMA-ES, Apache Commons Math 3.6.1, sigma, population, seed). */
    public String optimiser = "";
    /** The per-call objective minimised, in words. */
    public String objective = "";
    /** Candidate evaluations allowed. */
    public int budget;
    /** Candidate evaluations run (including the starting set). */
    public int evaluations;
    /** The set the search started from (its id). */
    public String startedFrom = "";
    /** Seeds every candidate ran on (common random numbers). */
    public List<Long> seeds = new ArrayList<>();
    /** Scenarios the candidates were scored on (train traces and synthetic scenarios only). */
    public List<ScenarioDigest> scenarios = new ArrayList<>();
    /** Scenarios of the same type held out from the search, for the acceptance check. */
    public List<ScenarioDigest> holdoutScenarios = new ArrayList<>();
    /** The tuned set against GCC's defaults on the tuning scenarios. */
    public Score train = new Score();
    /** The tuned set against GCC's defaults on the held-out scenarios: the acceptance check. */
    public Score holdout = new Score();
    /**
     * Do-no-harm guards on the held-out calls: metrics users feel directly, which J may trade away
     * (J does not charge delay below 150 ms), and which the tuned set may not worsen by more than
     * their tolerance.
     */
    public List<Guard> guards = new ArrayList<>();
    /**
     * Whether the tuned set is used: it beat the defaults on the held-out scenarios (interval
     * wholly below 0) and passed every guard.
     */
    public boolean accepted;

    /**
     * One guarded metric on the held-out calls: its mean under the defaults and the tuned set, the
     * allowed worsening (the larger of a relative and an absolute tolerance) and whether it held.
     */
    public static final class Guard {
        public String metric = "";
        public double defaultsMean;
        public double tunedMean;
        public double allowedIncrease;
        public boolean passed;
    }

    /** A scenario by name, the SHA-256 of its file's text and of the capacity schedule the call ran on. */
    public static final class ScenarioDigest {
        public String name = "";
        public String scenarioSha256 = "";
        public String capacitySha256 = "";

        public ScenarioDigest() {
        }

        public ScenarioDigest(String name, String scenarioSha256, String capacitySha256) {
            this.name = name;
            this.scenarioSha256 = scenarioSha256;
            this.capacitySha256 = capacitySha256;
        }
    }

    /**
     * Mean objective of the defaults and of the tuned set over the same calls, and the per-call
     * difference (tuned minus defaults, negative is better): Hodges-Lehmann estimate, its 95 %
     * interval and the exact Wilcoxon signed-rank p-value.
     */
    public static final class Score {
        public int calls;
        public double defaultsMean;
        public double tunedMean;
        public double changeEstimate;
        public double changeLow;
        public double changeHigh;
        public double pValue = 1.0;
    }

    @Override
    public void validate(ConfigCheck check) {
        check.require(accepted, "accepted", accepted,
                "must be true: a tuned set that did not beat GCC's defaults on its held-out scenarios is not used");
        check.require(budget >= 2, "budget", budget, "must be at least 2");
        check.require(evaluations >= 1, "evaluations", evaluations, "must be at least 1");
        check.require(seeds != null && !seeds.isEmpty(), "seeds", seeds, "must list at least one seed");
        check.require(scenarios != null && !scenarios.isEmpty(), "scenarios", scenarios,
                "must list at least one scenario");
        check.require(holdoutScenarios != null && !holdoutScenarios.isEmpty(), "holdout_scenarios",
                holdoutScenarios, "must list at least one scenario");
        check.notNull("train", train);
        check.notNull("holdout", holdout);
        check.require(holdout == null || holdout.changeHigh < 0, "holdout.change_high",
                holdout == null ? null : holdout.changeHigh, "must be below 0 for an accepted set");
        check.notNull("guards", guards);
        if (guards != null) {
            for (int i = 0; i < guards.size(); i++) {
                Guard guard = guards.get(i);
                check.require(guard != null && guard.passed, "guards[" + i + "].passed",
                        guard == null ? null : guard.metric + " " + guard.passed,
                        "must be true for an accepted set");
            }
        }
    }
}
