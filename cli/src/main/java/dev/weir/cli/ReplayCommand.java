package dev.weir.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.eventlog.EventLogHeader;
import dev.weir.bwe.eventlog.EventLogReader;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.gcc.GccSettings;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.plot.ReplayPlot;
import dev.weir.sim.runner.RunInfo;
import dev.weir.steer.Bundle;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir replay}: an estimator re-run over a recorded call (an event log from
 * {@code simulate --event-log} or a client's {@code EventLoggingEstimator}), plotted beside the
 * recorded one: libwebrtc's rtc_event_log_visualizer workflow. The same estimator with the
 * recorded settings and bundle reproduces the recording exactly; another estimator, or other
 * settings, shows what it would have decided on the same inputs (open loop: the recorded sender's
 * packets and feedback, not what the replayed estimator would have caused).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-runs an estimator over a recorded call and plots it beside the recorded one.",
                "Reads an event log (simulate --event-log, or a client's EventLoggingEstimator),",
                "feeds every recorded call to the estimator and writes DIR/timeseries.csv (the",
                "same 100 ms time_s steps and target_bps column as simulate, beside",
                "recorded_target_bps), DIR/plot.png and DIR/replay.json (how many targets and",
                "whole results equal the recording). Default: the recorded estimator with the",
                "recorded settings, which reproduces its results exactly."})
final class ReplayCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;
    @Mixin
    BundleOption bundle;

    @Parameters(index = "0", paramLabel = "FILE", description = "Event log to replay.")
    Path log;
    @Option(names = "--estimator", paramLabel = "NAME", completionCandidates = EstimatorNames.Replayable.class,
            description = "Estimator to replay: ${COMPLETION-CANDIDATES} (default: the recorded one).")
    String estimator;
    @Option(names = "--settings", paramLabel = "FILE", description = "GCC settings JSON for the replayed estimator"
            + " (default: the recorded settings when it is the recorded estimator, else libwebrtc's defaults);"
            + " the recorded call's bitrates replace the file's.")
    Path settingsFile;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Bundle steering = bundle.load();
        try (EventLogReader reader = EventLogReader.open(log)) {
            EventLogHeader header = reader.header();
            String name = estimator != null ? estimator : header.estimatorName();
            EstimatorRegistry registry = CliEstimators.registry();
            if (!registry.contains(name)) {
                throw new BadInputException((estimator == null ? log + " was recorded by '" + name + "', which is not"
                        : "unknown estimator '" + name + "';") + " known estimators that replay: "
                        + registry.namesWithout(EstimatorRegistry.Trait.GROUND_TRUTH)
                        + (estimator == null ? "; choose one with --estimator" : ""));
            }
            if (registry.traits(name).contains(EstimatorRegistry.Trait.GROUND_TRUTH)) {
                throw new BadInputException("estimator '" + name + "' reads the true network, which a recorded call"
                        + " does not have; estimators that replay: "
                        + registry.namesWithout(EstimatorRegistry.Trait.GROUND_TRUTH));
            }
            if (header.minBps() <= 0 || header.startBps() < header.minBps() || header.maxBps() < header.startBps()) {
                throw new BadInputException(log + ": header bitrates min " + header.minBps() + ", start "
                        + header.startBps() + ", max " + header.maxBps() + " bps are not 0 < min <= start <= max");
            }
            boolean takesSettings = registry.traits(name).contains(EstimatorRegistry.Trait.GCC_SETTINGS);
            String settingsSource = "defaults";
            GccSettings settings = null;
            if (settingsFile != null) {
                if (!takesSettings) {
                    throw new BadInputException("estimator '" + name + "' takes no GCC settings (--settings)");
                }
                settings = GccSettings.read(settingsFile);
                settingsSource = settingsFile.toString();
            } else if (takesSettings && name.equals(header.estimatorName()) && !header.settings().isEmpty()) {
                settings = SettingsJson.read(header.settings(), GccSettings.class, log + " (recorded settings)");
                settingsSource = "recorded";
            }
            if (!header.bundleId().isEmpty() && !header.bundleId().equals(steering.id()) && name.equals("weir")) {
                console.printf("note: recorded with bundle %s, replaying with %s: steering decisions may differ%n",
                        header.bundleId(), steering.id());
            }
            BandwidthEstimator replayed = registry.create(name, EstimatorContext.recordedCall(header.minBps(),
                    header.startBps(), header.maxBps(), steering, settings));
            ReplaySeries series = ReplaySeries.replay(reader, replayed, log);
            if (series.rows() == 0) {
                throw new BadInputException(log + ": the recorded call lasts less than one 100 ms step after its"
                        + " origin; nothing to replay");
            }
            try (AtomicFiles.OutputDirectory set = CallRunner.beginOutput(out, "replay.json")) {
                series.writeCsv(set.path().resolve("timeseries.csv"));
                ReplayPlot.writePng(set.path().resolve("plot.png"), log.getFileName() + ": " + header.estimatorName()
                                + " recorded, " + name + " replayed", header.estimatorName(), name, series.timeS(),
                        series.recordedTargetBps(), series.targetBps(), series.recordedAckedBps(),
                        series.recordedRttMs(), series.recordedLossRatio(), series.lossRatio());
                AtomicFiles.write(set.path().resolve("replay.json"), (summary(header, name, steering, settingsSource,
                        series).toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
                set.commit();
            }
            console.printf(Locale.ROOT, "replayed %d events of %s (%s, %.1f s) with %s -> %s%n", series.events,
                    header.estimatorName(), log.getFileName(), series.rows() * ReplaySeries.STEP_US / 1e6, name, out);
            console.printf(Locale.ROOT, "  targets equal to the recording: %d of %d results%s; all fields: %d%n",
                    series.identicalTargets, series.results, series.firstDifferenceUs == null ? ""
                            : String.format(Locale.ROOT, " (first difference at %.3f s)",
                                    (series.firstDifferenceUs - header.originUs()) / 1e6), series.identical);
            console.printf(Locale.ROOT, "  mean target: %.0f kbps replayed, %.0f kbps recorded%n",
                    ReplaySeries.mean(series.targetBps()) / 1e3, ReplaySeries.mean(series.recordedTargetBps()) / 1e3);
            if (!series.complete) {
                console.println("  note: the log has no end record (its writer was not closed); replayed up to its"
                        + " last whole record");
            }
        }
        return 0;
    }

    private ObjectNode summary(EventLogHeader header, String name, Bundle steering, String settingsSource,
                               ReplaySeries series) {
        ObjectNode json = JSON.createObjectNode();
        json.put("log", log.toString()).put("log_complete", series.complete);
        json.putObject("recorded").put("estimator", header.estimatorName()).put("bundle", header.bundleId())
                .put("description", header.description());
        json.putObject("replayed").put("estimator", name).put("bundle", steering.id()).put("settings", settingsSource);
        json.put("events", series.events).put("results", series.results)
                .put("identical_targets", series.identicalTargets).put("identical_results", series.identical);
        if (series.firstDifferenceUs == null) {
            json.putNull("first_difference_s");
        } else {
            json.put("first_difference_s", (series.firstDifferenceUs - header.originUs()) / 1e6);
        }
        json.put("rows", series.rows());
        json.putObject("mean_target_bps").put("replayed", Math.round(ReplaySeries.mean(series.targetBps())))
                .put("recorded", Math.round(ReplaySeries.mean(series.recordedTargetBps())));
        json.put("weir_version", RunInfo.currentVersion());
        return json;
    }
}
