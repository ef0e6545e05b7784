package dev.weir.cli;

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
        Set<String> names = new HashSet<>();
        for (Scenario scenario : scenarios) {
            if (!names.add(scenario.name())) {
                throw new BadInputException("two scenarios are named '" + scenario.name()
                        + "': reports pair calls by scenario name");
            }
        }
        if (scenarios.isEmpty()) {
            throw new BadInputException("no scenario files in " + paths);
        }
        return scenarios;
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
}
