package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.compare.ComparisonBuilder;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.MarkdownReport;
import dev.weir.sim.compare.ReportWriter;
import dev.weir.sim.plot.HtmlReport;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.runner.Task;
import dev.weir.steer.Bundle;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * An N-way comparison run: every estimator over every scenario on the same seeds 1..N (common
 * random numbers), calls spread over a thread pool, results collected in task order so the report
 * bytes depend only on the inputs. Writes report.json, report.md, report.html and run.json
 * (estimators, baseline, seeds, scenario digests, weir version); with {@code writeCalls}, each
 * scenario's seed-1 calls (time series, metrics, plot) under calls/SCENARIO/ESTIMATOR. The output
 * directory is replaced as a whole once everything is written.
 *
 * <p>Stateless; thread-safe (each run builds its own runner, thread pool and output set).
 */
final class ComparisonRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed whose calls are drawn in report.html and written with {@code writeCalls}. */
    static final long DRAWN_SEED = 1;

    private ComparisonRun() {
    }

    static ComparisonReport run(List<Scenario> scenarios, List<String> estimators, String baseline, int seeds,
            int threads, Path out, boolean writeCalls, PrintWriter console, Supplier<Bundle> bundle)
            throws IOException, InterruptedException {
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        if (threads < 1) {
            throw new BadInputException("--threads must be at least 1, got " + threads);
        }
        CallRunner runner = new CallRunner(bundle);
        if (estimators.size() < 2) {
            throw new BadInputException("compare needs at least two estimators, got " + estimators);
        }
        if (new LinkedHashSet<>(estimators).size() != estimators.size()) {
            throw new BadInputException("an estimator is named twice: " + estimators);
        }
        estimators.forEach(runner::requireKnown);
        if (!estimators.contains(baseline)) {
            throw new BadInputException("--baseline '" + baseline + "' is not among --estimators " + estimators);
        }
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "report.json")) {
            ComparisonReport report = runInto(scenarios, estimators, baseline, seeds, threads, set.path(), writeCalls,
                    console, runner);
            set.commit();
            return report;
        }
    }

    /** Runs the calls and writes the whole output set into {@code dir} (the staging directory). */
    private static ComparisonReport runInto(List<Scenario> scenarios, List<String> estimators, String baseline,
            int seeds, int threads, Path dir, boolean writeCalls, PrintWriter console, CallRunner runner)
            throws IOException, InterruptedException {
        List<Task<CallOutcome>> tasks = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed = 1; seed <= seeds; seed++) {
                for (String estimator : estimators) {
                    long s = seed;
                    tasks.add(Task.of(scenario.name() + "/" + estimator + "/seed " + s,
                            () -> call(runner, scenario, estimator, s, writeCalls ? dir : null)));
                }
            }
        }
        console.printf("%d calls (%d scenarios x %d seeds x %d estimators) on %d threads%n", tasks.size(),
                scenarios.size(), seeds, estimators.size(), threads);
        console.flush();
        List<CallOutcome> outcomes;
        try (ConsoleProgress progress = new ConsoleProgress("calls", tasks.size())) {
            outcomes = new ParallelRunner(threads).run(tasks, progress);
        }
        ComparisonBuilder builder = new ComparisonBuilder(estimators, baseline);
        Map<String, Map<String, TimeSeries>> drawn = new LinkedHashMap<>();
        for (CallOutcome o : outcomes) {
            builder.add(o.scenario(), o.family(), o.seed(), o.estimator(), o.metrics());
            if (o.series() != null) {
                drawn.computeIfAbsent(o.scenario(), s -> new LinkedHashMap<>()).put(o.estimator(), o.series());
            }
        }
        ComparisonReport report = builder.build();
        ReportWriter.writeJson(report, dir.resolve("report.json"));
        MarkdownReport.write(report, dir.resolve("report.md"));
        HtmlReport.write(report, drawn, DRAWN_SEED, dir.resolve("report.html"));
        writeRunJson(scenarios, estimators, baseline, seeds, dir.resolve("run.json"));
        return report;
    }

    private static CallOutcome call(CallRunner runner, Scenario scenario, String estimator, long seed, Path callsDir)
            throws IOException {
        boolean drawn = seed == DRAWN_SEED;
        // Only the drawn seed's rows are used (report.html, calls/): the others are metrics only.
        CallResult result = runner.run(scenario, estimator, seed, new CallOutputs().keepSeries(drawn));
        if (drawn && callsDir != null) {
            CallRunner.write(result, scenario, callsDir.resolve("calls").resolve(CallRunner.fileName(scenario.name()))
                    .resolve(CallRunner.fileName(estimator)), true);
        }
        return new CallOutcome(result.scenarioName(), result.family(), estimator, seed, result.metrics().toMap(),
                drawn ? result.series() : null);
    }

    /** What produced the set: estimators, baseline, seeds, each scenario with its file's digest, weir version. */
    private static void writeRunJson(List<Scenario> scenarios, List<String> estimators, String baseline, int seeds,
            Path file) throws IOException {
        ObjectNode run = JSON.createObjectNode();
        ArrayNode names = run.putArray("estimators");
        estimators.forEach(names::add);
        run.put("baseline", baseline).put("seeds", seeds).put("weir_version", RunInfo.currentVersion());
        ArrayNode list = run.putArray("scenarios");
        for (Scenario scenario : scenarios) {
            list.addObject().put("name", scenario.name()).put("sha256", scenario.sourceSha256());
        }
        AtomicFiles.write(file, (run.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
