package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
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
 * <p>Thread-safe once built (compare runs calls in parallel): the registry is only read and the
 * bundle supplier is thread-safe.
 */
final class CallRunner {
    private final EstimatorRegistry registry = CliEstimators.registry();
    private final Supplier<Bundle> bundle;

    /**
     * A runner whose steering estimators ({@link CliEstimators#readsBundle}) use the bundle
     * {@code bundle} supplies, asked for only when one of them runs (loading and verifying a
     * bundle costs more than a GCC call's start-up); the others get GCC's defaults, which they
     * ignore.
     */
    CallRunner(Supplier<Bundle> bundle) {
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

    /** Runs one call, keeping its time series. */
    CallResult run(Scenario scenario, String estimator, long seed) {
        return run(scenario, estimator, seed, new CallOutputs());
    }

    /** Runs one call with the given outputs. */
    CallResult run(Scenario scenario, String estimator, long seed, CallOutputs outputs) {
        Bundle steering = CliEstimators.readsBundle(estimator) ? bundle.get() : Bundle.gccDefaults();
        return CallSimulator.run(scenario, estimator, registry.create(estimator, new EstimatorContext(scenario, steering)),
                seed, outputs);
    }

    /**
     * Runs one call and writes it into {@code dir} as {@link #write} does, streaming timeseries.csv
     * as the call runs: the rows are kept in memory only when the plot needs them, so a long call
     * costs no more memory than a short one.
     */
    CallResult runInto(Scenario scenario, String estimator, long seed, Path dir, boolean plot) throws IOException {
        Files.createDirectories(dir);
        CallResult[] result = new CallResult[1];
        AtomicFiles.write(dir.resolve("timeseries.csv"), out -> {
            Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            result[0] = run(scenario, estimator, seed, new CallOutputs().keepSeries(plot).seriesCsv(csv));
            csv.flush();
        });
        writeMetricsAndPlot(result[0], scenario, dir, plot);
        return result[0];
    }

    /**
     * Writes timeseries.csv, metrics.json (with what produced it) and, when asked, plot.png into
     * {@code dir}, from a call that kept its series.
     */
    static void write(CallResult result, Scenario scenario, Path dir, boolean plot) throws IOException {
        Files.createDirectories(dir);
        result.series().writeCsv(dir.resolve("timeseries.csv"));
        writeMetricsAndPlot(result, scenario, dir, plot);
    }

    private static void writeMetricsAndPlot(CallResult result, Scenario scenario, Path dir, boolean plot)
            throws IOException {
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
