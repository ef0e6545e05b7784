package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.compare.ComparisonBuilder;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.ReportWriter;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A paired A/B run: variants A and B over every scenario on the same seeds (1..N), calls spread
 * over a thread pool, results collected in task order so the report bytes depend only on the
 * inputs. Writes report.json, report.md and run.json (variants, seeds, scenario digests, weir
 * version); with {@code writeCalls}, each scenario's first-seed calls (time series, metrics, plot)
 * too. The output directory is replaced as a whole once everything is written.
 */
final class AbRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AbRun() {
    }

    static ComparisonReport run(List<Scenario> scenarios, String a, String b, int seeds, int threads, Path out,
                                boolean writeCalls, PrintWriter console) throws IOException, InterruptedException {
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        CallRunner runner = new CallRunner();
        runner.requireKnown(a);
        runner.requireKnown(b);
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "report.json")) {
            ComparisonReport report = run(scenarios, a, b, seeds, threads, set.path(), writeCalls, console, runner);
            set.commit();
            return report;
        }
    }

    /** Runs the calls and writes the whole output set into {@code dir} (the staging directory). */
    private static ComparisonReport run(List<Scenario> scenarios, String a, String b, int seeds, int threads, Path dir,
            boolean writeCalls, PrintWriter console, CallRunner runner) throws IOException, InterruptedException {
        List<Task<CallResult>> tasks = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed = 1; seed <= seeds; seed++) {
                for (String variant : List.of(a, b)) {
                    long s = seed;
                    tasks.add(Task.of(scenario.name() + "/" + variant + "/seed " + s,
                            () -> runner.run(scenario, variant, s)));
                }
            }
        }
        console.printf("%d calls (%d scenarios x %d seeds x 2 variants) on %d threads%n", tasks.size(),
                scenarios.size(), seeds, threads);
        console.flush();
        List<CallResult> results;
        try (ConsoleProgress progress = new ConsoleProgress("calls", tasks.size())) {
            results = new ParallelRunner(threads).run(tasks, progress);
        }
        ComparisonBuilder builder = new ComparisonBuilder(a, b);
        for (int i = 0; i < results.size(); i += 2) {
            CallResult resultA = results.get(i);
            CallResult resultB = results.get(i + 1);
            builder.add(resultA.scenarioName(), resultA.seed(), resultA.metrics().toMap(),
                    resultB.metrics().toMap());
            if (writeCalls && resultA.seed() == 1) {
                Scenario scenario = scenarios.get(i / (2 * seeds)); // tasks are in scenario, seed, variant order
                Path calls = dir.resolve("calls").resolve(resultA.scenarioName());
                CallRunner.write(resultA, scenario, calls.resolve(a), true);
                CallRunner.write(resultB, scenario, calls.resolve(b), true);
            }
        }
        ComparisonReport report = builder.build();
        ReportWriter.writeJson(report, dir.resolve("report.json"));
        ReportWriter.writeMarkdown(report, dir.resolve("report.md"));
        writeRunJson(scenarios, a, b, seeds, dir.resolve("run.json"));
        return report;
    }

    /** What produced the set: variants, seeds, each scenario with the digest of its file, weir version. */
    private static void writeRunJson(List<Scenario> scenarios, String a, String b, int seeds, Path file)
            throws IOException {
        ObjectNode run = JSON.createObjectNode();
        run.put("a", a).put("b", b).put("seeds", seeds).put("weir_version", RunInfo.currentVersion());
        ArrayNode list = run.putArray("scenarios");
        for (Scenario scenario : scenarios) {
            list.addObject().put("name", scenario.name()).put("sha256", scenario.sourceSha256());
        }
        AtomicFiles.write(file, (run.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
