package dev.weir.cli;

import dev.weir.sim.call.CallResult;
import dev.weir.sim.compare.ComparisonBuilder;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.ReportWriter;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A paired A/B run: variants A and B over every scenario on the same seeds (1..N), calls spread
 * over a thread pool, results collected in task order so the report bytes depend only on the
 * inputs. Writes report.json and report.md; with {@code callsDir}, each scenario's first-seed calls
 * (time series, metrics, plot) too.
 */
final class AbRun {
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
                Path dir = out.resolve("calls").resolve(resultA.scenarioName());
                CallRunner.write(resultA, dir.resolve(a), true);
                CallRunner.write(resultB, dir.resolve(b), true);
            }
        }
        ComparisonReport report = builder.build();
        ReportWriter.writeJson(report, out.resolve("report.json"));
        ReportWriter.writeMarkdown(report, out.resolve("report.md"));
        return report;
    }
}
