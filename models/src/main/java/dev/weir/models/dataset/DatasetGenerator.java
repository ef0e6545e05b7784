package dev.weir.models.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Generates a labelled {@link Dataset}: simulates every planned call with GCC wrapped in a
 * {@link SignalTap}, labels the snapshots ({@link SampleLabeller}) and collects them in plan order.
 * Plans: each synthetic scenario file (no {@code traces:} path) once per seed, duration capped; then
 * for each trace dataset every trace of train/ and test/ once per seed ({@link TraceScenarios}).
 * Splits follow {@link SplitRule} (by trace, never by window). With {@code max_calls_per_dataset},
 * the first calls of each dataset in the order of the stable hash of {@code trace#seed} are kept
 * (a deterministic sample that mixes train and test).
 *
 * <p>Deterministic: the same request gives a dataset with identical bytes whatever the thread
 * count (results are collected in plan order, no clock is read, settings hold no absolute paths
 * and no thread count).
 *
 * <p>Thread-safe: static methods only; each call simulates on its own state.
 */
public final class DatasetGenerator {
    /** Version of the generation procedure, recorded in the dataset; bump when labels change. */
    public static final int GENERATOR_VERSION = 1;
    /** Group name of synthetic scenarios for {@code max_calls_per_dataset}. */
    public static final String SYNTHETIC = "synthetic";
    /** The estimator that steers the calls: the production baseline whose signals the model sees. */
    public static final String ESTIMATOR = "gcc";
    private static final List<String> TASKS = List.of(Dataset.TASK_LOSS_TYPE, Dataset.TASK_CONGESTION,
            Dataset.TASK_CONGESTION_RULE);
    private static final List<String> SPLITS = List.of(SplitRule.TRAIN, SplitRule.VALIDATION, SplitRule.TEST);

    private DatasetGenerator() {
    }

    /**
     * Simulates and labels every call of {@code request}.
     *
     * @param progress told after each finished call (on the calling thread)
     * @throws dev.weir.bwe.config.InvalidSettingsException for invalid settings
     * @throws dev.weir.sim.scenario.ScenarioException for a broken scenario file or trace
     * @throws dev.weir.sim.runner.TaskFailedException when a call fails
     * @throws InterruptedException when interrupted (the calls are cancelled)
     */
    public static Dataset generate(DatasetRequest request, ProgressListener progress) throws InterruptedException {
        return generate(request, new ParallelRunner(request.threads()), progress);
    }

    /**
     * Simulates and labels every call of {@code request} on {@code engine} (the request's thread
     * count is then unused); the bytes are the same whichever engine runs the calls.
     *
     * @see #generate(DatasetRequest, ProgressListener)
     */
    public static Dataset generate(DatasetRequest request, CallEngine engine, ProgressListener progress)
            throws InterruptedException {
        DatasetSettings settings = request.settings();
        ConfigCheck check = ConfigCheck.of("dataset");
        settings.validate(check);
        check.throwIfInvalid();
        List<String> skipped = new ArrayList<>();
        List<CallPlan> plans = plan(request, skipped);
        String settingsJson = SettingsJson.write(settings);
        List<DatasetCall> calls = new ArrayList<>(plans.size());
        for (CallPlan plan : plans) {
            calls.add(new DatasetCall(plan, settingsJson));
        }
        List<CallSamples> results = engine.runCalls(calls, progress);

        FeatureSchema schema = FeatureSchema.of(SignalTap.signalSettings(settings));
        Dataset.Builder builder = Dataset.builder(schema, SampleLabeller.BASELINE_NAMES);
        for (int p = 0; p < plans.size(); p++) {
            int source = builder.addSource(plans.get(p).source());
            CallSamples samples = results.get(p);
            for (int i = 0; i < samples.size(); i++) {
                builder.add(source, samples.timeMs(i), samples.tsWindow(i), samples.denseRow(i), samples.lossType(i),
                        samples.congestion(i), samples.congestionRule(i), samples.leadTimeS(i),
                        samples.verdictRow(i));
            }
        }
        builder.settings(settingsNode(request, plans, results, skipped));
        return builder.build();
    }

    /** The calls {@code request} asks for, in dataset order; skipped scenario files are added to {@code skipped}. */
    public static List<CallPlan> plan(DatasetRequest request, List<String> skipped) {
        DatasetSettings settings = request.settings();
        long capUs = request.durationS() * 1_000_000L;
        List<CallPlan> synthetic = new ArrayList<>();
        for (Path file : request.scenarioFiles()) {
            if (needsTraces(file)) {
                skipped.add(file.getFileName().toString());
                continue;
            }
            Scenario scenario = ScenarioLoader.load(file, null).withDurationCapUs(capUs);
            for (long seed : request.seeds()) {
                SampleSource source = new SampleSource(scenario.name(), scenario.family(), scenario.name(), seed,
                        SplitRule.forSynthetic(scenario.name(), seed, settings));
                synthetic.add(new CallPlan(scenario, seed, source, SYNTHETIC));
            }
        }
        List<CallPlan> plans = new ArrayList<>(limit(synthetic, request.maxCallsPerDataset()));
        if (request.tracesRoot() != null) {
            List<String> datasets = request.datasets().isEmpty()
                    ? TraceScenarios.datasets(request.tracesRoot()) : request.datasets();
            for (String dataset : datasets) {
                List<String[]> calls = new ArrayList<>();
                List<String> traceIds = TraceScenarios.traceIds(request.tracesRoot(), dataset);
                Set<String> validation = SplitRule.validationGroups(traceIds, settings);
                for (String traceId : traceIds) {
                    for (long seed : request.seeds()) {
                        calls.add(new String[] {traceId, Long.toString(seed)});
                    }
                }
                if (request.maxCallsPerDataset() > 0 && calls.size() > request.maxCallsPerDataset()) {
                    calls.sort((a, b) -> Long.compareUnsigned(SplitRule.stableHash(a[0] + "#" + a[1]),
                            SplitRule.stableHash(b[0] + "#" + b[1])));
                    calls = new ArrayList<>(calls.subList(0, request.maxCallsPerDataset()));
                }
                for (String[] call : calls) {
                    plans.add(TraceScenarios.plan(request.tracesRoot(), call[0], Long.parseLong(call[1]),
                            request.durationS(), SplitRule.forTrace(call[0], validation)));
                }
            }
        }
        return plans;
    }

    /** Runs one call and labels its snapshots. */
    static CallSamples simulate(CallPlan plan, EstimatorRegistry registry, DatasetSettings settings) {
        Scenario scenario = plan.scenario();
        BandwidthEstimator gcc = registry.create(ESTIMATOR, new EstimatorContext(scenario));
        SignalTap tap = new SignalTap(gcc, settings);
        LabelTruth truth = new LabelTruth(settings);
        CallSimulator.run(scenario, ESTIMATOR, tap, plan.seed(), new CallOutputs().keepSeries(false).packets(truth));
        return SampleLabeller.label(truth, tap.log(), scenario.durationUs(), settings);
    }

    private static List<CallPlan> limit(List<CallPlan> plans, int max) {
        if (max <= 0 || plans.size() <= max) {
            return plans;
        }
        List<CallPlan> sorted = new ArrayList<>(plans);
        sorted.sort((a, b) -> Long.compareUnsigned(SplitRule.stableHash(a.scenario().name() + "#" + a.seed()),
                SplitRule.stableHash(b.scenario().name() + "#" + b.seed())));
        return sorted.subList(0, max);
    }

    private static boolean needsTraces(Path file) {
        try {
            return Files.readString(file).contains("\"traces:");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scenario file " + file, e);
        }
    }

    private static ObjectNode settingsNode(DatasetRequest request, List<CallPlan> plans,
                                           List<CallSamples> results, List<String> skipped) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("generator", "dev.weir.models.dataset.DatasetGenerator");
        root.put("generator_version", GENERATOR_VERSION);
        root.put("estimator", ESTIMATOR);
        root.set("labels", SettingsJson.mapper().valueToTree(request.settings()));
        ObjectNode definitions = root.putObject("label_definitions");
        definitions.put(Dataset.TASK_LOSS_TYPE, "media drops reported to the sender in (t - loss_lookback_ms, t]: "
                + "-1 none, 1 strict majority queue overflow, else 0 (random or Gilbert-Elliott burst)");
        definitions.put(Dataset.TASK_CONGESTION, "1 when a packet sent in (t, t + congestion_horizon_ms] overflowed "
                + "the bottleneck queue or queued longer than queue_delay_threshold_ms; lead time to the first");
        definitions.put(Dataset.TASK_CONGESTION_RULE, "observed RTT/loss per step, past rule_past_ms / future "
                + "rule_future_ms: a future RTT >= past min + max(spike_min_ms, spike_fraction x min) followed by "
                + "loss or by further growth of max(growth_min_ms, growth_fraction x spike RTT); -1 without past RTT");
        definitions.put("baselines", "loss:<rule> majority verdict over loss events the sender saw in the loss "
                + "look-back (-1 none); congestion:gcc_overuse delay detector OVERUSING in the window's last step; "
                + "congestion:rtt_rise RTT of the latest rtt_rise_recent_ms at the spike level over the window min");
        definitions.put("split", "by trace: test/ traces -> test; per dataset, the first validation_percent of train/ "
                + "trace groups (direction and _partN suffixes removed) ranked by stable hash -> validation, the rest "
                + "train; synthetic (scenario, seed) by stable hash");
        // The feature schema (typed, in the dataset header) records what changes values; these
        // are the recorder settings it was derived from, history included.
        root.set("signal_settings", SettingsJson.mapper().valueToTree(SignalTap.signalSettings(request.settings())));
        ObjectNode req = root.putObject("request");
        ArrayNode files = req.putArray("scenario_files");
        request.scenarioFiles().forEach(p -> files.add(p.getFileName().toString()));
        ArrayNode skippedNode = req.putArray("skipped_scenario_files");
        skipped.forEach(skippedNode::add);
        req.put("traces", request.tracesRoot() != null);
        ArrayNode datasets = req.putArray("datasets");
        request.datasets().forEach(datasets::add);
        ArrayNode seeds = req.putArray("seeds");
        request.seeds().forEach(seeds::add);
        req.put("max_calls_per_dataset", request.maxCallsPerDataset());
        req.put("duration_cap_s", request.durationS());
        root.set("counts", counts(plans, results));
        return root;
    }

    /** Calls and samples per split, and per split, task and class ({@code -1} none, 0, 1). */
    private static ObjectNode counts(List<CallPlan> plans, List<CallSamples> results) {
        long[][][] perClass = new long[SPLITS.size()][TASKS.size()][3];
        long[] calls = new long[SPLITS.size()];
        long[] samples = new long[SPLITS.size()];
        for (int p = 0; p < plans.size(); p++) {
            int split = SPLITS.indexOf(plans.get(p).source().split());
            CallSamples s = results.get(p);
            calls[split]++;
            samples[split] += s.size();
            for (int i = 0; i < s.size(); i++) {
                perClass[split][0][s.lossType(i) + 1]++;
                perClass[split][1][s.congestion(i) + 1]++;
                perClass[split][2][s.congestionRule(i) + 1]++;
            }
        }
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        for (int split = 0; split < SPLITS.size(); split++) {
            ObjectNode node = counts.putObject(SPLITS.get(split));
            node.put("calls", calls[split]);
            node.put("samples", samples[split]);
            for (int task = 0; task < TASKS.size(); task++) {
                ObjectNode classes = node.putObject(TASKS.get(task));
                classes.put("none", perClass[split][task][0]);
                classes.put("0", perClass[split][task][1]);
                classes.put("1", perClass[split][task][2]);
            }
        }
        return counts;
    }
}
