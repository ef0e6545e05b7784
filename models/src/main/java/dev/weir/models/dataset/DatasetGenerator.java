package dev.weir.models.dataset;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.api.BandwidthEstimator;
import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.sim.call.CallOutputs;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.PacketLog;
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
import java.util.SplittableRandom;

/**
 * Generates a labelled {@link Dataset}: simulates every planned call with its driver wrapped in a
 * {@link SignalTap}, labels the logged steps ({@link StepLabeller}) and collects the calls in plan
 * order. Plans: each synthetic scenario file (no {@code traces:} path) once per seed; then for
 * each trace dataset every trace of train/ and test/ once per seed ({@link TraceScenarios}: a
 * random 3-5 minute stretch of it), leaving out train/ traces whose recording group is in the
 * frozen test split. Splits follow {@link SplitRule} (by recording group, never by call or
 * window). With {@code max_calls_per_dataset}, the first calls of each dataset in the order of the
 * stable hash of {@code trace#seed} are kept (a deterministic sample for quick runs).
 *
 * <p>Deterministic: the same request gives a dataset with identical bytes whatever the thread
 * count (results are collected in plan order, no clock is read, settings hold no absolute paths
 * and no thread count).
 *
 * <p>Thread-safe: static methods only; each call simulates on its own state.
 */
public final class DatasetGenerator {
    /**
     * Version of the generation procedure, recorded in the dataset; bump when labels change. 2:
     * sequences of every step, 3-5 minute calls at random trace offsets, drivers, splits by
     * recording group, loss attribution in three classes, congestion onset with gate and cause. 3:
     * the FEC heads' ground truth (non-congestive loss share and mean burst over fec_horizon_ms).
     */
    public static final int GENERATOR_VERSION = 3;
    /** Dataset name of synthetic scenarios for {@code max_calls_per_dataset}. */
    public static final String SYNTHETIC = "synthetic";
    private static final List<String> SPLITS = List.of(SplitRule.TRAIN, SplitRule.VALIDATION, SplitRule.TEST);

    private DatasetGenerator() {
    }

    /**
     * Simulates and labels every call of {@code request}.
     *
     * @param progress told after each finished call (on the calling thread)
     * @throws dev.weir.bwe.config.InvalidSettingsException for invalid settings
     * @throws dev.weir.sim.scenario.ScenarioException for a broken scenario file or trace
     * @throws IllegalArgumentException for a test trace outside the frozen test split
     * @throws dev.weir.sim.runner.TaskFailedException when a call fails
     * @throws InterruptedException when interrupted (the calls are cancelled)
     */
    public static Dataset generate(DatasetRequest request, ProgressListener progress) throws InterruptedException {
        return generate(request, new ParallelRunner(request.threads()), progress);
    }

    /**
     * Simulates and labels every call of {@code request} on {@code engine} (the request's thread
     * count is then unused); the bytes are the same whichever engine runs the calls. Trace calls
     * start at an offset into their trace, a scenario built in code: they run in this JVM only (a
     * cluster engine refuses them as not serializable).
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
        List<String> excluded = new ArrayList<>();
        List<CallPlan> plans = plan(request, skipped, excluded);
        String settingsJson = SettingsJson.write(settings);
        byte[] steeringModel = request.steeringModel() == null ? null : request.steeringModel().toBytes();
        List<DatasetCall> calls = new ArrayList<>(plans.size());
        for (CallPlan plan : plans) {
            calls.add(new DatasetCall(plan, settingsJson, steeringModel));
        }
        List<CallSteps> results = engine.runCalls(calls, progress);

        FeatureSchema schema = FeatureSchema.of(SignalTap.signalSettings(settings));
        Dataset.Builder builder = Dataset.builder(schema, StepLabeller.BASELINE_NAMES);
        for (int p = 0; p < plans.size(); p++) {
            builder.addCall(plans.get(p).source(), results.get(p));
        }
        builder.settings(settingsNode(request, plans, results, skipped, excluded));
        return builder.build();
    }

    /** The calls {@code request} asks for, in dataset order (scenario files and traces left out are listed). */
    public static List<CallPlan> plan(DatasetRequest request, List<String> skipped, List<String> excluded) {
        DatasetSettings settings = request.settings();
        boolean model = request.steeringModel() != null;
        List<CallPlan> synthetic = new ArrayList<>();
        for (Path file : request.scenarioFiles()) {
            if (needsTraces(file)) {
                skipped.add(file.getFileName().toString());
                continue;
            }
            Scenario scenario = ScenarioLoader.load(file, null);
            String group = RecordingGroups.ofSynthetic(scenario.link().capacity().describe());
            String split = SplitRule.forSynthetic(group, request.testSplit(), settings);
            if (request.onlySplit() != null && !request.onlySplit().equals(split)) {
                continue;
            }
            for (long seed : request.seeds()) {
                SplittableRandom random = new SplittableRandom(SplitRule.stableHash(scenario.name() + "#" + seed));
                String driver = CallDrivers.draw(random, settings, model);
                SampleSource source = new SampleSource(scenario.name(), scenario.family(), scenario.name(), group, seed,
                        split, driver, 0, 0);
                synthetic.add(new CallPlan(scenario, seed, source, SYNTHETIC, random.nextLong()));
            }
        }
        List<CallPlan> plans = new ArrayList<>(limit(synthetic, request.maxCallsPerDataset()));
        if (request.tracesRoot() != null) {
            List<String> datasets = request.datasets().isEmpty()
                    ? TraceScenarios.datasets(request.tracesRoot()) : request.datasets();
            for (String dataset : datasets) {
                List<String[]> calls = new ArrayList<>();
                for (String traceId : TraceScenarios.traceIds(request.tracesRoot(), dataset)) {
                    String split = SplitRule.forCall(RecordingGroups.ofTrace(traceId), isUnderTest(traceId),
                            request.testSplit(), settings);
                    if (split == null) {
                        excluded.add(traceId);
                        continue;
                    }
                    if (request.onlySplit() != null && !request.onlySplit().equals(split)) {
                        continue;
                    }
                    for (long seed : request.seeds()) {
                        calls.add(new String[] {traceId, Long.toString(seed), split});
                    }
                }
                if (request.maxCallsPerDataset() > 0 && calls.size() > request.maxCallsPerDataset()) {
                    calls.sort((a, b) -> Long.compareUnsigned(SplitRule.stableHash(a[0] + "#" + a[1]),
                            SplitRule.stableHash(b[0] + "#" + b[1])));
                    calls = new ArrayList<>(calls.subList(0, request.maxCallsPerDataset()));
                }
                for (String[] call : calls) {
                    plans.add(TraceScenarios.plan(request.tracesRoot(), call[0], Long.parseLong(call[1]), call[2],
                            settings, model));
                }
            }
        }
        return plans;
    }

    /** Runs one call and labels its steps. */
    static CallSteps simulate(CallPlan plan, DatasetRequest request) {
        return simulate(plan, request.settings(), request.steeringModel());
    }

    /** Runs one call with {@code settings} (the weir driver runs {@code steeringModel}, or none) and labels its steps. */
    static CallSteps simulate(CallPlan plan, DatasetSettings settings, ModelArtifact steeringModel) {
        Scenario scenario = plan.scenario();
        String driver = plan.source().driver();
        BandwidthEstimator estimator = CallDrivers.create(driver, scenario, plan.driverSeed(), steeringModel);
        SignalTap tap = new SignalTap(estimator, settings);
        // One call's packets (a dataset call is minutes long): the simulator itself keeps only what it may still read.
        PacketLog packets = new PacketLog();
        CallSimulator.run(scenario, driver, tap, plan.seed(), new CallOutputs().keepSeries(false).packets(packets));
        return StepLabeller.label(packets, tap.log(), scenario, settings);
    }

    private static boolean isUnderTest(String traceId) {
        String[] parts = traceId.split("/", 3);
        return parts.length == 3 && parts[1].equals(SplitRule.TEST);
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

    private static ObjectNode settingsNode(DatasetRequest request, List<CallPlan> plans, List<CallSteps> results,
                                           List<String> skipped, List<String> excluded) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("generator", "dev.weir.models.dataset.DatasetGenerator");
        root.put("generator_version", GENERATOR_VERSION);
        root.set("labels", SettingsJson.mapper().valueToTree(request.settings()));
        root.put("test_split_digest", request.testSplit().digest());
        root.put("steering_model", request.steeringModel() == null ? "none" : request.steeringModel().sha256());
        ObjectNode definitions = root.putObject("label_definitions");
        definitions.put(Dataset.TASK_LOSS_ATTRIBUTION, "media drops reported to the sender in (t - loss_lookback_ms, "
                + "t]: -1 none, 0 pure_random (no queue overflow), 2 congestion (all queue overflow), 1 mixed");
        definitions.put(Dataset.TASK_CONGESTION, "1 when a packet sent in (t, t + congestion_horizon_ms] overflowed "
                + "the bottleneck queue or queued longer than queue_delay_threshold_ms; lead time to the first; -1 when "
                + "the horizon passes the call's end");
        definitions.put(Dataset.TASK_RANDOM_LOSS_RATE, "random_loss_share: share of the media packets (video, audio, "
                + "FEC, retransmission; not padding) sent in (t, t + fec_horizon_ms] that the network dropped at random "
                + "or in a loss burst (not queue overflow), NaN when the horizon passes the call's end or holds no media "
                + "packet; class by FecHeads.rateClass: " + FecHeads.RATE_CLASSES);
        definitions.put(Dataset.TASK_LOSS_BURST, "mean_burst_packets: mean run of consecutive non-congestive drops "
                + "among those media packets in send order (a delivered packet or a queue-overflow drop ends a run, "
                + "padding does not; runs cut by the horizon's edges count their part inside), NaN below "
                + FecHeads.MIN_DROPS_FOR_BURST + " such drops; class by FecHeads.burstClass (bursty from "
                + FecHeads.BURSTY_MEAN_RUN_PACKETS + " packets)");
        definitions.put("cause", "exogenous: free capacity in the 0.5 s before the event cause_drop_fraction below "
                + "its mean over the 2 s before t; else self_induced: sending rate in the 1 s before the event "
                + "self_induced_ramp_fraction above the 2 s before t; else stable");
        definitions.put("gate", "observable 'not congested now': delay above min < gate_delay_ms and no loss "
                + "reported in the latest gate_loss_ms");
        definitions.put("baselines", "loss:<rule> share of congestion verdicts the rule made in the loss look-back "
                + "(NaN none)");
        definitions.put("split", "by recording group: groups of the frozen test split -> test (train/ traces of them "
                + "left out); others: validation when stable_hash(group) mod folds == validation_fold, else train");
        root.set("signal_settings", SettingsJson.mapper().valueToTree(SignalTap.signalSettings(request.settings())));
        ObjectNode req = root.putObject("request");
        ArrayNode files = req.putArray("scenario_files");
        request.scenarioFiles().forEach(p -> files.add(p.getFileName().toString()));
        ArrayNode skippedNode = req.putArray("skipped_scenario_files");
        skipped.forEach(skippedNode::add);
        ArrayNode excludedNode = req.putArray("excluded_train_traces");
        excluded.forEach(excludedNode::add);
        req.put("traces", request.tracesRoot() != null);
        ArrayNode datasets = req.putArray("datasets");
        request.datasets().forEach(datasets::add);
        ArrayNode seeds = req.putArray("seeds");
        request.seeds().forEach(seeds::add);
        req.put("max_calls_per_dataset", request.maxCallsPerDataset());
        req.put("only_split", request.onlySplit() == null ? "all" : request.onlySplit());
        root.set("counts", counts(plans, results));
        return root;
    }

    /** Calls, steps and decisions per split, and labelled decisions per task and class. */
    private static ObjectNode counts(List<CallPlan> plans, List<CallSteps> results) {
        ObjectNode counts = JsonNodeFactory.instance.objectNode();
        for (String split : SPLITS) {
            long calls = 0;
            long steps = 0;
            long decisions = 0;
            long[] loss = new long[Dataset.LOSS_CLASSES.size() + 1];
            long[] congestion = new long[3];
            long onset = 0;
            long[] rate = new long[FecHeads.RATE_CLASSES.size() + 1];
            long[] burst = new long[FecHeads.BURST_CLASSES.size() + 1];
            for (int p = 0; p < plans.size(); p++) {
                if (!plans.get(p).source().split().equals(split)) {
                    continue;
                }
                CallSteps s = results.get(p);
                calls++;
                steps += s.steps;
                for (int i = 0; i < s.steps; i++) {
                    if (s.decision[i] == 0) {
                        continue;
                    }
                    decisions++;
                    loss[s.lossClass[i] + 1]++;
                    congestion[s.congestion[i] + 1]++;
                    onset += s.gate[i];
                    rate[Dataset.randomLossRateLabel(s.randomLossShare[i]) + 1]++;
                    burst[Dataset.lossBurstLabel(s.meanBurstPackets[i]) + 1]++;
                }
            }
            ObjectNode node = counts.putObject(split);
            node.put("calls", calls);
            node.put("steps", steps);
            node.put("decisions", decisions);
            ObjectNode lossNode = node.putObject(Dataset.TASK_LOSS_ATTRIBUTION);
            lossNode.put("none", loss[0]);
            for (int c = 0; c < Dataset.LOSS_CLASSES.size(); c++) {
                lossNode.put(Dataset.LOSS_CLASSES.get(c), loss[c + 1]);
            }
            ObjectNode congestionNode = node.putObject(Dataset.TASK_CONGESTION);
            congestionNode.put("none", congestion[0]);
            congestionNode.put("no", congestion[1]);
            congestionNode.put("yes", congestion[2]);
            congestionNode.put("gated", onset);
            putClasses(node.putObject(Dataset.TASK_RANDOM_LOSS_RATE), FecHeads.RATE_CLASSES, rate);
            putClasses(node.putObject(Dataset.TASK_LOSS_BURST), FecHeads.BURST_CLASSES, burst);
        }
        return counts;
    }

    /** {@code none} and each class with its count ({@code counts[0]} is none, then by class). */
    private static void putClasses(ObjectNode node, List<String> classes, long[] counts) {
        node.put("none", counts[0]);
        for (int c = 0; c < classes.size(); c++) {
            node.put(classes.get(c), counts[c + 1]);
        }
    }
}
