package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogWriter;
import dev.weir.bwe.eventlog.EventLoggingEstimator;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.gcc.GoogCcEstimator;
import dev.weir.peers.PeerCatalog;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
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
    /** The default of {@code --estimator}. */
    static final String DEFAULT_ESTIMATOR = "gcc";

    @Option(names = "--estimator", defaultValue = DEFAULT_ESTIMATOR, paramLabel = "NAME",
            completionCandidates = EstimatorNames.class,
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
        return run(new Request(scenarioFile, estimator, seed, out, plot, audio, settingsFile, eventLog), bundle,
                traces.resolve(), scenarioPaths.allowAbsolutePaths, peers.catalog(), spec.commandLine().getOut());
    }

    /** What one simulate command line asks for (see the options above). */
    record Request(Path scenarioFile, String estimator, long seed, Path out, boolean plot, boolean audio,
                   Path settingsFile, Path eventLog) {
    }

    /**
     * Runs one call into {@code out} and prints its summary; returns the exit code (0). Shared with
     * {@link FastPath}. {@code timeseries.csv} is written as the call runs (its rows are kept only
     * for the plot), so a long call needs no more memory than a short one; the steering bundle is
     * loaded only when the estimator reads it or the event log names it.
     */
    static int run(Request request, BundleOption bundle, Path tracesRoot, boolean allowAbsolutePaths,
                   PeerCatalog peers, PrintWriter w) throws IOException {
        String estimator = request.estimator();
        SettingsFiles settings = SettingsFiles.none();
        if (request.settingsFile() != null) {
            settings.add(estimator, request.settingsFile());
        }
        CallRunner runner = new CallRunner(bundle.supplier(), settings, peers);
        runner.requireKnown(estimator);
        Scenario loaded = ScenarioLoader.load(request.scenarioFile(), tracesRoot, allowAbsolutePaths);
        Scenario scenario = request.audio() ? loaded.withAudio(true) : loaded;
        StartupTrace.mark(StartupTrace.INPUTS);
        EstimatorContext context = runner.context(scenario, estimator);
        BandwidthEstimator bwe = runner.create(estimator, context);
        long seed = request.seed();
        CallResult[] result = new CallResult[1];
        // The set appears as a whole or not at all: never a csv of one run beside the plot of another.
        try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(request.out(), "metrics.json")) {
            if (request.eventLog() == null) {
                result[0] = CallRunner.runInto(scenario, estimator, bwe, seed, set.path(), request.plot());
            } else {
                EventLogHeader header = new EventLogHeader(CallRunner.baseName(estimator), runner.bundle().id(),
                        settingsText(bwe, context), "weir simulate: scenario " + scenario.name() + " (sha256 "
                                + scenario.sourceSha256() + "), estimator " + estimator + ", seed " + seed,
                        0, context.minBps(), context.startBps(), context.maxBps());
                AtomicFiles.write(request.eventLog(), stream -> {
                    EventLoggingEstimator logged = new EventLoggingEstimator(bwe, new EventLogWriter(stream, header));
                    result[0] = CallRunner.runInto(scenario, estimator, logged, seed, set.path(), request.plot());
                    logged.close();
                    if (logged.failure() != null) {
                        throw logged.failure();
                    }
                });
            }
            if (request.settingsFile() != null) {
                AtomicFiles.write(set.path().resolve("settings.json"),
                        (settingsText(bwe, context) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            set.commit();
        } finally {
            bwe.close(); // e.g. a peer's native tensors
        }
        w.printf("%s with %s, seed %d (%.0f s simulated) -> %s%n", scenario.name(), estimator, seed,
                scenario.durationUs() / 1e6, request.out());
        if (request.eventLog() != null) {
            w.printf("  event log -> %s%n", request.eventLog());
        }
        for (Map.Entry<String, Object> metric : result[0].metrics().toMap().entrySet()) {
            w.printf("  %-26s %s%n", metric.getKey(), Format.value(metric.getValue()));
        }
        w.flush();
        StartupTrace.mark(StartupTrace.FIRST_OUTPUT); // the call's outputs are in place and summarised
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
