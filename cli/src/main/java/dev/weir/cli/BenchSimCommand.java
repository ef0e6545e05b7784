package dev.weir.cli;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir bench-sim}: simulator speed, as simulated seconds per wall second, on one core and
 * across all cores (scaling of parallel calls, as compare runs them). A measurement tool, not a
 * test: wall time is what it reports.
 */
@Command(name = "bench-sim", mixinStandardHelpOptions = true,
        description = "Measures simulated call time per wall second, on one core and on all cores.")
final class BenchSimCommand implements Callable<Integer> {
    /** Calls run before measuring so the JIT has compiled the hot paths (measured: 20 x 60 s is enough). */
    private static final int WARM_UP_CALLS = 20;

    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;

    @Option(names = "--scenario", defaultValue = "configs/scenarios/wired-stable.json", paramLabel = "FILE",
            description = "Scenario to simulate (default: ${DEFAULT-VALUE}, a 2.5 Mbps call).")
    Path scenarioFile;
    @Option(names = "--estimator", defaultValue = "gcc", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
            description = "Estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String estimator;
    @Option(names = "--calls", defaultValue = "30", description = "Measured calls per core (default: ${DEFAULT-VALUE}).")
    int calls;

    @Override
    public Integer call() throws Exception {
        if (calls < 1) {
            throw new BadInputException("--calls must be at least 1, got " + calls);
        }
        CallRunner runner = new CallRunner(bundle.supplier());
        runner.requireKnown(estimator);
        Scenario scenario = ScenarioLoader.load(scenarioFile, traces.resolve(), scenarioPaths.allowAbsolutePaths);
        var console = spec.commandLine().getOut();
        double simulatedS = scenario.durationUs() / 1e6;
        // JIT warm-up on every core: short runs otherwise measure the compiler, not the simulator.
        List<Task<CallResult>> warmUp = new ArrayList<>();
        for (int i = 0; i < WARM_UP_CALLS; i++) {
            long seed = 1000 + i;
            warmUp.add(Task.of("warm-up " + seed, () -> runner.run(scenario, estimator, seed)));
        }
        new ParallelRunner(Runtime.getRuntime().availableProcessors()).run(warmUp);
        long startNs = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            runner.run(scenario, estimator, i + 1);
        }
        double oneCoreS = (System.nanoTime() - startNs) / 1e9;
        double oneCoreSpeed = calls * simulatedS / oneCoreS;
        int cores = Runtime.getRuntime().availableProcessors();
        List<Task<CallResult>> tasks = new ArrayList<>();
        for (int i = 0; i < calls * cores; i++) {
            long seed = i + 1;
            tasks.add(Task.of("seed " + seed, () -> runner.run(scenario, estimator, seed)));
        }
        startNs = System.nanoTime();
        new ParallelRunner(cores).run(tasks);
        double allCoresS = (System.nanoTime() - startNs) / 1e9;
        double allCoresSpeed = tasks.size() * simulatedS / allCoresS;
        console.printf(Locale.ROOT, "scenario %s (%s), estimator %s, %.0f s calls%n", scenario.name(),
                scenario.link().capacity().describe(), estimator, simulatedS);
        console.printf(Locale.ROOT, "1 core:  %d calls in %.2f s -> %.0fx real time%n", calls, oneCoreS, oneCoreSpeed);
        console.printf(Locale.ROOT, "%d cores: %d calls in %.2f s -> %.0fx real time (scaling %.2fx of %d)%n", cores,
                tasks.size(), allCoresS, allCoresSpeed, allCoresSpeed / oneCoreSpeed, cores);
        return 0;
    }
}
