package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.sim.call.CallMetrics;
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
    private final EstimatorRegistry registry = CliEstimators.registry();
    private final Bundle bundle;

    /** A runner whose steering estimators use {@code bundle} (shared by all its calls). */
    CallRunner(Bundle bundle) {
        this.bundle = bundle;
    }

    /** Fails with the known names when {@code estimator} is not registered. */
    void requireKnown(String estimator) {
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

    CallResult run(Scenario scenario, String estimator, long seed) {
        return CallSimulator.run(scenario, estimator, registry.create(estimator, new EstimatorContext(scenario, bundle)),
                seed);
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
