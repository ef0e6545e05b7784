package dev.weir.cli;

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
        java.util.Set<String> names = new java.util.HashSet<>();
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
}
