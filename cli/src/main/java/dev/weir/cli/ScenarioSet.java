package dev.weir.cli;

import dev.weir.models.dataset.SplitRule;
import dev.weir.models.dataset.TraceScenarios;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Scenario arguments: files, or directories whose *.json files are taken in name order. */
final class ScenarioSet {
    private ScenarioSet() {
    }

    static List<Scenario> load(List<Path> paths, Path tracesRoot, boolean allowAbsolutePaths) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                        scenarios.add(ScenarioLoader.load(file, tracesRoot, allowAbsolutePaths));
                    }
                }
            } else {
                scenarios.add(ScenarioLoader.load(path, tracesRoot, allowAbsolutePaths));
            }
        }
        requireUniqueNames(scenarios);
        if (scenarios.isEmpty()) {
            throw new BadInputException("no scenario files in " + paths);
        }
        return scenarios;
    }

    /** Reports pair calls by scenario name: two scenarios with one name are bad input. */
    static void requireUniqueNames(List<Scenario> scenarios) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Scenario scenario : scenarios) {
            if (!names.add(scenario.name())) {
                throw new BadInputException("two scenarios are named '" + scenario.name()
                        + "': reports pair calls by scenario name");
            }
        }
    }

    /**
     * One scenario per trace of {@code <tracesRoot>/<dataset>/test/} for each dataset named
     * ({@code all}: every dataset), built as the dataset generator builds trace scenarios (path
     * parameters drawn per trace with seed 1), each {@code durationS} long.
     */
    static List<Scenario> testTraces(List<String> datasets, Path tracesRoot, int durationS) {
        if (datasets.isEmpty()) {
            return List.of();
        }
        if (tracesRoot == null) {
            throw new BadInputException("--test-traces needs the traces root: pass --traces-root DIR");
        }
        if (durationS < 1) {
            throw new BadInputException("--trace-duration-s must be at least 1, got " + durationS);
        }
        List<String> names = datasets.contains("all") ? TraceScenarios.datasets(tracesRoot) : datasets;
        List<Scenario> scenarios = new ArrayList<>();
        for (String dataset : names) {
            if (!Files.isDirectory(tracesRoot.resolve(dataset).resolve(SplitRule.TEST))) {
                throw new BadInputException("no test traces: " + tracesRoot.resolve(dataset).resolve(SplitRule.TEST)
                        + " is not a directory");
            }
            for (String id : TraceScenarios.traceIds(tracesRoot, dataset)) {
                if (id.startsWith(dataset + "/" + SplitRule.TEST + "/")) {
                    scenarios.add(TraceScenarios.plan(tracesRoot, id, 1, durationS, SplitRule.TEST).scenario());
                }
            }
        }
        return scenarios;
    }
}
