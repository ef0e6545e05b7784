package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.peers.PeerCatalog;
import dev.weir.sim.call.CallMetrics;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.plot.CallPlot;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Runs one call by estimator name and writes its outputs; shared by simulate, compare and demo.
 *
 * <p>A name is a registered estimator, or {@code BASE@LABEL} for the registered estimator BASE
 * under another label, so one estimator can run twice in a comparison with different
 * {@code --settings} (e.g. {@code gcc} against {@code gcc@trial}).
 *
 * <p>The steering bundle is asked of its supplier only for the estimators that read it
 * ({@link CliEstimators#readsBundle}): loading and verifying a bundle costs more than a GCC call's
 * start-up, and the others get GCC's defaults, which they ignore.
 *
 * <p>Immutable after construction; {@link #run} may be called from many threads (the bundle
 * supplier must be thread-safe, as {@link BundleOption#supplier()} is).
 */
final class CallRunner {
    private final EstimatorRegistry registry;
    private final Supplier<Bundle> bundle;
    private final SettingsFiles settings;
    private final PeerCatalog peers;

    /** A runner whose steering estimators use {@code bundle} (shared by all its calls), GCC at its defaults. */
    CallRunner(Bundle bundle) {
        this(bundle, SettingsFiles.none(), null);
    }

    /** A runner with {@code bundle} and per-name GCC settings, without peers. */
    CallRunner(Bundle bundle, SettingsFiles settings) {
        this(bundle, settings, null);
    }

    /**
     * A runner with {@code bundle}, per-name GCC settings and {@code onnx:<name>} estimators from
     * {@code peers} (null: no peers root).
     */
    CallRunner(Bundle bundle, SettingsFiles settings, PeerCatalog peers) {
        this(() -> bundle, settings, peers);
    }

    /** A runner whose steering estimators use the bundle {@code bundle} supplies when a call first needs it. */
    CallRunner(Supplier<Bundle> bundle) {
        this(bundle, SettingsFiles.none(), null);
    }

    /** As {@link #CallRunner(Bundle, SettingsFiles, PeerCatalog)}, the bundle loaded when a call first needs it. */
    CallRunner(Supplier<Bundle> bundle, SettingsFiles settings, PeerCatalog peers) {
        this.bundle = bundle;
        this.settings = settings;
        this.peers = peers;
        this.registry = CliEstimators.registry(peers);
    }

    /** The registered estimator a name runs: the part before {@code @}. */
    static String baseName(String name) {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /**
     * Fails with the known names when {@code name} names no registered estimator, and when it has
     * GCC settings but its estimator takes none; loads a peer's model (a bad model file fails
     * here, before any call runs).
     */
    void requireKnown(String name) {
        String base = baseName(name);
        if (base.startsWith(PeerCatalog.PREFIX)) {
            if (peers == null) {
                throw new BadInputException("estimator '" + base + "' needs the peers root: pass --peers-root DIR "
                        + "or set $" + PeerCatalog.ENV + " (one folder with one .onnx model per peer)");
            }
            peers.model(base.substring(PeerCatalog.PREFIX.length()));
        }
        if (!registry.contains(base)) {
            throw new BadInputException("unknown estimator '" + base + "'; known: " + registry.names()
                    + (name.equals(base) ? "" : " (NAME@LABEL runs estimator NAME under another label)"));
        }
        if (!name.equals(base) && name.length() == base.length() + 1) {
            throw new BadInputException("estimator '" + name + "' has an empty label after '@'");
        }
        if (settings.get(name) != null && !registry.traits(base).contains(EstimatorRegistry.Trait.GCC_SETTINGS)) {
            throw new BadInputException("estimator '" + name + "' takes no GCC settings (--settings); those that do: "
                    + registry.names(EstimatorRegistry.Trait.GCC_SETTINGS));
        }
    }

    /** What the estimator {@code name} is built from for a call of {@code scenario}. */
    EstimatorContext context(Scenario scenario, String name) {
        Bundle steering = CliEstimators.readsBundle(baseName(name)) ? bundle.get() : Bundle.gccDefaults();
        return new EstimatorContext(scenario, steering, settings.get(name));
    }

    /** A new estimator {@code name} for {@code context}. */
    BandwidthEstimator create(String name, EstimatorContext context) {
        return registry.create(baseName(name), context);
    }

    /** The bundle steering estimators run with (loaded now if it was not yet). */
    Bundle bundle() {
        return bundle.get();
    }

    /**
     * Starts an output set that replaces {@code dir} as a whole when committed (see
     * {@link AtomicFiles#beginDirectory}); {@code markers} name files only this command's earlier
     * output has. A directory of other files is bad input.
     */
    static AtomicFiles.OutputDirectory beginOutput(Path dir, String... markers) {
        try {
            return AtomicFiles.beginDirectory(dir, markers);
        } catch (IOException e) {
            throw new BadInputException("--out: " + e.getMessage());
        }
    }

    /**
     * {@code name} as one safe path element: characters other than letters, digits, '.', '_' and
     * '-' become '_' (estimator names like {@code onnx:model} would not be portable file names).
     */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.chars().allMatch(c -> c == '.') ? "_" + safe : safe;
    }

    CallResult run(Scenario scenario, String estimator, long seed) {
        BandwidthEstimator instance = create(estimator, context(scenario, estimator));
        try {
            return CallSimulator.run(scenario, estimator, instance, seed);
        } finally {
            instance.close(); // e.g. a peer's native tensors
        }
    }

    /**
     * Runs {@code estimator} (an instance the caller closes) for one call and writes it into
     * {@code dir} as {@link #write} does, streaming timeseries.csv as the call runs: the rows are
     * kept in memory only when the plot needs them, so a long call costs no more memory than a
     * short one.
     */
    static CallResult runInto(Scenario scenario, String name, BandwidthEstimator estimator, long seed, Path dir,
                              boolean plot) throws IOException {
        Files.createDirectories(dir);
        CallResult[] result = new CallResult[1];
        AtomicFiles.write(dir.resolve("timeseries.csv"), out -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            result[0] = CallSimulator.run(scenario, name, estimator, seed,
                    new CallOutputs().keepSeries(plot).seriesCsv(csv));
            csv.flush();
        });
        writeMetricsAndPlot(plot ? result[0].series() : null, result[0].metrics(), scenario, name, seed, dir, plot);
        return result[0];
    }

    /**
     * Writes timeseries.csv, metrics.json (with what produced it) and, when asked, plot.png into
     * {@code dir}.
     */
    static void write(CallResult result, Scenario scenario, Path dir, boolean plot) throws IOException {
        write(result.series(), result.metrics(), scenario, result.estimatorName(), result.seed(), dir, plot);
    }

    /** {@link #write(CallResult, Scenario, Path, boolean)} from what a call kept: series and metrics. */
    static void write(TimeSeries series, CallMetrics metrics, Scenario scenario, String estimator, long seed, Path dir,
            boolean plot) throws IOException {
        Files.createDirectories(dir);
        series.writeCsv(dir.resolve("timeseries.csv"));
        writeMetricsAndPlot(series, metrics, scenario, estimator, seed, dir, plot);
    }

    /** metrics.json (with what produced it) and, when asked, plot.png of {@code series}. */
    private static void writeMetricsAndPlot(TimeSeries series, CallMetrics metrics, Scenario scenario,
                                            String estimator, long seed, Path dir, boolean plot) throws IOException {
        metrics.writeJson(dir.resolve("metrics.json"), RunInfo.of(scenario, estimator, seed));
        if (plot) {
            TimeSeries s = series;
            CallPlot.writePng(dir.resolve("plot.png"),
                    scenario.name() + " - " + estimator + " (seed " + seed + ")",
                    "one-way delay", s.column("time_s"), s.column("capacity_bps"), s.column("target_bps"),
                    s.column("recv_bps"), s.column("one_way_delay_ms"), s.column("loss_fraction"),
                    s.column("network_type_code"));
        }
    }
}
