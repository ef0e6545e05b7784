package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.gcc.GccSettings;
import dev.weir.peers.PeerCatalog;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.compare.ComparisonBuilder;
import dev.weir.sim.compare.ComparisonReport;
import dev.weir.sim.compare.MarkdownReport;
import dev.weir.sim.compare.ReportWriter;
import dev.weir.sim.estimators.PortableBundle;
import dev.weir.sim.plot.HtmlReport;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
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
 * random numbers), calls run on a {@link CallEngine} (threads of this process, or a cluster),
 * results collected in call order so the report bytes depend only on the inputs, never on the
 * engine. Writes report.json, report.md, report.html and run.json
 * (estimators, baseline, seeds, scenario digests, weir version); with {@code writeCalls}, each
 * scenario's seed-1 calls (time series, metrics, plot) under calls/SCENARIO/ESTIMATOR. The output
 * directory is replaced as a whole once everything is written.
 *
 * <p>Stateless; thread-safe (each run opens its own engine and output set).
 */
final class ComparisonRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The seed whose calls are drawn in report.html and written with {@code writeCalls}. */
    static final long DRAWN_SEED = 1;

    private ComparisonRun() {
    }

    /**
     * Runs the comparison.
     *
     * @param runner validates the names against the registry, with the settings and peers the calls use
     * @param settings GCC settings per compared name (recorded in run.json)
     * @param peers the peers root {@code onnx:<name>} estimators come from, or null
     * @param audioForced whether the audio stream is added to every scenario (recorded in run.json)
     */
    static ComparisonReport run(List<Scenario> scenarios, List<String> estimators, String baseline, int seeds,
            Supplier<CallEngine> engines, Path out, boolean writeCalls, PrintWriter console, Bundle bundle,
            CallRunner runner, SettingsFiles settings, PeerCatalog peers, boolean audioForced)
            throws IOException, InterruptedException {
        if (seeds < 1) {
            throw new BadInputException("--seeds must be at least 1, got " + seeds);
        }
        if (estimators.size() < 2) {
            throw new BadInputException("compare needs at least two estimators, got " + estimators);
        }
        if (new LinkedHashSet<>(estimators).size() != estimators.size()) {
            throw new BadInputException("an estimator is named twice: " + estimators
                    + " (NAME@LABEL runs one estimator again under another label)");
        }
        estimators.forEach(runner::requireKnown);
        if (!estimators.contains(baseline)) {
            throw new BadInputException("--baseline '" + baseline + "' is not among --estimators " + estimators);
        }
        List<Scenario> callScenarios = audioForced ? scenarios.stream().map(s -> s.withAudio(true)).toList()
                : scenarios;
        try (CallEngine engine = engines.get();
             AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "report.json")) {
            ComparisonReport report = runInto(callScenarios, estimators, baseline, seeds, engine, set.path(),
                    writeCalls, console, bundle, settings, peers == null ? null : peers.root().toString(),
                    audioForced);
            set.commit();
            return report;
        }
    }

    /** Runs the calls and writes the whole output set into {@code dir} (the staging directory). */
    private static ComparisonReport runInto(List<Scenario> scenarios, List<String> estimators, String baseline,
            int seeds, CallEngine engine, Path dir, boolean writeCalls, PrintWriter console, Bundle bundle,
            SettingsFiles settings, String peersRoot, boolean audioForced) throws IOException, InterruptedException {
        PortableBundle shared = PortableBundle.of(bundle); // one instance: sent once per batch of calls
        Map<String, String> settingsJson = new LinkedHashMap<>();
        for (String estimator : estimators) {
            GccSettings gcc = settings.get(estimator);
            settingsJson.put(estimator, gcc == null ? null : SettingsJson.write(gcc));
        }
        List<CompareCall> calls = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (long seed = 1; seed <= seeds; seed++) {
                for (String estimator : estimators) {
                    calls.add(new CompareCall(scenario, estimator, seed, shared, seed == DRAWN_SEED,
                            settingsJson.get(estimator), peersRoot));
                }
            }
        }
        console.printf("%d calls (%d scenarios x %d seeds x %d estimators) on %s%n", calls.size(),
                scenarios.size(), seeds, estimators.size(), engine.description());
        console.flush();
        List<CallOutcome> outcomes;
        try (ConsoleProgress progress = new ConsoleProgress("calls", calls.size())) {
            outcomes = engine.runCalls(calls, progress);
        }
        ComparisonBuilder builder = new ComparisonBuilder(estimators, baseline);
        Map<String, Map<String, TimeSeries>> drawn = new LinkedHashMap<>();
        for (CallOutcome o : outcomes) {
            builder.add(o.scenario(), o.family(), o.seed(), o.estimator(), o.metrics().toMap());
            if (o.series() != null) {
                drawn.computeIfAbsent(o.scenario(), s -> new LinkedHashMap<>()).put(o.estimator(), o.series());
            }
        }
        if (writeCalls) {
            writeDrawnCalls(scenarios, outcomes, dir.resolve("calls"));
        }
        ComparisonReport report = builder.build();
        ReportWriter.writeJson(report, dir.resolve("report.json"));
        MarkdownReport.write(report, dir.resolve("report.md"));
        HtmlReport.write(report, drawn, DRAWN_SEED, dir.resolve("report.html"));
        writeRunJson(scenarios, estimators, baseline, seeds, settings, audioForced, dir.resolve("run.json"));
        return report;
    }

    /**
     * Writes each scenario's drawn calls (time series, metrics, plot) under
     * {@code callsDir/SCENARIO/ESTIMATOR}, here, whichever engine ran them; plots render on threads
     * of this process.
     */
    private static void writeDrawnCalls(List<Scenario> scenarios, List<CallOutcome> outcomes, Path callsDir)
            throws InterruptedException {
        Map<String, Scenario> byName = new LinkedHashMap<>();
        scenarios.forEach(s -> byName.put(s.name(), s));
        List<Task<Boolean>> writes = new ArrayList<>();
        for (CallOutcome o : outcomes) {
            if (o.series() == null) {
                continue;
            }
            Path callDir = callsDir.resolve(CallRunner.fileName(o.scenario())).resolve(CallRunner.fileName(o.estimator()));
            writes.add(Task.of("write " + callDir, () -> {
                CallRunner.write(o.series(), o.metrics(), byName.get(o.scenario()), o.estimator(), o.seed(), callDir,
                        true);
                return true;
            }));
        }
        new ParallelRunner().run(writes);
    }

    /**
     * What produced the set: estimators, baseline, seeds, each scenario with its file's digest, each
     * settings file with its digest, whether audio was forced, weir version.
     */
    private static void writeRunJson(List<Scenario> scenarios, List<String> estimators, String baseline, int seeds,
            SettingsFiles settings, boolean audioForced, Path file) throws IOException {
        ObjectNode run = JSON.createObjectNode();
        ArrayNode names = run.putArray("estimators");
        estimators.forEach(names::add);
        run.put("baseline", baseline).put("seeds", seeds).put("weir_version", RunInfo.currentVersion());
        if (audioForced) {
            run.put("audio_forced", true);
        }
        ArrayNode list = run.putArray("scenarios");
        for (Scenario scenario : scenarios) {
            list.addObject().put("name", scenario.name()).put("sha256", scenario.sourceSha256());
        }
        ObjectNode files = run.putObject("settings");
        settings.sources().forEach((name, source) -> files.putObject(name).put("file", source.file().toString())
                .put("sha256", source.sha256()));
        AtomicFiles.write(file, (run.toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
