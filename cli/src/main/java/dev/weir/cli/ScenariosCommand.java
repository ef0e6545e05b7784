package dev.weir.cli;

import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioException;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir scenarios}: validates and lists scenario files. Without a traces root (a fresh clone)
 * a scenario over real traces is listed as needing {@code --traces-root}, not an error: the library
 * is still shown, and everything else in it validated.
 */
@Command(name = "scenarios", mixinStandardHelpOptions = true,
        description = {"Loads (validates) scenario files and lists them: name, family, duration, capacity, loss.",
                "Scenarios over real traces are marked when no traces root is given",
                "(--traces-root, $WEIR_TRACES_ROOT or ../shared/traces); any other problem",
                "exits with code 2."})
final class ScenariosCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    ScenarioPaths scenarioPaths;

    /** The default of {@code --scenarios}. */
    static final String DEFAULT_SCENARIOS = "configs/scenarios";

    @Option(names = "--scenarios", defaultValue = DEFAULT_SCENARIOS, arity = "1..*", paramLabel = "FILE|DIR",
            description = "Scenario files or directories (default: ${DEFAULT-VALUE}).")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        return list(paths, traces.resolve(), scenarioPaths.allowAbsolutePaths, spec.commandLine().getOut());
    }

    /**
     * Loads the scenarios of {@code paths} and prints one line each; returns the exit code (0).
     * Shared with {@link FastPath}.
     */
    static int list(List<Path> paths, Path root, boolean allowAbsolutePaths, PrintWriter console) throws IOException {
        List<Path> files = ScenarioSet.files(paths);
        if (files.isEmpty()) {
            throw new BadInputException("no scenario files in " + paths);
        }
        int needRoot = 0;
        for (Path file : files) {
            try {
                Scenario s = ScenarioLoader.load(file, root, allowAbsolutePaths);
                StartupTrace.mark(StartupTrace.INPUTS); // the first scenario read
                console.printf(Locale.ROOT, "%-24s %-14s %5.0f s  %-40s %s%n", s.name(), s.family(),
                        s.durationUs() / 1e6, s.link().capacity().describe(), s.link().loss().describe());
                StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
            } catch (ScenarioException e) {
                if (root != null || !e.onlyNeedsTracesRoot()) {
                    throw e;
                }
                needRoot++;
                console.printf(Locale.ROOT, "%-24s needs --traces-root (real traces)%n", stem(file));
            }
        }
        if (needRoot > 0) {
            console.printf(Locale.ROOT, "%d of %d scenarios need --traces-root DIR (or $WEIR_TRACES_ROOT) to run%n",
                    needRoot, files.size());
        }
        return 0;
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
    }
}
