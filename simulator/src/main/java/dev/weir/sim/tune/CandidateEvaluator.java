package dev.weir.sim.tune;

import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.estimators.PortableBundle;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.ParameterSet;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;

/**
 * Scores a candidate parameter set: every scenario on every seed (the same ones for every
 * candidate: common random numbers), with the weir estimator pinned to the tuned type and the
 * candidate in place of that type's set, calls in parallel on a {@link CallEngine} (in process or
 * on a cluster: {@link PinnedCall}s are data); returns the {@link TuningObjective} of each call in a
 * fixed order (scenario-major).
 *
 * <p>The calls run as deployed: the base bundle's model drives early back-off, and the candidate
 * takes over only when a deployed weir could first swap it in, once the model's window is full
 * (10 s for the default model; from the first packet without a model). Before that the call runs
 * GCC's defaults, so a set is tuned for the state GCC left it in (e.g. already backed off under
 * random loss), not for a call it would have run from the start.
 *
 * <p>Not thread-safe: one caller at a time (it runs its calls on its engine and caches the
 * defaults' calls).
 */
public final class CandidateEvaluator {
    private final List<Scenario> scenarios;
    private final long[] seeds;
    private final Bundle base;
    private final NetworkType type;
    private final CallEngine engine;
    private final long swapInUs;
    /** GCC's defaults on the same calls, for the guard penalty; computed at the first score. */
    private List<CallMetrics> defaultsMetrics;

    public CandidateEvaluator(List<Scenario> scenarios, long[] seeds, Bundle base, NetworkType type,
                              CallEngine engine) {
        if (scenarios.isEmpty() || seeds.length == 0) {
            throw new IllegalArgumentException("tuning needs at least one scenario and one seed");
        }
        this.scenarios = List.copyOf(scenarios);
        this.seeds = seeds.clone();
        this.base = base;
        this.type = type;
        this.engine = engine;
        this.swapInUs = base.model() == null ? Long.MIN_VALUE : base.model().featureSchema().tsWindowMs() * 1_000L;
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
        PortableBundle bundle = PortableBundle.of(Bundle.of(base.id() + "+" + candidate.id, sets, base.decision(),
                base.model()));
        List<PinnedCall> calls = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed : seeds) {
                calls.add(new PinnedCall(scenario, seed, type, bundle, swapInUs));
            }
        }
        return engine.runCalls(calls, (done, total) -> { });
    }

    /**
     * The search's score of {@code candidate}: the mean objective of its calls plus the
     * {@linkplain Guards#penalty guard penalty} against GCC's defaults on the same calls (run once).
     */
    public double score(ParameterSet candidate) throws InterruptedException {
        List<CallMetrics> metrics = metrics(candidate);
        double sum = 0;
        for (CallMetrics call : metrics) {
            sum += TuningObjective.of(call);
        }
        if (defaultsMetrics == null) {
            defaultsMetrics = metrics(ParameterSet.defaults(type));
        }
        return sum / metrics.size() + Guards.penalty(Guards.of(defaultsMetrics, metrics));
    }
}
