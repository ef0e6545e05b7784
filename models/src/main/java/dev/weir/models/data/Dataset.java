package dev.weir.models.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.signal.FeatureSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Labelled windows of call signals for the classifier: per sample a raw (unnormalised) model input
 * laid out by the dataset's {@link FeatureSchema} (time-series window {@code [tsSteps][tsFeatures]}
 * row-major, oldest step first, then the dense vector), exactly as
 * {@code dev.weir.bwe.model.ModelInput} fills it at run time; the labels from the simulator's
 * ground truth; and each rule baseline's verdict at the same moment.
 *
 * <p>Labels are bytes: {@link #NO_LABEL} (-1) where a task does not apply (e.g. no loss to
 * characterise), else the class index. Loss type: 0 random, 1 congestion. Congestion ahead: 0 no,
 * 1 yes. Lead time is seconds from the sample to the first queue overflow (or queueing delay over
 * the threshold) in the horizon, or -1.
 *
 * <p>Files are weir containers ({@link DatasetFile} has the layout); same content, same bytes.
 * Build with {@link #builder}; the built dataset is immutable and thread-safe.
 */
public final class Dataset {
    public static final byte NO_LABEL = -1;
    /** Pseudo-split naming every sample (e.g. a dataset of calls a model never saw). */
    public static final String ALL_SPLITS = "all";
    public static final String TASK_LOSS_TYPE = "loss_type";
    public static final String TASK_CONGESTION = "congestion";
    /** The production-style congestion labelling (RTT spike then loss or further growth). */
    public static final String TASK_CONGESTION_RULE = "congestion_rule";
    /** The splits a source can belong to. */
    public static final List<String> SPLITS = List.of("train", "validation", "test");
    /** Cap on baseline columns. */
    public static final int MAX_BASELINES = 64;

    private final FeatureSchema schema;
    private final int tsSteps;
    private final int tsFeatures;
    private final int denseFeatures;
    private final List<String> baselineNames;
    private final List<SampleSource> sources;
    private final ObjectNode settings;
    private final int size;
    final float[] ts;
    final float[] dense;
    final byte[] lossType;
    final byte[] congestion;
    final byte[] congestionRule;
    final float[] leadTimeS;
    final int[] sourceIndex;
    final int[] timeMs;
    final byte[] baselineVerdicts;
    /** The container digest: from the file's trailer, or computed on first use (same value either way). */
    private volatile String digest;

    /**
     * With {@code readDigest} (the digest a file's trailer verified), the builder's arrays (exactly
     * {@code size} samples long, owned by the reader) are kept as they are: a read dataset is held
     * once. Otherwise they are trimmed copies and the digest is computed when first asked for.
     */
    Dataset(Builder b, int size, String readDigest) {
        this.schema = b.schema;
        this.tsSteps = schema.tsSteps();
        this.tsFeatures = schema.tsFeatures().size();
        this.denseFeatures = schema.denseInputCount();
        this.baselineNames = List.copyOf(b.baselineNames);
        this.sources = List.copyOf(b.sources);
        this.settings = b.settings.deepCopy();
        this.size = size;
        boolean adopt = readDigest != null && b.lossType.length == size;
        this.ts = adopt ? b.ts : Arrays.copyOf(b.ts, size * tsSteps * tsFeatures);
        this.dense = adopt ? b.dense : Arrays.copyOf(b.dense, size * denseFeatures);
        this.lossType = adopt ? b.lossType : Arrays.copyOf(b.lossType, size);
        this.congestion = adopt ? b.congestion : Arrays.copyOf(b.congestion, size);
        this.congestionRule = adopt ? b.congestionRule : Arrays.copyOf(b.congestionRule, size);
        this.leadTimeS = adopt ? b.leadTimeS : Arrays.copyOf(b.leadTimeS, size);
        this.sourceIndex = adopt ? b.sourceIndex : Arrays.copyOf(b.sourceIndex, size);
        this.timeMs = adopt ? b.timeMs : Arrays.copyOf(b.timeMs, size);
        this.baselineVerdicts = adopt ? b.baselineVerdicts
                : Arrays.copyOf(b.baselineVerdicts, size * baselineNames.size());
        this.digest = readDigest;
    }

    /** A builder for samples of {@code schema} with one verdict column per baseline name. */
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

    public int size() {
        return size;
    }

    /** The inputs' definition, with the digest a model trained on these samples records. */
    public FeatureSchema schema() {
        return schema;
    }

    public int tsSteps() {
        return tsSteps;
    }

    public int tsFeatures() {
        return tsFeatures;
    }

    /** Length of a sample's dense vector (the schema's dense inputs). */
    public int denseFeatures() {
        return denseFeatures;
    }

    public List<String> tsFeatureNames() {
        return schema.tsFeatureNames();
    }

    /** Names of the dense inputs, e.g. {@code w10_rtt_min_ms}. */
    public List<String> denseFeatureNames() {
        return schema.denseInputNames();
    }

    public List<String> baselineNames() {
        return baselineNames;
    }

    public List<SampleSource> sources() {
        return sources;
    }

    /** Generation settings recorded with the data (free-form, e.g. label thresholds, seeds). */
    public ObjectNode settings() {
        return settings.deepCopy();
    }

    /**
     * The dataset's identity in model provenance: the SHA-256 of its file content (header with
     * schema, names, sources and their splits, settings; every sample), the container's trailer.
     * Two datasets with the same samples but another split differ here.
     */
    public String digest() {
        String value = digest;
        if (value == null) {
            value = DatasetFile.digest(this); // deterministic: a race computes the same value twice
            digest = value;
        }
        return value;
    }

    /** Copies sample {@code i}'s raw window, row-major [tsSteps][tsFeatures], into {@code out}. */
    public void tsWindow(int i, float[] out) {
        System.arraycopy(ts, i * tsSteps * tsFeatures, out, 0, tsSteps * tsFeatures);
    }

    /** Raw time-series value of sample {@code i} at {@code step} (0 = oldest) and {@code feature}. */
    public float tsValue(int i, int step, int feature) {
        return ts[(i * tsSteps + step) * tsFeatures + feature];
    }

    /** Copies sample {@code i}'s raw dense features into {@code out}. */
    public void denseFeatures(int i, float[] out) {
        System.arraycopy(dense, i * denseFeatures, out, 0, denseFeatures);
    }

    public float denseValue(int i, int feature) {
        return dense[i * denseFeatures + feature];
    }

    /** Label of {@code task} ({@link #TASK_LOSS_TYPE}, {@link #TASK_CONGESTION}, {@link #TASK_CONGESTION_RULE}). */
    public int label(String task, int i) {
        return switch (task) {
            case TASK_LOSS_TYPE -> lossType[i];
            case TASK_CONGESTION -> congestion[i];
            case TASK_CONGESTION_RULE -> congestionRule[i];
            default -> throw new IllegalArgumentException("unknown task '" + task + "'; known: "
                    + List.of(TASK_LOSS_TYPE, TASK_CONGESTION, TASK_CONGESTION_RULE));
        };
    }

    /** Seconds from sample {@code i} to the congestion event ahead, or -1. */
    public float leadTimeS(int i) {
        return leadTimeS[i];
    }

    public SampleSource source(int i) {
        return sources.get(sourceIndex[i]);
    }

    public int sourceIndex(int i) {
        return sourceIndex[i];
    }

    /** Call time of sample {@code i}, milliseconds. */
    public int timeMs(int i) {
        return timeMs[i];
    }

    /** Baseline {@code b}'s verdict for sample {@code i}: -1 none, else a class index of the task it serves. */
    public int baselineVerdict(int b, int i) {
        return baselineVerdicts[i * baselineNames.size() + b];
    }

    /** Indices of the samples in {@code split} ({@link #ALL_SPLITS} for every sample), in order. */
    public int[] indicesOfSplit(String split) {
        int[] out = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (ALL_SPLITS.equals(split) || sources.get(sourceIndex[i]).split().equals(split)) {
                out[n++] = i;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Accumulates samples; not thread-safe. Sources are added first, samples refer to them by index. */
    public static final class Builder {
        final FeatureSchema schema;
        final int tsValues;
        final int denseFeatures;
        final List<String> baselineNames;
        final List<SampleSource> sources = new ArrayList<>();
        ObjectNode settings = JsonNodeFactory.instance.objectNode();
        int size;
        float[] ts = new float[0];
        float[] dense = new float[0];
        byte[] lossType = new byte[0];
        byte[] congestion = new byte[0];
        byte[] congestionRule = new byte[0];
        float[] leadTimeS = new float[0];
        int[] sourceIndex = new int[0];
        int[] timeMs = new int[0];
        byte[] baselineVerdicts = new byte[0];

        /** @throws dev.weir.bwe.config.InvalidSettingsException for an invalid schema */
        Builder(FeatureSchema schema, List<String> baselineNames) {
            this.schema = FeatureSchema.custom(schema);
            if (baselineNames.size() > MAX_BASELINES) {
                throw new IllegalArgumentException(baselineNames.size() + " baselines: at most " + MAX_BASELINES);
            }
            this.tsValues = schema.tsValues();
            this.denseFeatures = schema.denseInputCount();
            this.baselineNames = List.copyOf(baselineNames);
        }

        /** Records generation settings (label thresholds, seeds, inputs) with the data. */
        public Builder settings(ObjectNode value) {
            settings = value.deepCopy();
            return this;
        }

        /** Adds a source and returns its index for {@link #add}. */
        public int addSource(SampleSource source) {
            sources.add(source);
            return sources.size() - 1;
        }

        /**
         * Appends one sample. Arrays are copied; {@code baselineVerdicts} has one entry per
         * baseline name (-1 none).
         */
        public Builder add(int source, int timeMsValue, float[] tsWindow, float[] denseValues, int lossTypeLabel,
                           int congestionLabel, int congestionRuleLabel, float leadTime, byte[] verdicts) {
            if (source < 0 || source >= sources.size()) {
                throw new IllegalArgumentException("unknown source " + source);
            }
            checkLabel("loss_type", lossTypeLabel);
            checkLabel("congestion", congestionLabel);
            checkLabel("congestion_rule", congestionRuleLabel);
            if (verdicts.length != baselineNames.size()) {
                throw new IllegalArgumentException(verdicts.length + " baseline verdicts for " + baselineNames.size()
                        + " baselines");
            }
            ensure(size + 1);
            System.arraycopy(tsWindow, 0, ts, size * tsValues, tsValues);
            System.arraycopy(denseValues, 0, dense, size * denseFeatures, denseFeatures);
            lossType[size] = (byte) lossTypeLabel;
            congestion[size] = (byte) congestionLabel;
            congestionRule[size] = (byte) congestionRuleLabel;
            leadTimeS[size] = leadTime;
            sourceIndex[size] = source;
            timeMs[size] = timeMsValue;
            System.arraycopy(verdicts, 0, baselineVerdicts, size * baselineNames.size(), baselineNames.size());
            size++;
            return this;
        }

        /** Appends every sample of {@code other} (same schema and baselines), remapping its sources. */
        public Builder addAll(Dataset other) {
            if (!other.schema.equals(schema) || !other.baselineNames.equals(baselineNames)) {
                throw new IllegalArgumentException("datasets differ in feature schema (" + other.schema.digest()
                        + " vs " + schema.digest() + ") or baselines");
            }
            int offset = sources.size();
            sources.addAll(other.sources);
            float[] window = new float[tsValues];
            float[] denseRow = new float[denseFeatures];
            byte[] verdicts = new byte[baselineNames.size()];
            for (int i = 0; i < other.size; i++) {
                other.tsWindow(i, window);
                other.denseFeatures(i, denseRow);
                for (int b = 0; b < verdicts.length; b++) {
                    verdicts[b] = (byte) other.baselineVerdict(b, i);
                }
                add(offset + other.sourceIndex[i], other.timeMs[i], window, denseRow, other.lossType[i],
                        other.congestion[i], other.congestionRule[i], other.leadTimeS[i], verdicts);
            }
            return this;
        }

        public int size() {
            return size;
        }

        public Dataset build() {
            return new Dataset(this, size, null);
        }

        private static void checkLabel(String task, int label) {
            if (label < NO_LABEL || label > 1) {
                throw new IllegalArgumentException(task + " label " + label + " outside {-1, 0, 1}");
            }
        }

        void ensure(int capacity) {
            if (lossType.length >= capacity) {
                return;
            }
            int n = Math.max(capacity, lossType.length * 2 + 16);
            ts = Arrays.copyOf(ts, n * tsValues);
            dense = Arrays.copyOf(dense, n * denseFeatures);
            lossType = Arrays.copyOf(lossType, n);
            congestion = Arrays.copyOf(congestion, n);
            congestionRule = Arrays.copyOf(congestionRule, n);
            leadTimeS = Arrays.copyOf(leadTimeS, n);
            sourceIndex = Arrays.copyOf(sourceIndex, n);
            timeMs = Arrays.copyOf(timeMs, n);
            baselineVerdicts = Arrays.copyOf(baselineVerdicts, n * baselineNames.size());
        }

        /** Sets every array to exactly {@code capacity} samples (the reader knows the size up front). */
        void allocateExactly(int capacity) {
            ts = new float[capacity * tsValues];
            dense = new float[capacity * denseFeatures];
            lossType = new byte[capacity];
            congestion = new byte[capacity];
            congestionRule = new byte[capacity];
            leadTimeS = new float[capacity];
            sourceIndex = new int[capacity];
            timeMs = new int[capacity];
            baselineVerdicts = new byte[capacity * baselineNames.size()];
        }
    }
}
