package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.bwe.api.BandwidthEstimator;
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

/** Runs one call by estimator name and writes its outputs; shared by simulate, compare and demo. */
final class CallRunner {
    private final EstimatorRegistry registry;
    private final PeerCatalog peers;
    private final Bundle bundle;

    /** A runner whose steering estimators use {@code bundle} (shared by all its calls), without peers. */
    CallRunner(Bundle bundle) {
        this(bundle, null);
    }

    /**
     * A runner whose steering estimators use {@code bundle} and whose {@code onnx:<name>}
     * estimators come from {@code peers} (null: no peers root).
     */
    CallRunner(Bundle bundle, PeerCatalog peers) {
        this.bundle = bundle;
        this.peers = peers;
        this.registry = CliEstimators.registry(peers);
    }

    /**
     * Fails with the known names when {@code estimator} is not registered; loads a peer's model
     * (a bad model file fails here, before any call runs).
     */
    void requireKnown(String estimator) {
        if (estimator.startsWith(PeerCatalog.PREFIX)) {
            if (peers == null) {
                throw new BadInputException("estimator '" + estimator + "' needs the peers root: pass --peers-root DIR "
                        + "or set $" + PeerCatalog.ENV + " (one folder with one .onnx model per peer)");
            }
            peers.model(estimator.substring(PeerCatalog.PREFIX.length()));
        }
        if (!registry.contains(estimator)) {
            throw new BadInputException("unknown estimator '" + estimator + "'; known: " + registry.names());
        }
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

    CallResult run(Scenario scenario, String estimator, long seed) throws Exception {
        BandwidthEstimator instance = registry.create(estimator, new EstimatorContext(scenario, bundle));
        try {
            return CallSimulator.run(scenario, estimator, instance, seed);
        } finally {
            if (instance instanceof AutoCloseable closeable) {
                closeable.close(); // a peer's native tensors
            }
        }
    }

    /**
     * Writes timeseries.csv, metrics.json (with what produced it) and, when asked, plot.png into
     * {@code dir}.
     */
    static void write(CallResult result, Scenario scenario, Path dir, boolean plot) throws IOException {
        Files.createDirectories(dir);
        result.series().writeCsv(dir.resolve("timeseries.csv"));
        result.metrics().writeJson(dir.resolve("metrics.json"),
                RunInfo.of(scenario, result.estimatorName(), result.seed()));
        if (plot) {
            TimeSeries s = result.series();
            CallPlot.writePng(dir.resolve("plot.png"),
                    result.scenarioName() + " - " + result.estimatorName() + " (seed " + result.seed() + ")",
                    "one-way delay", s.column("time_s"), s.column("capacity_bps"), s.column("target_bps"),
                    s.column("recv_bps"), s.column("one_way_delay_ms"), s.column("loss_fraction"),
                    s.column("network_type_code"));
        }
    }
}
