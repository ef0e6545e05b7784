package dev.weir.cli;

import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.gcc.GccSettings;
import dev.weir.peers.PeerCatalog;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallResult;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.estimators.PortableBundle;
import dev.weir.sim.runner.CallJob;
import dev.weir.sim.scenario.Scenario;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One call of a comparison as data: {@code estimator} (a registered name, or {@code NAME@LABEL})
 * on {@code scenario} and {@code seed}, steering estimators with {@code bundle}, GCC-based ones with
 * {@code gccSettingsJson} when given (null: libwebrtc's defaults), peers from {@code peersRoot}
 * (null: none). The result keeps the metrics, and the time series only when {@code keepSeries}
 * (the seed the report draws).
 *
 * <p>Immutable and thread-safe.
 */
record CompareCall(Scenario scenario, String estimator, long seed, PortableBundle bundle, boolean keepSeries,
                   String gccSettingsJson, String peersRoot) implements CallJob<CallOutcome> {
    private static final long serialVersionUID = 2L;
    /** Registries by peers root ("" for none): only read, so one serves every call of a JVM. */
    private static final Map<String, EstimatorRegistry> REGISTRIES = new ConcurrentHashMap<>();

    @Override
    public String description() {
        return scenario.name() + "/" + estimator + "/seed " + seed;
    }

    @Override
    public CallOutcome run() {
        EstimatorRegistry registry = REGISTRIES.computeIfAbsent(peersRoot == null ? "" : peersRoot,
                root -> CliEstimators.registry(root.isEmpty() ? null : new PeerCatalog(Path.of(root))));
        GccSettings settings = gccSettingsJson == null ? null
                : SettingsJson.read(gccSettingsJson, GccSettings.class, "settings of " + estimator);
        BandwidthEstimator instance = registry.create(CallRunner.baseName(estimator),
                new EstimatorContext(scenario, bundle.bundle(), settings));
        try {
            // Rows only for the seed the report draws: the other calls need their metrics alone.
            CallResult result = CallSimulator.run(scenario, estimator, instance, seed,
                    new CallOutputs().keepSeries(keepSeries));
            return new CallOutcome(result.scenarioName(), result.family(), estimator, seed, result.metrics(),
                    keepSeries ? result.series() : null);
        } finally {
            instance.close(); // e.g. a peer's native tensors
        }
    }
}
