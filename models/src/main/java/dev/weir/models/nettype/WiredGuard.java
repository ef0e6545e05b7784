package dev.weir.models.nettype;

import dev.weir.gcc.GccSettings;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.tune.Guards;
import dev.weir.steer.Bundle;
import dev.weir.steer.TypeDecisionSettings;
import dev.weir.steer.WeirEstimator;
import java.util.ArrayList;
import java.util.List;

/**
 * The do-no-harm target on stable wired links (issue 10: "on stable wired links no metric worse by
 * more than 2 %") as a constraint on a decision rule: the weir estimator with the rule runs the
 * stable wired scenarios (the {@code wired_stable} type's held-out tuning scenarios, never an
 * evaluation scenario) on the same seeds as GCC's defaults, and every metric below may be worse on
 * average by no more than the tuning's do-no-harm tolerance ({@link Guards}: 2 % of the defaults'
 * mean or the metric's noise floor).
 *
 * <p>Stateless and thread-safe.
 */
public final class WiredGuard {
    /** Guarded metrics: what a user on a good link sees. */
    static final String[] METRICS = {"avg_sent_bitrate_bps", "video_quality_score", "delay_p95_ms", "freeze_pct",
        "bad_experience_pct"};
    /** Whether a higher value is better, per metric. */
    private static final boolean[] HIGHER_IS_BETTER = {true, true, false, false, false};

    private final List<Scenario> scenarios;
    private final List<Long> seeds;

    /**
     * @param scenarios stable wired scenarios
     * @param seeds seeds each scenario runs with, for the rule and the defaults alike
     */
    public WiredGuard(List<Scenario> scenarios, List<Long> seeds) {
        if (scenarios.isEmpty() || seeds.isEmpty()) {
            throw new IllegalArgumentException("the wired guard needs at least one scenario and one seed");
        }
        this.scenarios = List.copyOf(scenarios);
        this.seeds = List.copyOf(seeds);
    }

    /**
     * One rule's check.
     *
     * @param passed every metric within its tolerance
     * @param worstExcess the largest worsening of any metric in units of its tolerance (at most 1 passes)
     * @param worstMetric the metric of {@code worstExcess}
     */
    public record Check(boolean passed, double worstExcess, String worstMetric) {
    }

    /** Checks every rule of {@code decisions} against GCC's defaults, in order. */
    public List<Check> check(Bundle bundle, List<TypeDecisionSettings> decisions, int threads,
                             ProgressListener progress) throws InterruptedException {
        List<Task<CallMetrics>> tasks = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed : seeds) {
                tasks.add(Task.of(scenario.name() + " seed " + seed + " gcc defaults",
                        () -> CallSimulator.run(scenario, "gcc", new WeirEstimator(settings(scenario), null), seed)
                                .metrics()));
            }
        }
        for (TypeDecisionSettings decision : decisions) {
            Bundle withRule = bundle.with(bundle.id(), decision, bundle.model());
            for (Scenario scenario : scenarios) {
                for (long seed : seeds) {
                    tasks.add(Task.of(scenario.name() + " seed " + seed + " rule",
                            () -> CallSimulator.run(scenario, "weir", new WeirEstimator(settings(scenario), withRule),
                                    seed).metrics()));
                }
            }
        }
        List<CallMetrics> results = new ParallelRunner(threads).run(tasks, progress);
        int calls = scenarios.size() * seeds.size();
        List<CallMetrics> defaults = results.subList(0, calls);
        List<Check> out = new ArrayList<>();
        for (int d = 0; d < decisions.size(); d++) {
            out.add(check(defaults, results.subList(calls * (d + 1), calls * (d + 2))));
        }
        return out;
    }

    /** The check of {@code rule}'s calls against {@code defaults}' (the same scenarios and seeds, in order). */
    static Check check(List<CallMetrics> defaults, List<CallMetrics> rule) {
        double worst = Double.NEGATIVE_INFINITY;
        String worstMetric = METRICS[0];
        for (int m = 0; m < METRICS.length; m++) {
            double excess = Guards.excess(METRICS[m], Guards.mean(defaults, METRICS[m]), Guards.mean(rule, METRICS[m]),
                    HIGHER_IS_BETTER[m]);
            if (excess > worst) {
                worst = excess;
                worstMetric = METRICS[m];
            }
        }
        return new Check(worst <= 1, worst, worstMetric);
    }

    private static GccSettings settings(Scenario scenario) {
        return EstimatorRegistry.defaultGccSettings(scenario.media());
    }
}
