package dev.weir.models.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled signal sequences of simulated calls for the streaming classifier: per call every
 * signal step, in time order, as {@code dev.weir.bwe.model.ModelInput} delivers it at run time
 * (the step's raw row of time-series features in {@link FeatureSchema} order; at a decision step,
 * one whose dense windows were full when the step was delivered, the raw dense vector), the labels
 * of the decision steps from the simulator's ground truth, and the rule baselines' scores at the
 * same moments.
 *
 * <p>Per step (arrays indexed by global step; a call's steps are {@link #sourceStart}..{@link
 * #sourceEnd}):
 * <ul>
 *   <li>{@code decision}: 1 when the model decides at this step (dense vector valid), else 0;
 *   <li>{@code time_ms}: end of the step, call time;
 *   <li>{@code loss_class} ({@link #TASK_LOSS_ATTRIBUTION}): over the media drops reported in the
 *       loss look-back, {@link #LOSS_PURE_RANDOM} when none overflowed the queue,
 *       {@link #LOSS_CONGESTION} when all did, {@link #LOSS_MIXED} otherwise; {@link #NO_LABEL}
 *       without drops;
 *   <li>{@code congestion} ({@link #TASK_CONGESTION}): 1 when a packet sent within the horizon
 *       overflows the queue or queues longer than the threshold, with {@code lead_time_s} to the
 *       first such packet (-1 when none) and its {@code cause} ({@link #CAUSE_NAMES});
 *   <li>{@code gate}: 1 when the observable proxy says "not congested now" (the onset task's
 *       windows), 0 otherwise (the detection task's); {@code congested_now}: the ground truth of
 *       the same question;
 *   <li>{@code type_label}: the network type whose parameter set scored best on the segment the
 *       step belongs to ({@link #NO_LABEL} when the dataset was not labelled by outcome);
 *   <li>{@code random_loss_share}: the share of the media packets sent within the FEC horizon that
 *       the network dropped for a non-congestive cause (random or burst loss, not queue overflow),
 *       NaN when the horizon passes the call's end or holds no media packet; its
 *       {@link FecHeads#rateClass} is the {@link #TASK_RANDOM_LOSS_RATE} label;
 *   <li>{@code mean_burst_packets}: the mean length of the runs of consecutive non-congestive drops
 *       among those media packets, in send order (runs cut at the horizon's edges count their part
 *       inside), NaN with fewer than {@link FecHeads#MIN_DROPS_FOR_BURST} such drops; its
 *       {@link FecHeads#burstClass} is the {@link #TASK_LOSS_BURST} label. The classes are derived
 *       here, not stored, so FecHeads is their one definition and evaluation has the values;
 *   <li>{@code baselines}: one score per baseline column, NaN when the baseline has nothing to say.
 * </ul>
 *
 * <p>Files are weir containers ({@link DatasetFile} has the layout); same content, same bytes.
 * Build with {@link #builder}; the built dataset is immutable and thread-safe.
 */
public final class Dataset {
    public static final byte NO_LABEL = -1;
    /** Pseudo-split naming every call. */
    public static final String ALL_SPLITS = "all";
    /** The splits a source can belong to. */
    public static final List<String> SPLITS = List.of("train", "validation", "test");
    /** Loss attribution: pure random / mixed / congestion loss in the look-back. */
    public static final String TASK_LOSS_ATTRIBUTION = "loss_attribution";
    /** Congestion within the horizon: no / yes. */
    public static final String TASK_CONGESTION = "congestion";
    /** The network type whose parameter set scored best on the step's segment. */
    public static final String TASK_NETWORK_TYPE = "network_type";
    /** Non-congestive loss share of the media packets within the FEC horizon, binned ({@link FecHeads#RATE_CLASSES}). */
    public static final String TASK_RANDOM_LOSS_RATE = FecHeads.RATE_HEAD;
    /** Isolated or bursty non-congestive losses within the FEC horizon ({@link FecHeads#BURST_CLASSES}). */
    public static final String TASK_LOSS_BURST = FecHeads.BURST_HEAD;
    /** Every task {@link #label} answers. */
    public static final List<String> TASKS = List.of(TASK_LOSS_ATTRIBUTION, TASK_CONGESTION, TASK_NETWORK_TYPE,
            TASK_RANDOM_LOSS_RATE, TASK_LOSS_BURST);
    public static final List<String> LOSS_CLASSES = List.of("pure_random", "mixed", "congestion");
    public static final int LOSS_PURE_RANDOM = 0;
    public static final int LOSS_MIXED = 1;
    public static final int LOSS_CONGESTION = 2;
    public static final List<String> CONGESTION_CLASSES = List.of("no", "yes");
    /** Causes of a congestion event, by {@code cause} value. */
    public static final List<String> CAUSE_NAMES = List.of("exogenous", "self_induced", "stable");
    public static final int CAUSE_EXOGENOUS = 0;
    public static final int CAUSE_SELF_INDUCED = 1;
    public static final int CAUSE_STABLE = 2;
    /** Network types by {@code type_label} value ({@code dev.weir.steer.NetworkType} ids in ordinal order). */
    public static final List<String> TYPE_CLASSES = List.of("wired_stable", "congestion_prone", "random_loss",
            "cellular_variable");
    /** Cap on baseline columns. */
    public static final int MAX_BASELINES = 64;

    private final FeatureSchema schema;
    private final int tsFeatures;
    private final int denseInputs;
    private final List<String> baselineNames;
    private final List<SampleSource> sources;
    private final long[] sourceStart;
    private final ObjectNode settings;
    private final int steps;
    final float[] ts;
    final float[] dense;
    final byte[] decision;
    final int[] timeMs;
    final byte[] lossClass;
    final byte[] congestion;
    final float[] leadTimeS;
    final byte[] gate;
    final byte[] cause;
    final byte[] congestedNow;
    final byte[] typeLabel;
    final float[] randomLossShare;
    final float[] meanBurstPackets;
    final float[] baselines;
    /**
     * The container digest: from the file's trailer, or computed on first use (the same value,
     * except for a dataset read from a version 3 file, which keeps the digest of the file read).
     */
    private volatile String digest;

    /**
     * Adopts the builder's arrays when they are exactly {@code steps} long (a reader allocates them
     * so, and a dataset read is held once), else keeps trimmed copies. A builder must not be used
     * after {@link Builder#build}.
     */
    Dataset(Builder b, String readDigest) {
        this.schema = b.schema;
        this.tsFeatures = schema.tsFeatures().size();
        this.denseInputs = schema.denseInputCount();
        this.baselineNames = List.copyOf(b.baselineNames);
        this.sources = List.copyOf(b.sources);
        this.settings = b.settings.deepCopy();
        this.steps = b.size;
        this.sourceStart = new long[sources.size() + 1];
        for (int s = 0; s < sources.size(); s++) {
            sourceStart[s + 1] = sourceStart[s] + sources.get(s).steps();
        }
        int n = steps;
        int columns = baselineNames.size();
        this.ts = fit(b.ts, n * tsFeatures);
        this.dense = fit(b.dense, n * denseInputs);
        this.decision = fit(b.decision, n);
        this.timeMs = fit(b.timeMs, n);
        this.lossClass = fit(b.lossClass, n);
        this.congestion = fit(b.congestion, n);
        this.leadTimeS = fit(b.leadTimeS, n);
        this.gate = fit(b.gate, n);
        this.cause = fit(b.cause, n);
        this.congestedNow = fit(b.congestedNow, n);
        this.typeLabel = fit(b.typeLabel, n);
        this.randomLossShare = fit(b.randomLossShare, n);
        this.meanBurstPackets = fit(b.meanBurstPackets, n);
        this.baselines = fit(b.baselines, n * columns);
        this.digest = readDigest;
    }

    /** {@code values} itself when exactly {@code length} long (a reader's arrays), else a trimmed copy. */
    private static float[] fit(float[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    private static byte[] fit(byte[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    private static int[] fit(int[] values, int length) {
        return values.length == length ? values : Arrays.copyOf(values, length);
    }

    /** A builder for calls of {@code schema} with one score column per baseline name. */
    public static Builder builder(FeatureSchema schema, List<String> baselineNames) {
        return new Builder(schema, baselineNames);
    }

    /** Reads and verifies a dataset file ({@link DatasetFile#read}). */
    public static Dataset read(Path file) {
        return DatasetFile.read(file);
    }

    /** Writes the dataset atomically; the same content gives the same bytes ({@link DatasetFile#write}). */
    public void write(Path file) throws IOException {
        DatasetFile.write(this, file);
    }

    /** Steps of every call together. */
    public int steps() {
        return steps;
    }

    /** The inputs' definition, with the digest a model trained on these steps records. */
    public FeatureSchema schema() {
        return schema;
    }

    public int tsFeatures() {
        return tsFeatures;
    }

    /** Length of a step's dense vector (the schema's dense inputs). */
    public int denseInputs() {
        return denseInputs;
    }

    public List<String> tsFeatureNames() {
        return schema.tsFeatureNames();
    }

    /** Names of the dense inputs, e.g. {@code w10_rtt_min_ms}. */
    public List<String> denseInputNames() {
        return schema.denseInputNames();
    }

    public List<String> baselineNames() {
        return baselineNames;
    }

    /** Index of baseline column {@code name}, or -1. */
    public int baselineIndex(String name) {
        return baselineNames.indexOf(name);
    }

    public List<SampleSource> sources() {
        return sources;
    }

    public SampleSource source(int s) {
        return sources.get(s);
    }

    /** First global step of call {@code s}. */
    public int sourceStart(int s) {
        return (int) sourceStart[s];
    }

    /** One past the last global step of call {@code s}. */
    public int sourceEnd(int s) {
        return (int) sourceStart[s + 1];
    }

    /** Generation settings recorded with the data (free-form, e.g. label thresholds, seeds). */
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /**
     * The dataset's identity in model provenance: the SHA-256 of its file content, the container's
     * trailer. Two datasets with the same steps but another split differ here. A dataset read from
     * an older format's file keeps that file's digest (the file a model was trained on), though
     * writing it gives a file of the current format and another digest.
     */
    public String digest() {
        String value = digest;
        if (value == null) {
            value = DatasetFile.digest(this); // deterministic: a race computes the same value twice
            digest = value;
        }
        return value;
    }

    /** Copies step {@code i}'s raw time-series row into {@code out} at {@code offset}. */
    public void tsRow(int i, float[] out, int offset) {
        System.arraycopy(ts, i * tsFeatures, out, offset, tsFeatures);
    }

    /** Raw time-series value of step {@code i}. */
    public float tsValue(int i, int feature) {
        return ts[i * tsFeatures + feature];
    }

    /** Copies step {@code i}'s raw dense vector into {@code out} at {@code offset}. */
    public void denseRow(int i, float[] out, int offset) {
        System.arraycopy(dense, i * denseInputs, out, offset, denseInputs);
    }

    public float denseValue(int i, int input) {
        return dense[i * denseInputs + input];
    }

    /** Whether the model decides at step {@code i}. */
    public boolean isDecision(int i) {
        return decision[i] == 1;
    }

    /** Call time at the end of step {@code i}, milliseconds. */
    public int timeMs(int i) {
        return timeMs[i];
    }

    /** Label of {@code task} at step {@code i} ({@link #NO_LABEL} when it does not apply). */
    public int label(String task, int i) {
        return switch (task) {
            case TASK_LOSS_ATTRIBUTION -> lossClass[i];
            case TASK_CONGESTION -> congestion[i];
            case TASK_NETWORK_TYPE -> typeLabel[i];
            case TASK_RANDOM_LOSS_RATE -> randomLossRateLabel(randomLossShare[i]);
            case TASK_LOSS_BURST -> lossBurstLabel(meanBurstPackets[i]);
            default -> throw new IllegalArgumentException("unknown task '" + task + "'; known: " + TASKS);
        };
    }

    /** The {@link #TASK_RANDOM_LOSS_RATE} label of a random loss share: its rate class, {@link #NO_LABEL} for NaN. */
    public static int randomLossRateLabel(float share) {
        return Float.isNaN(share) ? NO_LABEL : FecHeads.rateClass(share);
    }

    /** The {@link #TASK_LOSS_BURST} label of a mean burst length: its burst class, {@link #NO_LABEL} for NaN. */
    public static int lossBurstLabel(float meanBurstPackets) {
        return Float.isNaN(meanBurstPackets) ? NO_LABEL : FecHeads.burstClass(meanBurstPackets);
    }

    /**
     * Ground truth of {@link #TASK_RANDOM_LOSS_RATE} at step {@code i}: the non-congestive loss
     * share of the media packets sent within the FEC horizon, in [0, 1], or NaN (no label).
     */
    public float randomLossShare(int i) {
        return randomLossShare[i];
    }

    /**
     * Ground truth of {@link #TASK_LOSS_BURST} at step {@code i}: the mean run of consecutive
     * non-congestive media drops within the FEC horizon, packets (>= 1), or NaN (no label).
     */
    public float meanBurstPackets(int i) {
        return meanBurstPackets[i];
    }

    /** Seconds from step {@code i} to the congestion event in its horizon, or -1. */
    public float leadTimeS(int i) {
        return leadTimeS[i];
    }

    /** Whether the observable proxy calls step {@code i} "not congested now" (an onset window). */
    public boolean gate(int i) {
        return gate[i] == 1;
    }

    /** Cause of the congestion event ahead of step {@code i} ({@link #CAUSE_NAMES}), or {@link #NO_LABEL}. */
    public int cause(int i) {
        return cause[i];
    }

    /** Ground truth: a packet sent in the second before step {@code i}'s end overflowed or queued past the threshold. */
    public boolean congestedNow(int i) {
        return congestedNow[i] == 1;
    }

    /** Baseline {@code b}'s score at step {@code i}, NaN when it had nothing to say. */
    public float baselineScore(int b, int i) {
        return baselines[i * baselineNames.size() + b];
    }

    /** Indices of the calls in {@code split} ({@link #ALL_SPLITS} for every call), in order. */
    public int[] sourcesOfSplit(String split) {
        int[] out = new int[sources.size()];
        int n = 0;
        for (int s = 0; s < sources.size(); s++) {
            if (ALL_SPLITS.equals(split) || sources.get(s).split().equals(split)) {
                out[n++] = s;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Decision steps of the calls in {@code split}, in order. */
    public int[] decisionsOfSplit(String split) {
        int count = 0;
        int[] calls = sourcesOfSplit(split);
        for (int s : calls) {
            for (int i = sourceStart(s); i < sourceEnd(s); i++) {
                count += decision[i];
            }
        }
        int[] out = new int[count];
        int n = 0;
        for (int s : calls) {
            for (int i = sourceStart(s); i < sourceEnd(s); i++) {
                if (decision[i] == 1) {
                    out[n++] = i;
                }
            }
        }
        return out;
    }

    /** Index of the call step {@code i} belongs to. */
    public int sourceOfStep(int i) {
        int index = Arrays.binarySearch(sourceStart, i);
        if (index >= 0) {
            // i starts call `index`, unless calls before it are empty (equal starts): take the last.
            while (index + 1 < sourceStart.length - 1 && sourceStart[index + 1] == i) {
                index++;
            }
            return index;
        }
        return -index - 2;
    }

    /** Accumulates calls; not thread-safe. */
    public static final class Builder {
        final FeatureSchema schema;
        final int tsFeatures;
        final int denseInputs;
        final List<String> baselineNames;
        final List<SampleSource> sources = new ArrayList<>();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        int size;
        float[] ts = new float[0];
        float[] dense = new float[0];
        byte[] decision = new byte[0];
        int[] timeMs = new int[0];
        byte[] lossClass = new byte[0];
        byte[] congestion = new byte[0];
        float[] leadTimeS = new float[0];
        byte[] gate = new byte[0];
        byte[] cause = new byte[0];
        byte[] congestedNow = new byte[0];
        byte[] typeLabel = new byte[0];
        float[] randomLossShare = new float[0];
        float[] meanBurstPackets = new float[0];
        float[] baselines = new float[0];

        /** @throws dev.weir.bwe.config.InvalidSettingsException for an invalid schema */
        Builder(FeatureSchema schema, List<String> baselineNames) {
            this.schema = FeatureSchema.custom(schema);
            if (baselineNames.size() > MAX_BASELINES) {
                throw new IllegalArgumentException(baselineNames.size() + " baselines: at most " + MAX_BASELINES);
            }
            this.tsFeatures = schema.tsFeatures().size();
            this.denseInputs = schema.denseInputCount();
            this.baselineNames = List.copyOf(baselineNames);
        }

        /** Records generation settings (label thresholds, seeds, inputs) with the data. */
        public Builder settings(ObjectNode value) {
            settings = value.deepCopy();
            return this;
        }

        /**
         * Appends a call: its source (the step count is taken from {@code call}) and its steps.
         *
         * @throws IllegalArgumentException when the call's shapes do not fit the dataset or a label
         *     is out of range
         */
        public Builder addCall(SampleSource source, CallSteps call) {
            if (call.tsFeatures != tsFeatures || call.denseInputs != denseInputs
                    || call.baselines != baselineNames.size()) {
                throw new IllegalArgumentException("call of " + call.tsFeatures + "/" + call.denseInputs + "/"
                        + call.baselines + " features/dense inputs/baselines for a dataset of " + tsFeatures + "/"
                        + denseInputs + "/" + baselineNames.size());
            }
            for (int i = 0; i < call.steps; i++) {
                check("loss_class", call.lossClass[i], LOSS_CLASSES.size());
                check("congestion", call.congestion[i], CONGESTION_CLASSES.size());
                check("cause", call.cause[i], CAUSE_NAMES.size());
                check("type_label", call.typeLabel[i], TYPE_CLASSES.size());
                checkFecTruth(call.randomLossShare[i], call.meanBurstPackets[i]);
            }
            sources.add(source.withSteps(call.steps));
            ensure(size + call.steps);
            System.arraycopy(call.ts, 0, ts, size * tsFeatures, call.steps * tsFeatures);
            System.arraycopy(call.dense, 0, dense, size * denseInputs, call.steps * denseInputs);
            System.arraycopy(call.decision, 0, decision, size, call.steps);
            System.arraycopy(call.timeMs, 0, timeMs, size, call.steps);
            System.arraycopy(call.lossClass, 0, lossClass, size, call.steps);
            System.arraycopy(call.congestion, 0, congestion, size, call.steps);
            System.arraycopy(call.leadTimeS, 0, leadTimeS, size, call.steps);
            System.arraycopy(call.gate, 0, gate, size, call.steps);
            System.arraycopy(call.cause, 0, cause, size, call.steps);
            System.arraycopy(call.congestedNow, 0, congestedNow, size, call.steps);
            System.arraycopy(call.typeLabel, 0, typeLabel, size, call.steps);
            System.arraycopy(call.randomLossShare, 0, randomLossShare, size, call.steps);
            System.arraycopy(call.meanBurstPackets, 0, meanBurstPackets, size, call.steps);
            System.arraycopy(call.baselineScores, 0, baselines, size * baselineNames.size(),
                    call.steps * baselineNames.size());
            size += call.steps;
            return this;
        }

        /** Appends every call of {@code other} (same schema and baselines). */
        public Builder addAll(Dataset other) {
            if (!other.schema.equals(schema) || !other.baselineNames.equals(baselineNames)) {
                throw new IllegalArgumentException("datasets differ in feature schema (" + other.schema.digest()
                        + " vs " + schema.digest() + ") or baselines");
            }
            for (int s = 0; s < other.sources.size(); s++) {
                addCall(other.sources.get(s), other.call(s));
            }
            return this;
        }

        public int size() {
            return size;
        }

        public Dataset build() {
            return new Dataset(this, null);
        }

        private static void check(String field, byte label, int classes) {
            if (label < NO_LABEL || label >= classes) {
                throw new IllegalArgumentException(field + " label " + label + " outside [-1, " + (classes - 1) + "]");
            }
        }

        private static void checkFecTruth(float share, float meanRun) {
            String problem = fecTruthProblem(share, meanRun);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }

        void ensure(int capacity) {
            if (decision.length >= capacity) {
                return;
            }
            int n = Math.max(capacity, decision.length * 2 + 1024);
            ts = Arrays.copyOf(ts, n * tsFeatures);
            dense = Arrays.copyOf(dense, n * denseInputs);
            decision = Arrays.copyOf(decision, n);
            timeMs = Arrays.copyOf(timeMs, n);
            lossClass = Arrays.copyOf(lossClass, n);
            congestion = Arrays.copyOf(congestion, n);
            leadTimeS = Arrays.copyOf(leadTimeS, n);
            gate = Arrays.copyOf(gate, n);
            cause = Arrays.copyOf(cause, n);
            congestedNow = Arrays.copyOf(congestedNow, n);
            typeLabel = Arrays.copyOf(typeLabel, n);
            randomLossShare = Arrays.copyOf(randomLossShare, n);
            meanBurstPackets = Arrays.copyOf(meanBurstPackets, n);
            baselines = Arrays.copyOf(baselines, n * baselineNames.size());
        }
    }

    /**
     * This dataset with each call's split replaced by {@code split.apply(source)} (steps shared,
     * not copied): a grouped cross-validation fold as the validation split, for instance.
     */
    public Dataset resplit(java.util.function.Function<SampleSource, String> split) {
        Builder b = new Builder(schema, baselineNames);
        for (SampleSource source : sources) {
            String value = split.apply(source);
            b.sources.add(new SampleSource(source.scenario(), source.family(), source.trace(), source.group(),
                    source.seed(), value, source.driver(), source.offsetMs(), source.steps()));
        }
        b.settings = settings.deepCopy();
        b.size = steps;
        b.ts = ts;
        b.dense = dense;
        b.decision = decision;
        b.timeMs = timeMs;
        b.lossClass = lossClass;
        b.congestion = congestion;
        b.leadTimeS = leadTimeS;
        b.gate = gate;
        b.cause = cause;
        b.congestedNow = congestedNow;
        b.typeLabel = typeLabel;
        b.randomLossShare = randomLossShare;
        b.meanBurstPackets = meanBurstPackets;
        b.baselines = baselines;
        return new Dataset(b, null);
    }

    /**
     * This dataset with the congestion label narrowed to {@code horizonS} (at most the dataset's
     * own horizon): a positive whose lead time exceeds it becomes negative, and its cause goes. The
     * validation experiment behind the horizon's choice (1 s against 2 s) trains on it.
     */
    public Dataset withCongestionHorizon(double horizonS) {
        Builder b = Dataset.builder(schema, baselineNames).settings(settings.deepCopy()
                .put("congestion_horizon_s_narrowed_to", horizonS));
        for (int s = 0; s < sources.size(); s++) {
            CallSteps call = call(s);
            for (int i = 0; i < call.steps; i++) {
                if (call.congestion[i] == 1 && call.leadTimeS[i] > horizonS) {
                    call.congestion[i] = 0;
                    call.leadTimeS[i] = -1f;
                    call.cause[i] = NO_LABEL;
                }
            }
            b.addCall(sources.get(s), call);
        }
        return b.build();
    }

    /** A copy of call {@code s}'s steps. */
    public CallSteps call(int s) {
        int from = sourceStart(s);
        int n = sourceEnd(s) - from;
        int b = baselineNames.size();
        CallSteps call = new CallSteps(n, tsFeatures, denseInputs, b);
        System.arraycopy(ts, from * tsFeatures, call.ts, 0, n * tsFeatures);
        System.arraycopy(dense, from * denseInputs, call.dense, 0, n * denseInputs);
        System.arraycopy(decision, from, call.decision, 0, n);
        System.arraycopy(timeMs, from, call.timeMs, 0, n);
        System.arraycopy(lossClass, from, call.lossClass, 0, n);
        System.arraycopy(congestion, from, call.congestion, 0, n);
        System.arraycopy(leadTimeS, from, call.leadTimeS, 0, n);
        System.arraycopy(gate, from, call.gate, 0, n);
        System.arraycopy(cause, from, call.cause, 0, n);
        System.arraycopy(congestedNow, from, call.congestedNow, 0, n);
        System.arraycopy(typeLabel, from, call.typeLabel, 0, n);
        System.arraycopy(randomLossShare, from, call.randomLossShare, 0, n);
        System.arraycopy(meanBurstPackets, from, call.meanBurstPackets, 0, n);
        System.arraycopy(baselines, from * b, call.baselineScores, 0, n * b);
        return call;
    }

    /**
     * What is wrong with a step's FEC ground truth, or null: the share is NaN or in [0, 1]; the mean
     * run is NaN or at least one packet, and only beside a share (a burst label needs drops).
     */
    static String fecTruthProblem(float share, float meanRun) {
        if (!(Float.isNaN(share) || share >= 0 && share <= 1)) {
            return "random_loss_share " + share + " outside NaN (none) or [0, 1]";
        }
        if (!(Float.isNaN(meanRun) || meanRun >= 1 && !Float.isInfinite(meanRun) && !Float.isNaN(share))) {
            return "mean_burst_packets " + meanRun + " outside NaN (none) or a finite run >= 1 beside a share";
        }
        return null;
    }
}
