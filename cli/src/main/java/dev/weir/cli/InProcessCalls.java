package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.gate.SuiteResults;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Calls simulated in this process, one estimator built per call by {@code factory} (which must be
 * thread-safe: calls run on a pool). Results are collected in task order, so they do not depend on
 * the threads.
 *
 * <p>Immutable; thread-safe when the factory is.
 */
final class InProcessCalls implements CallSource {
    private final String estimatorName;
    private final Function<Scenario, BandwidthEstimator> factory;

    InProcessCalls(String estimatorName, Function<Scenario, BandwidthEstimator> factory) {
        this.estimatorName = estimatorName;
        this.factory = factory;
    }

    @Override
    public SuiteResults run(List<GateSuites.SuiteScenario> scenarios, List<Long> seeds, int threads,
            PrintWriter console) throws InterruptedException {
        record Call(String scenario, String family, long seed, Map<String, Object> metrics) {
        }
        List<Task<Call>> tasks = new ArrayList<>();
        for (GateSuites.SuiteScenario s : scenarios) {
            for (long seed : seeds) {
                Scenario scenario = s.scenario();
                tasks.add(Task.of(scenario.name() + "/" + estimatorName + "/seed " + seed, () -> new Call(
                        scenario.name(), scenario.family(), seed,
                        CallSimulator.run(scenario, estimatorName, factory.apply(scenario), seed).metrics().toMap())));
            }
        }
        SuiteResults results = new SuiteResults();
        for (Call call : new ParallelRunner(threads).run(tasks)) {
            results.add(call.scenario(), call.family(), call.seed(), call.metrics());
        }
        return results;
    }
}
