package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallMetrics;
import dev.weir.peers.PeerCatalog;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.plot.CallPlot;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one call by estimator name and writes its outputs; shared by simulate, compare and demo.
 *
 * <p>A name is a registered estimator, or {@code BASE@LABEL} for the registered estimator BASE
 * under another label, so one estimator can run twice in a comparison with different
 * {@code --settings} (e.g. {@code gcc} against {@code gcc@trial}).
 *
 * <p>Immutable after construction; {@link #run} may be called from many threads.
 */
final class CallRunner {
    private final EstimatorRegistry registry;
    private final Bundle bundle;
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
        return new EstimatorContext(scenario, bundle, settings.get(name));
    }

    /** A new estimator {@code name} for {@code context}. */
    BandwidthEstimator create(String name, EstimatorContext context) {
        return registry.create(baseName(name), context);
    }

    /** The bundle steering estimators run with. */
    Bundle bundle() {
        return bundle;
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
