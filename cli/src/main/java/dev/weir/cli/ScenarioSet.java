package dev.weir.cli;

import dev.weir.models.dataset.SplitRule;
import dev.weir.models.dataset.TraceScenarios;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Scenario arguments, spelled the same in every command: {@code --scenario FILE} where a command
 * runs one scenario (simulate, overlay, bench-sim), {@code --scenarios FILE|DIR...} where it runs
 * a set (compare, scenarios, tune; a directory stands for its *.json files in name order), and
 * {@code --scenarios DIR} where the set is a library directory (demo, dataset, default-model).
 *
 * <p>Stateless; thread-safe.
 */
final class ScenarioSet {
    private ScenarioSet() {
    }

    static List<Scenario> load(List<Path> paths, Path tracesRoot, boolean allowAbsolutePaths) throws IOException {
        List<Scenario> scenarios = new ArrayList<>();
        for (Path file : files(paths)) {
            scenarios.add(ScenarioLoader.load(file, tracesRoot, allowAbsolutePaths));
        }
        requireUniqueNames(scenarios);
        if (scenarios.isEmpty()) {
            throw new BadInputException("no scenario files in " + paths);
        }
        return scenarios;
    }

    /** Reports pair calls by scenario name: two scenarios with one name are bad input. */
    static void requireUniqueNames(List<Scenario> scenarios) {
        Set<String> names = new HashSet<>();
        for (Scenario scenario : scenarios) {
            if (!names.add(scenario.name())) {
                throw new BadInputException("two scenarios are named '" + scenario.name()
                        + "': reports pair calls by scenario name");
            }
        }
    }

    /** The scenario files {@code paths} stand for: files as given, directories as their *.json files in name order. */
    static List<Path> files(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    files.addAll(entries.filter(f -> f.toString().endsWith(".json")).sorted().toList());
                }
            } else {
                files.add(path);
            }
        }
        return files;
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
