package dev.weir.sim.tune;

import dev.weir.gcc.GccSettings;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import dev.weir.steer.WeirEstimator;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * Scores a candidate parameter set: every scenario on every seed (the same ones for every
 * candidate: common random numbers), with the weir estimator pinned to the tuned type and the
 * candidate in place of that type's set, calls in parallel; returns the {@link TuningObjective}
 * of each call in a fixed order (scenario-major).
 *
 * <p>Thread-safe for one caller at a time (it runs its calls on its own runner).
 */
public final class CandidateEvaluator {
    private final List<Scenario> scenarios;
    private final long[] seeds;
    private final Bundle base;
    private final NetworkType type;
    private final ParallelRunner runner;

    public CandidateEvaluator(List<Scenario> scenarios, long[] seeds, Bundle base, NetworkType type,
                              ParallelRunner runner) {
        if (scenarios.isEmpty() || seeds.length == 0) {
            throw new IllegalArgumentException("tuning needs at least one scenario and one seed");
        }
        this.scenarios = List.copyOf(scenarios);
        this.seeds = seeds.clone();
        this.base = base;
        this.type = type;
        this.runner = runner;
    }

    /** Calls per candidate. */
    public int callsPerCandidate() {
        return scenarios.size() * seeds.length;
    }

    /** Objective of every call of {@code candidate}, scenario-major. */
    public double[] objectives(ParameterSet candidate) throws InterruptedException {
        List<CallMetrics> metrics = metrics(candidate);
        double[] objectives = new double[metrics.size()];
        for (int i = 0; i < objectives.length; i++) {
            objectives[i] = TuningObjective.of(metrics.get(i));
        }
        return objectives;
    }

    /** Metrics of every call of {@code candidate}, scenario-major. */
    public List<CallMetrics> metrics(ParameterSet candidate) throws InterruptedException {
        EnumMap<NetworkType, ParameterSet> sets = new EnumMap<>(NetworkType.class);
        for (NetworkType t : NetworkType.values()) {
            sets.put(t, t == type ? candidate : base.parameterSet(t));
        }
        Bundle bundle = Bundle.of(base.id() + "+" + candidate.id, sets, base.decision(), base.model());
        List<Task<CallMetrics>> tasks = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed : seeds) {
                tasks.add(Task.of(scenario.name() + " seed " + seed, () -> {
                    Scenario.Media media = scenario.media();
                    GccSettings settings = GccSettings.defaults().withBitrates(media.minBps(), media.startBps(),
                            media.maxBps());
                    WeirEstimator estimator = WeirEstimator.pinned(settings, bundle, type);
                    return CallSimulator.run(scenario, "weir-pinned", estimator, seed).metrics();
                }));
            }
        }
        return runner.run(tasks);
    }

    /** Mean objective of {@code candidate}. */
    public double score(ParameterSet candidate) throws InterruptedException {
        double sum = 0;
        double[] objectives = objectives(candidate);
        for (double objective : objectives) {
            sum += objective;
        }
        return sum / objectives.length;
    }
}
