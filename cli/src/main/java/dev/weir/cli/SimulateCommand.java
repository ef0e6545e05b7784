package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir simulate}: one call, one estimator, one seed. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Simulates one call and writes its time series, metrics and plot.",
                "Simulates one call over a scenario and writes DIR/timeseries.csv (one row per",
                "100 ms), DIR/metrics.json, with --plot DIR/plot.png and with --settings",
                "DIR/settings.json (the GCC settings in force). --event-log FILE records every",
                "estimator call and result for 'weir replay'. DIR is replaced as a whole when",
                "the run is complete; an existing DIR must be empty or an earlier simulate output."})
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    TracesRoot traces;
    @Mixin
    BundleOption bundle;
    @Mixin
    ScenarioPaths scenarioPaths;
    @Mixin
    PeersRoot peers;

    @Option(names = "--scenario", required = true, paramLabel = "FILE", description = "Scenario JSON file.")
    Path scenarioFile;
    @Option(names = "--estimator", defaultValue = "gcc", paramLabel = "NAME", completionCandidates = EstimatorNames.class,
            description = "Estimator: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String estimator;
    @Option(names = "--seed", defaultValue = "1", description = "Simulation seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--plot", description = "Also write plot.png (capacity, target, received rate; delay; loss).")
    boolean plot;
    @Option(names = "--audio", description = "Add the 32 kbps audio stream to the call (MMSys'24 peers were trained with audio).")
    boolean audio;
    @Option(names = "--settings", paramLabel = "FILE", description = "GCC settings JSON (snake_case, only what"
            + " changes; see configs/gcc/default.json) for estimators built on GCC: ${COMPLETION-CANDIDATES}. The"
            + " scenario's bitrates replace the file's.", completionCandidates = EstimatorNames.WithGccSettings.class)
    Path settingsFile;
    @Option(names = "--event-log", paramLabel = "FILE",
            description = "Also record the estimator's every call and result to FILE (see 'weir replay').")
    Path eventLog;

    @Override
    public Integer call() throws Exception {
        SettingsFiles settings = SettingsFiles.none();
        if (settingsFile != null) {
            settings.add(estimator, settingsFile);
        }
        CallRunner runner = new CallRunner(bundle.load(), settings, peers.catalog());
        runner.requireKnown(estimator);
        Scenario loaded = ScenarioLoader.load(scenarioFile, traces.resolve(), scenarioPaths.allowAbsolutePaths);
        Scenario scenario = audio ? loaded.withAudio(true) : loaded;
        EstimatorContext context = runner.context(scenario, estimator);
        BandwidthEstimator bwe = runner.create(estimator, context);
        CallResult[] result = new CallResult[1];
        // The set appears as a whole or not at all: never a csv of one run beside the plot of another.
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "metrics.json")) {
            if (eventLog == null) {
                result[0] = CallSimulator.run(scenario, estimator, bwe, seed);
            } else {
                EventLogHeader header = new EventLogHeader(CallRunner.baseName(estimator), runner.bundle().id(),
                        settingsText(bwe, context), "weir simulate: scenario " + scenario.name() + " (sha256 "
                                + scenario.sourceSha256() + "), estimator " + estimator + ", seed " + seed,
                        0, context.minBps(), context.startBps(), context.maxBps());
                AtomicFiles.write(eventLog, stream -> {
                    EventLoggingEstimator logged = new EventLoggingEstimator(bwe, new EventLogWriter(stream, header));
                    result[0] = CallSimulator.run(scenario, estimator, logged, seed);
                    logged.close();
                    if (logged.failure() != null) {
                        throw logged.failure();
                    }
                });
            }
            CallRunner.write(result[0], scenario, set.path(), plot);
            if (settingsFile != null) {
                AtomicFiles.write(set.path().resolve("settings.json"),
                        (settingsText(bwe, context) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            set.commit();
        } finally {
            bwe.close(); // e.g. a peer's native tensors
        }
        var w = spec.commandLine().getOut();
        w.printf("%s with %s, seed %d (%.0f s simulated) -> %s%n", scenario.name(), estimator, seed,
                scenario.durationUs() / 1e6, out);
        if (eventLog != null) {
            w.printf("  event log -> %s%n", eventLog);
        }
        for (Map.Entry<String, Object> metric : result[0].metrics().toMap().entrySet()) {
            w.printf("  %-26s %s%n", metric.getKey(), Format.value(metric.getValue()));
        }
        return 0;
    }

    /** The GCC settings the estimator was built with, as JSON, or empty for an estimator without them. */
    static String settingsText(BandwidthEstimator bwe, EstimatorContext context) {
        if (bwe instanceof GoogCcEstimator gcc) {
            return SettingsJson.write(gcc.settings());
        }
        if (CliEstimators.registry().traits(bwe.name()).contains(EstimatorRegistry.Trait.GCC_SETTINGS)) {
            return SettingsJson.write(context.gccSettings());
        }
        return "";
    }
}
