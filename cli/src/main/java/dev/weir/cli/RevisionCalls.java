package dev.weir.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.sim.gate.SuiteResults;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.Task;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls simulated by another revision's CLI jar, run from its cache entry so its own committed
 * {@code configs/bundle} is the default bundle. A revision with {@code ./weir gate worker} runs all
 * calls in one JVM; an older one (before the gate existed) runs one {@code ./weir simulate} per call,
 * slower but the same calls. The suite's scenario files are this checkout's, passed by absolute path,
 * so both sides of a gate run the same scenarios.
 *
 * <p>Used from one thread at a time.
 */
final class RevisionCalls implements CallSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BuildCache.Built build;
    private final String estimator;
    private final Path tracesRoot;
    private Boolean hasWorker;

    RevisionCalls(BuildCache.Built build, String estimator, Path tracesRoot) {
        this.build = build;
        this.estimator = estimator;
        this.tracesRoot = tracesRoot == null ? null : tracesRoot.toAbsolutePath();
    }

    @Override
    public SuiteResults run(List<GateSuites.SuiteScenario> scenarios, List<Long> seeds, int threads,
            PrintWriter console) throws IOException, InterruptedException {
        if (hasWorker == null) {
            // Look for the class, not at an exit code: picocli answers --help with 0 even after an
            // unknown subcommand.
            try (java.util.zip.ZipFile jar = new java.util.zip.ZipFile(build.cliJar().toFile())) {
                hasWorker = jar.getEntry("dev/weir/cli/GateCommand$Worker.class") != null;
            }
            if (!hasWorker) {
                console.printf("rev:%s predates ./weir gate: one ./weir simulate per call%n", build.rev());
            }
        }
        return hasWorker ? worker(scenarios, seeds, threads) : simulatePerCall(scenarios, seeds, threads);
    }

    private SuiteResults worker(List<GateSuites.SuiteScenario> scenarios, List<Long> seeds, int threads)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("weir-gate-calls-", ".json");
        try {
            List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar", build.cliJar().toString(), "gate",
                    "worker", "--estimator", estimator, "--threads", Integer.toString(threads), "--out", out.toString(),
                    "--seeds", String.join(",", seeds.stream().map(String::valueOf).toList())));
            traces(command);
            for (GateSuites.SuiteScenario s : scenarios) {
                command.add("--scenario");
                command.add(s.file().toString());
            }
            Processes.Result r = Processes.run(command, build.dir());
            if (r.exitCode() != 0) {
                throw new BadInputException("rev:" + build.rev() + " could not run the suite with " + estimator
                        + " (exit " + r.exitCode() + "):\n" + r.tail(20));
            }
            SuiteResults results = new SuiteResults();
            GateCallsFile.read(out, results);
            return results;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private SuiteResults simulatePerCall(List<GateSuites.SuiteScenario> scenarios, List<Long> seeds, int threads)
            throws IOException, InterruptedException {
        Path tmp = Files.createTempDirectory("weir-gate-simulate-");
        try {
            List<Task<GateCallsFile.Call>> tasks = new ArrayList<>();
            for (GateSuites.SuiteScenario s : scenarios) {
                for (long seed : seeds) {
                    Path dir = tmp.resolve(CallRunner.fileName(s.scenario().name()) + "-" + seed);
                    tasks.add(Task.of(s.scenario().name() + " seed " + seed, () -> {
                        List<String> command = new ArrayList<>(List.of(Processes.java(), "-jar",
                                build.cliJar().toString(), "simulate", "--scenario", s.file().toString(), "--estimator",
                                estimator, "--seed", Long.toString(seed), "--out", dir.toString()));
                        traces(command);
                        Processes.Result r = Processes.run(command, build.dir());
                        if (r.exitCode() != 0) {
                            throw new BadInputException("rev:" + build.rev() + " could not simulate " + s.scenario().name()
                                    + " seed " + seed + " with " + estimator + " (exit " + r.exitCode() + "):\n"
                                    + r.tail(20));
                        }
                        return new GateCallsFile.Call(s.scenario().name(), s.scenario().family(), seed,
                                metrics(dir.resolve("metrics.json")));
                    }));
                }
            }
            SuiteResults results = new SuiteResults();
            for (GateCallsFile.Call c : new ParallelRunner(threads).run(tasks)) {
                results.add(c.scenario(), c.family(), c.seed(), c.metrics());
            }
            return results;
        } finally {
            dev.weir.bwe.util.AtomicFiles.deleteRecursively(tmp);
        }
    }

    private void traces(List<String> command) {
        if (tracesRoot != null) {
            command.add("--traces-root");
            command.add(tracesRoot.toString());
        }
    }

    /** A simulate run's metrics.json without its "run" record. */
    private static Map<String, Object> metrics(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        Map<String, Object> metrics = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isBoolean()) {
                metrics.put(e.getKey(), e.getValue().asBoolean());
            } else if (e.getValue().isNumber()) {
                metrics.put(e.getKey(), e.getValue().asDouble());
            }
        }
        return metrics;
    }
}
