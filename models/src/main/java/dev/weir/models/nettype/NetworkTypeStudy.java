package dev.weir.models.nettype;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.gcc.GccSettings;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.dataset.CallPlan;
import dev.weir.models.dataset.DatasetGenerator;
import dev.weir.models.dataset.DatasetRequest;
import dev.weir.models.dataset.SplitRule;
import dev.weir.models.dataset.TraceScenarios;
import dev.weir.models.eval.Bootstrap;
import dev.weir.sim.call.CallSimulator;
import dev.weir.sim.call.TimeSeries;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.runner.ParallelRunner;
import dev.weir.sim.runner.ProgressListener;
import dev.weir.sim.runner.Task;
import dev.weir.sim.scenario.Scenario;
import dev.weir.steer.Bundle;
import dev.weir.steer.NetworkType;
import dev.weir.steer.WeirEstimator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Network-type labels by outcome, and the regret of type policies: every call of a dataset request
 * is cut into segments of {@link #SEGMENT_S}, each segment re-simulated once per network type with
 * that type's parameter set pinned and the model running for the set's early back-off (common
 * random numbers: same seed, same stretch of the trace,
 * {@link #LEAD_IN_S} of lead-in before the segment so GCC is not scored from a cold start) and
 * scored with {@link SegmentScore}; the segment's label is the type whose set scored best. A
 * policy's regret on a segment is its type's score minus the best type's (points of the objective,
 * lower is better, 0 for the oracle).
 *
 * <p>Policies evaluated on the test calls: each fixed type, the best fixed set (the type with the
 * lowest mean score on the non-test segments: chosen without the test split), and the bundle's
 * rule-based decider ({@code NetworkTypeDecider}) steered by the model (the whole call run with the
 * weir estimator; a segment's type is the type in force for most of its rows; switches per minute
 * from the call's rows). Intervals: cluster bootstrap over recording groups.
 *
 * <p>Stateless and thread-safe; each run simulates on its own state.
 */
public final class NetworkTypeStudy {
    /** Segment length, seconds: long enough to score freezes and delay, short enough to follow a call. */
    public static final int SEGMENT_S = 30;
    /** Lead-in simulated before a segment with the segment's set, seconds (at most the call's first 10 s before the first). */
    public static final int LEAD_IN_S = 20;
    /** First segment start, seconds: the model's first decision (the 10 s window). */
    public static final int FIRST_SEGMENT_S = 10;
    private static final NetworkType[] TYPES = NetworkType.values();

    private NetworkTypeStudy() {
    }

    /**
     * One call's results.
     *
     * @param source the call (as its dataset records it)
     * @param segmentStartsS segment starts, call seconds
     * @param scores per segment, per type (NetworkType ordinal)
     * @param deciderType per segment, the type the decider had in force most of the time (-1 none)
     * @param deciderSwitches type changes of the decider over the call
     * @param minutes the call's length
     */
    public record CallResult(SampleSource source, double[] segmentStartsS, double[][] scores, int[] deciderType,
                             int deciderSwitches, double minutes) {
        /** The best type of segment {@code k}. */
        public int best(int k) {
            int best = 0;
            for (int t = 1; t < scores[k].length; t++) {
                if (scores[k][t] < scores[k][best]) {
                    best = t;
                }
            }
            return best;
        }

        /** The decider's type on segment {@code k} (-1: none). */
        public int deciderTypeAt(int k) {
            return deciderType[k];
        }

        /**
         * This call with a decision rule's run as {@link #decider} returns it: the type per segment,
         * then the switches over the call.
         */
        CallResult withDeciderRun(double[] run) {
            int[] types = new int[segmentStartsS.length];
            for (int k = 0; k < types.length; k++) {
                types[k] = (int) run[k];
            }
            return new CallResult(source, segmentStartsS, scores, types, (int) run[types.length], minutes);
        }
    }

    /** Simulates every call of {@code calls}: segments per type and the decider over the whole call. */
    public static List<CallResult> run(DatasetRequest calls, Bundle bundle, ProgressListener progress)
            throws InterruptedException {
        List<CallPlan> plans = plans(calls);
        List<Task<double[]>> tasks = new ArrayList<>();
        List<int[]> index = new ArrayList<>();
        for (int p = 0; p < plans.size(); p++) {
            CallPlan plan = plans.get(p);
            double[] starts = segmentStarts(plan.scenario().durationUs() / 1e6);
            for (int k = 0; k < starts.length; k++) {
                for (NetworkType type : TYPES) {
                    double startS = starts[k];
                    tasks.add(Task.of(plan.description() + " segment " + k + " " + type.id(),
                            () -> new double[] {segment(plan, startS, type, bundle)}));
                    index.add(new int[] {p, k, type.ordinal()});
                }
            }
            tasks.add(Task.of(plan.description() + " decider", () -> decider(plan, starts, bundle)));
            index.add(new int[] {p, -1, -1});
        }
        List<double[]> results = new ParallelRunner(calls.threads()).run(tasks, progress);
        List<CallResult> out = new ArrayList<>();
        double[][][] scores = new double[plans.size()][][];
        for (int p = 0; p < plans.size(); p++) {
            scores[p] = new double[segmentStarts(plans.get(p).scenario().durationUs() / 1e6).length][TYPES.length];
        }
        double[][] deciders = new double[plans.size()][];
        for (int i = 0; i < tasks.size(); i++) {
            int[] at = index.get(i);
            if (at[1] >= 0) {
                scores[at[0]][at[1]][at[2]] = results.get(i)[0];
            } else {
                deciders[at[0]] = results.get(i);
            }
        }
        for (int p = 0; p < plans.size(); p++) {
            CallPlan plan = plans.get(p);
            double[] starts = segmentStarts(plan.scenario().durationUs() / 1e6);
            out.add(new CallResult(plan.source(), starts, scores[p], new int[starts.length], 0,
                    plan.scenario().durationUs() / 60e6).withDeciderRun(deciders[p]));
        }
        return out;
    }

    /** Segment starts of a call of {@code durationS}: whole segments from {@link #FIRST_SEGMENT_S} on. */
    static double[] segmentStarts(double durationS) {
        int count = (int) Math.max(0, Math.floor((durationS - FIRST_SEGMENT_S) / SEGMENT_S));
        double[] starts = new double[count];
        for (int k = 0; k < count; k++) {
            starts[k] = FIRST_SEGMENT_S + k * SEGMENT_S;
        }
        return starts;
    }

    /** The score of one segment with {@code type}'s set pinned from the lead-in on. */
    private static double segment(CallPlan plan, double startS, NetworkType type, Bundle bundle) {
        Scenario base = plan.scenario();
        double leadInS = Math.min(LEAD_IN_S, startS);
        long offsetUs = (long) ((startS - leadInS) * 1e6);
        Scenario shifted = TraceScenarios.withOffset(base, offsetUs);
        long durationUs = (long) ((leadInS + SEGMENT_S) * 1e6);
        Scenario scenario = new Scenario(base.name(), base.family(), durationUs, shifted.link(), base.returnDelayUs(),
                base.returnLossRate(), base.feedbackIntervalUs(), base.media(), base.crossTraffic(),
                base.sourceSha256(), null, base.feedbackFormat());
        // The model runs too: a pinned set's early back-off acts on its congestion head.
        WeirEstimator estimator = WeirEstimator.pinned(settings(base), bundle, type);
        TimeSeries series = CallSimulator.run(scenario, "weir-pinned", estimator, plan.seed()).series();
        return SegmentScore.of(series, leadInS, leadInS + SEGMENT_S, base.media().fps());
    }

    /** The decider's type per segment (majority of rows) and, last, its number of switches. */
    static double[] decider(CallPlan plan, double[] starts, Bundle bundle) {
        Scenario scenario = plan.scenario();
        WeirEstimator estimator = new WeirEstimator(settings(scenario), bundle);
        TimeSeries series = CallSimulator.run(scenario, "weir", estimator, plan.seed()).series();
        String[] types = series.text("network_type");
        double[] time = series.column("time_s");
        double[] out = new double[starts.length + 1];
        for (int k = 0; k < starts.length; k++) {
            int[] counts = new int[TYPES.length];
            for (int r = 0; r < time.length; r++) {
                if (time[r] > starts[k] && time[r] <= starts[k] + SEGMENT_S) {
                    NetworkType type = NetworkType.byId(types[r]);
                    if (type != null) {
                        counts[type.ordinal()]++;
                    }
                }
            }
            int best = -1;
            for (int t = 0; t < counts.length; t++) {
                if (counts[t] > 0 && (best < 0 || counts[t] > counts[best])) {
                    best = t;
                }
            }
            out[k] = best;
        }
        int switches = 0;
        for (int r = 1; r < types.length; r++) {
            if (!types[r].equals(types[r - 1])) {
                switches++;
            }
        }
        out[starts.length] = switches;
        return out;
    }

    /** The plans of {@code calls} in the order {@link #run} returns their results. */
    static List<CallPlan> plans(DatasetRequest calls) {
        return DatasetGenerator.plan(calls, new ArrayList<>(), new ArrayList<>());
    }

    private static GccSettings settings(Scenario scenario) {
        return EstimatorRegistry.defaultGccSettings(scenario.media());
    }

    /**
     * The report: label counts per split, the best fixed set (chosen on non-test segments), and on
     * the test calls each policy's mean regret per segment (with a 95 % cluster-bootstrap interval),
     * the share of segments it chose the best type on and its switches per minute.
     */
    public static ObjectNode report(List<CallResult> calls, int replicates, long seed) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("definition", "segments of " + SEGMENT_S + " s from " + FIRST_SEGMENT_S + " s on, each re-simulated "
                + "with every type's parameter set pinned (" + LEAD_IN_S + " s lead-in, common random numbers) and "
                + "scored by the tuning objective on its rows (lower is better); label = best type; regret = the "
                + "policy's score minus the best, points per segment; decider = the bundle's rule on the model's "
                + "heads running the whole call");
        ObjectNode labels = root.putObject("labels");
        double[] nonTestSum = new double[TYPES.length];
        for (String split : Dataset.SPLITS) {
            int[] counts = new int[TYPES.length];
            for (CallResult call : calls) {
                if (!call.source().split().equals(split)) {
                    continue;
                }
                for (int k = 0; k < call.scores().length; k++) {
                    counts[call.best(k)]++;
                    if (!split.equals(SplitRule.TEST)) {
                        for (int t = 0; t < TYPES.length; t++) {
                            nonTestSum[t] += call.scores()[k][t];
                        }
                    }
                }
            }
            ObjectNode node = labels.putObject(split);
            for (NetworkType type : TYPES) {
                node.put(type.id(), counts[type.ordinal()]);
            }
        }
        int fixed = 0;
        for (int t = 1; t < TYPES.length; t++) {
            if (nonTestSum[t] < nonTestSum[fixed]) {
                fixed = t;
            }
        }
        root.put("best_fixed_set", TYPES[fixed].id());
        List<CallResult> test = calls.stream().filter(c -> c.source().split().equals(SplitRule.TEST)).toList();
        Map<String, Integer> groupIds = new LinkedHashMap<>();
        for (CallResult call : test) {
            groupIds.putIfAbsent(call.source().group(), groupIds.size());
        }
        Bootstrap bootstrap = Bootstrap.of(Math.max(1, groupIds.size()), replicates, seed);
        ObjectNode policies = root.putObject("test");
        int chosenFixed = fixed;
        policy(policies, "rule_based_decider", test, groupIds, bootstrap, CallResult::deciderTypeAt, true);
        policy(policies, "best_fixed_set", test, groupIds, bootstrap, (call, k) -> chosenFixed, false);
        for (NetworkType type : TYPES) {
            policy(policies, "fixed_" + type.id(), test, groupIds, bootstrap, (call, k) -> type.ordinal(), false);
        }
        ObjectNode oracle = policy(policies, "oracle", test, groupIds, bootstrap, CallResult::best, false);
        int switches = 0;
        double minutes = 0;
        for (CallResult call : test) {
            for (int k = 1; k < call.scores().length; k++) {
                switches += call.best(k) != call.best(k - 1) ? 1 : 0;
            }
            minutes += call.minutes();
        }
        oracle.put("switches_per_min", round(minutes > 0 ? switches / minutes : 0));
        return root;
    }

    interface Policy {
        int type(CallResult call, int segment);
    }

    static ObjectNode policy(ObjectNode into, String name, List<CallResult> calls, Map<String, Integer> groups,
                                     Bootstrap bootstrap, Policy policy, boolean switches) {
        ObjectNode node = into.putObject(name);
        double[] point = regret(calls, groups, null, policy);
        node.put("regret", round(point[0]));
        node.put("best_choice_share", round(point[1]));
        node.put("segments", (long) point[2]);
        double[] interval = bootstrap.interval(counts -> regret(calls, groups, counts, policy)[0]);
        ArrayNode ci = node.putArray("regret_ci95");
        ci.add(round(interval[0]));
        ci.add(round(interval[1]));
        if (switches) {
            node.put("switches_per_min", round(deciderSwitchesPerMin(calls)));
        } else if (!name.equals("oracle")) {
            node.put("switches_per_min", 0.0);
        }
        return node;
    }

    /** {mean regret, share of best choices, segments} with each call weighted by its group's count. */
    static double[] regret(List<CallResult> calls, Map<String, Integer> groups, int[] counts, Policy policy) {
        double sum = 0;
        double best = 0;
        double weight = 0;
        for (CallResult call : calls) {
            double w = counts == null ? 1 : counts[groups.get(call.source().group())];
            for (int k = 0; k < call.scores().length; k++) {
                int chosen = policy.type(call, k);
                int optimal = call.best(k);
                double score = chosen < 0 ? call.scores()[k][NetworkType.WIRED_STABLE.ordinal()] : call.scores()[k][chosen];
                sum += w * (score - call.scores()[k][optimal]);
                best += w * (chosen == optimal ? 1 : 0);
                weight += w;
            }
        }
        return new double[] {weight > 0 ? sum / weight : Double.NaN, weight > 0 ? best / weight : Double.NaN, weight};
    }

    /**
     * {@code dataset} with each decision step's network-type label set to the best type of the
     * segment it falls in, for the calls {@code calls} simulated (matched by trace, seed and
     * offset); steps outside every segment keep "none".
     */
    public static Dataset withTypeLabels(Dataset dataset, List<CallResult> calls) {
        Map<String, CallResult> byCall = new LinkedHashMap<>();
        for (CallResult call : calls) {
            byCall.put(key(call.source()), call);
        }
        Dataset.Builder b = Dataset.builder(dataset.schema(), dataset.baselineNames()).settings(dataset.settings());
        for (int s = 0; s < dataset.sources().size(); s++) {
            CallSteps steps = dataset.call(s);
            CallResult call = byCall.get(key(dataset.source(s)));
            for (int i = 0; i < steps.steps; i++) {
                steps.typeLabel[i] = Dataset.NO_LABEL;
                if (call == null || steps.decision[i] == 0) {
                    continue;
                }
                double timeS = steps.timeMs[i] / 1000.0;
                for (int k = 0; k < call.segmentStartsS().length; k++) {
                    if (timeS > call.segmentStartsS()[k] && timeS <= call.segmentStartsS()[k] + SEGMENT_S) {
                        steps.typeLabel[i] = (byte) call.best(k);
                    }
                }
            }
            b.addCall(dataset.source(s), steps);
        }
        return b.build();
    }

    private static String key(SampleSource source) {
        return source.trace() + "#" + source.seed() + "#" + source.offsetMs();
    }

    /** The decider's type switches per minute over {@code calls}. */
    static double deciderSwitchesPerMin(List<CallResult> calls) {
        int switches = 0;
        double minutes = 0;
        for (CallResult call : calls) {
            switches += call.deciderSwitches();
            minutes += call.minutes();
        }
        return minutes > 0 ? switches / minutes : 0;
    }

    /** {@code value} to 6 decimals, as the reports write it. */
    static double round(double value) {
        return Double.isFinite(value) ? Math.round(value * 1e6) / 1e6 : value;
    }

    /** The bundle a study runs: the given sets and decision settings with {@code model}. */
    public static Bundle bundle(Bundle sets, ModelArtifact model) {
        return sets.with(sets.id() + "+" + (model == null ? "no-model" : model.sha256()), sets.decision(), model);
    }
}
