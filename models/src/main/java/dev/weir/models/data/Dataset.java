package dev.weir.models.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Labelled windows of call signals for the classifier: per sample a raw (unnormalised) time-series
 * window {@code [tsSteps][tsFeatures]} row-major, oldest step first, and a dense feature vector,
 * exactly as {@code dev.weir.bwe.signal.WindowExtractor} produces them at run time; the labels
 * from the simulator's ground truth; and each rule baseline's verdict at the same moment.
 *
 * <p>Labels are bytes: {@link #NO_LABEL} (-1) where a task does not apply (e.g. no loss to
 * characterise), else the class index. Loss type: 0 random, 1 congestion. Congestion ahead: 0 no,
 * 1 yes. Lead time is seconds from the sample to the first queue overflow (or queueing delay over
 * the threshold) in the horizon, or -1.
 *
 * <p>File format (deterministic bytes for the same content): magic {@code WEIRDS01}, a 4-byte
 * little-endian header length, a UTF-8 JSON header (shapes, feature names, label and baseline
 * names, sources, free-form {@code settings}, per-split counts, body SHA-256), then the body:
 * the arrays in header order, little-endian. Reading verifies magic, sizes (before allocating),
 * the body digest and every label range.
 *
 * <p>Build with {@link #builder}; the built dataset is immutable and thread-safe.
 */
public final class Dataset {
    public static final byte NO_LABEL = -1;
    /** Settings key of the windows' time-series step, milliseconds (read by the trainer). */
    public static final String SETTING_STEP_MS = "step_ms";
    /** Settings key of the signal {@code FeatureSchema#digest()} the windows were extracted with. */
    public static final String SETTING_SCHEMA_DIGEST = "feature_schema_digest";
    /** Settings key of the signal {@code FeatureSchema#schemaVersion()}. */
    public static final String SETTING_SCHEMA_VERSION = "feature_schema_version";
    /** Pseudo-split naming every sample (e.g. a dataset of calls a model never saw). */
    public static final String ALL_SPLITS = "all";
    public static final String TASK_LOSS_TYPE = "loss_type";
    public static final String TASK_CONGESTION = "congestion";
    /** The production-style congestion labelling (RTT spike then loss or further growth). */
    public static final String TASK_CONGESTION_RULE = "congestion_rule";
    private static final byte[] MAGIC = "WEIRDS01".getBytes(StandardCharsets.US_ASCII);
    private static final int PREAMBLE_BYTES = 12; // magic and header length
    private static final int MAX_HEADER_BYTES = 64 << 20;
    private static final long MAX_BODY_BYTES = 8L << 30;
    /** Longest Java array the JVM reliably allocates (a few header words below Integer.MAX_VALUE). */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final int tsSteps;
    private final int tsFeatures;
    private final int denseFeatures;
    private final List<String> tsFeatureNames;
    private final List<String> denseFeatureNames;
    private final List<String> baselineNames;
    private final List<SampleSource> sources;
    private final ObjectNode settings;
    private final int size;
    private final float[] ts;
    private final float[] dense;
    private final byte[] lossType;
    private final byte[] congestion;
    private final byte[] congestionRule;
    private final float[] leadTimeS;
    private final int[] sourceIndex;
    private final int[] timeMs;
    private final byte[] baselineVerdicts;
    private final String digest;

    private Dataset(Builder b, int size) {
        this(b, size, null);
    }

    /**
     * With {@code verifiedBodyDigest}, the builder's arrays (exactly {@code size} samples long,
     * owned by the caller and dropped after) are kept as they are: a read dataset is held once.
     */
    private Dataset(Builder b, int size, String verifiedBodyDigest) {
        this.tsSteps = b.tsSteps;
        this.tsFeatures = b.tsFeatures;
        this.denseFeatures = b.denseFeatures;
        this.tsFeatureNames = List.copyOf(b.tsFeatureNames);
        this.denseFeatureNames = List.copyOf(b.denseFeatureNames);
        this.baselineNames = List.copyOf(b.baselineNames);
        this.sources = List.copyOf(b.sources);
        this.settings = b.settings.deepCopy();
        this.size = size;
        boolean adopt = verifiedBodyDigest != null && b.lossType.length == size;
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
        this.digest = verifiedBodyDigest != null ? verifiedBodyDigest : sha256(body());
    }

    /** A builder for samples of the given shapes and names. */
    public static Builder builder(List<String> tsFeatureNames, int tsSteps, List<String> denseFeatureNames,
                                  List<String> baselineNames) {
        return new Builder(tsFeatureNames, tsSteps, denseFeatureNames, baselineNames);
    }

    public int size() {
        return size;
    }

    public int tsSteps() {
        return tsSteps;
    }

    public int tsFeatures() {
        return tsFeatures;
    }

    public int denseFeatures() {
        return denseFeatures;
    }

    public List<String> tsFeatureNames() {
        return tsFeatureNames;
    }

    public List<String> denseFeatureNames() {
        return denseFeatureNames;
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
     * The dataset's identity in model provenance: SHA-256 of the header (shapes, names, sources and
     * their splits, generation settings, body digest) and so of everything in the file. Two
     * datasets with the same samples but another split differ here.
     */
    public String digest() {
        return sha256(header().getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256 of the body alone (samples, labels, verdicts), checked on every read. */
    public String bodyDigest() {
        return digest;
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

    /** Writes the dataset atomically (temp file, then move); same content gives the same bytes. */
    public void write(Path file) throws IOException {
        byte[] header = header().getBytes(StandardCharsets.UTF_8);
        byte[] body = body();
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 4 + header.length + body.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putInt(header.length).put(header).put(body);
        AtomicFiles.write(file, out.array());
    }

    /**
     * Reads and verifies a dataset file. The preamble and header are read and checked first; the
     * sample count times the sample size must equal the body's size ({@code long} arithmetic,
     * overflow is an error) and every array must fit a Java array before anything is allocated
     * for the samples; the body is then streamed into arrays the dataset keeps (no second copy)
     * while its digest is computed, and every label, verdict and source index is range-checked.
     *
     * @throws DatasetFormatException naming the file and what is wrong with it
     */
    public static Dataset read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(channel, source);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new DatasetFormatException(source, "file not found");
        } catch (IOException e) {
            throw new DatasetFormatException(source, "cannot read: " + e.getMessage());
        } catch (DatasetFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // A check below missed a case: still a bad file, named as such.
            throw new DatasetFormatException(source, "inconsistent header or body: " + e);
        }
    }

    private static Dataset read(FileChannel channel, String source) throws IOException {
        long length = channel.size();
        if (length > MAX_BODY_BYTES + MAX_HEADER_BYTES + PREAMBLE_BYTES) {
            throw new DatasetFormatException(source, "file of " + length + " bytes is larger than the "
                    + (MAX_BODY_BYTES + MAX_HEADER_BYTES + PREAMBLE_BYTES) + "-byte limit");
        }
        InputStream in = new BufferedInputStream(Channels.newInputStream(channel), 1 << 16);
        byte[] preamble = in.readNBytes(PREAMBLE_BYTES);
        if (preamble.length < PREAMBLE_BYTES || !Arrays.equals(preamble, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new DatasetFormatException(source, "not a weir dataset (magic WEIRDS01 missing)");
        }
        long headerLength = Integer.toUnsignedLong(ByteBuffer.wrap(preamble, MAGIC.length, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt());
        if (headerLength > MAX_HEADER_BYTES || headerLength > length - PREAMBLE_BYTES) {
            throw new DatasetFormatException(source, "header length " + headerLength + " exceeds the file");
        }
        byte[] headerBytes = in.readNBytes((int) headerLength);
        if (headerBytes.length != headerLength) {
            throw new DatasetFormatException(source, "file shrank while being read");
        }
        JsonNode h;
        try {
            h = JSON.readTree(new String(headerBytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DatasetFormatException(source, "header is not valid JSON: " + e.getMessage());
        }
        if (h == null || !h.isObject()) {
            throw new DatasetFormatException(source, "header is not a JSON object");
        }
        Builder b;
        long n;
        try {
            b = new Builder(strings(h, "ts_features"), h.path("ts_steps").asInt(-1),
                    strings(h, "dense_features"), strings(h, "baselines"));
            b.settings((ObjectNode) h.required("settings"));
            for (JsonNode s : h.required("sources")) {
                b.sources.add(new SampleSource(s.required("scenario").asText(), s.required("family").asText(),
                        s.required("trace").asText(), s.required("seed").asLong(), s.required("split").asText()));
            }
            JsonNode sizeNode = h.required("size");
            if (!sizeNode.isIntegralNumber() || !sizeNode.canConvertToLong() || sizeNode.longValue() < 0) {
                throw new DatasetFormatException(source, "header size " + sizeNode + " is not a sample count");
            }
            n = sizeNode.longValue();
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            throw new DatasetFormatException(source, "inconsistent header: " + e.getMessage());
        }
        long bodyBytes = length - PREAMBLE_BYTES - headerLength;
        long perSample = 4L * b.tsSteps * b.tsFeatures + 4L * b.denseFeatures + 3 + 4 + 4 + 4
                + b.baselineNames.size();
        long expectedBody;
        try {
            expectedBody = Math.multiplyExact(n, perSample);
        } catch (ArithmeticException e) {
            expectedBody = -1;
        }
        if (expectedBody != bodyBytes) {
            throw new DatasetFormatException(source, "body holds " + bodyBytes + " bytes, header says " + n
                    + " samples of " + perSample + " bytes");
        }
        if (n * b.tsSteps * b.tsFeatures > MAX_ARRAY_LENGTH || n * b.denseFeatures > MAX_ARRAY_LENGTH
                || n * b.baselineNames.size() > MAX_ARRAY_LENGTH) {
            throw new DatasetFormatException(source, n + " samples do not fit Java arrays (at most "
                    + MAX_ARRAY_LENGTH + " values per array): split the dataset");
        }
        Runtime runtime = Runtime.getRuntime();
        long freeHeap = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (bodyBytes > freeHeap) {
            throw new DatasetFormatException(source, "needs about " + (bodyBytes >> 20) + " MiB of heap for "
                    + n + " samples, " + (freeHeap >> 20) + " MiB are free: raise -Xmx (JAVA_OPTS) or split it");
        }
        String expectedDigest = h.path("body_sha256").asText("");
        int size = (int) n;
        b.ensure(size);
        BodyReader body = new BodyReader(in, source);
        body.floats(b.ts, size * b.tsSteps * b.tsFeatures);
        body.floats(b.dense, size * b.denseFeatures);
        body.bytes(b.lossType, size);
        body.bytes(b.congestion, size);
        body.bytes(b.congestionRule, size);
        body.floats(b.leadTimeS, size);
        body.ints(b.sourceIndex, size);
        body.ints(b.timeMs, size);
        body.bytes(b.baselineVerdicts, size * b.baselineNames.size());
        String actual = body.digest();
        if (!actual.equals(expectedDigest)) {
            throw new DatasetFormatException(source, "body digest " + actual + " does not match the header's "
                    + expectedDigest + " (corrupt or edited file)");
        }
        checkValues(b, size, source);
        b.size = size;
        return new Dataset(b, size, actual);
    }

    /** Labels, verdicts, source indices, times and lead times within what a writer can produce. */
    private static void checkValues(Builder b, int size, String source) {
        for (int i = 0; i < size; i++) {
            checkLabel(source, TASK_LOSS_TYPE, i, b.lossType[i]);
            checkLabel(source, TASK_CONGESTION, i, b.congestion[i]);
            checkLabel(source, TASK_CONGESTION_RULE, i, b.congestionRule[i]);
            if (b.sourceIndex[i] < 0 || b.sourceIndex[i] >= b.sources.size()) {
                throw new DatasetFormatException(source, "sample " + i + " names source " + b.sourceIndex[i]
                        + " of " + b.sources.size());
            }
            if (b.timeMs[i] < 0) {
                throw new DatasetFormatException(source, "sample " + i + " has call time " + b.timeMs[i]
                        + " ms: expected >= 0");
            }
            float lead = b.leadTimeS[i];
            if (!(lead == -1 || lead >= 0) || Float.isInfinite(lead)) {
                throw new DatasetFormatException(source, "sample " + i + " has lead time " + lead
                        + " s: expected -1 (none) or a finite time >= 0");
            }
            for (int v = 0; v < b.baselineNames.size(); v++) {
                byte verdict = b.baselineVerdicts[i * b.baselineNames.size() + v];
                if (verdict < NO_LABEL || verdict > 1) {
                    throw new DatasetFormatException(source, "sample " + i + " has verdict " + verdict + " of baseline "
                            + b.baselineNames.get(v) + ": expected -1 (none), 0 or 1");
                }
            }
        }
    }

    private static void checkLabel(String source, String task, int sample, byte label) {
        if (label < NO_LABEL || label > 1) {
            throw new DatasetFormatException(source, "sample " + sample + " has " + task + " label " + label
                    + ": expected -1 (none), 0 or 1");
        }
    }

    /** Little-endian values from a stream, digested as they are read. Not thread-safe. */
    private static final class BodyReader {
        private final InputStream in;
        private final String source;
        private final MessageDigest digest;
        private final ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        BodyReader(InputStream in, String source) {
            this.in = in;
            this.source = source;
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from the JDK", e);
            }
            chunk.limit(0);
        }

        void floats(float[] out, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                need(Float.BYTES);
                out[i] = chunk.getFloat();
            }
        }

        void ints(int[] out, int count) throws IOException {
            for (int i = 0; i < count; i++) {
                need(Integer.BYTES);
                out[i] = chunk.getInt();
            }
        }

        void bytes(byte[] out, int count) throws IOException {
            int done = 0;
            while (done < count) {
                need(1);
                int n = Math.min(chunk.remaining(), count - done);
                chunk.get(out, done, n);
                done += n;
            }
        }

        String digest() throws IOException {
            if (in.read() >= 0) {
                throw new DatasetFormatException(source, "file grew while being read");
            }
            return HexFormat.of().formatHex(digest.digest());
        }

        /** Makes at least {@code bytes} bytes available (values never straddle the refill). */
        private void need(int bytes) throws IOException {
            if (chunk.remaining() >= bytes) {
                return;
            }
            chunk.compact();
            while (chunk.position() < bytes) {
                int start = chunk.position();
                int n = in.read(chunk.array(), start, chunk.capacity() - start);
                if (n < 0) {
                    throw new DatasetFormatException(source, "file shrank while being read: body truncated");
                }
                digest.update(chunk.array(), start, n);
                chunk.position(start + n);
            }
            chunk.flip();
        }
    }

    private static List<String> strings(JsonNode header, String field) {
        List<String> out = new ArrayList<>();
        JsonNode array = header.required(field);
        if (!array.isArray()) {
            throw new IllegalArgumentException(field + " must be an array");
        }
        array.forEach(node -> out.add(node.asText()));
        return out;
    }

    private String header() {
        ObjectNode h = JSON.createObjectNode();
        h.put("format", "weir-dataset");
        h.put("format_version", 1);
        h.put("size", size);
        h.put("ts_steps", tsSteps);
        ArrayNode tsNames = h.putArray("ts_features");
        tsFeatureNames.forEach(tsNames::add);
        ArrayNode denseNames = h.putArray("dense_features");
        denseFeatureNames.forEach(denseNames::add);
        ArrayNode baselines = h.putArray("baselines");
        baselineNames.forEach(baselines::add);
        ArrayNode sourceArray = h.putArray("sources");
        for (SampleSource s : sources) {
            ObjectNode node = sourceArray.addObject();
            node.put("scenario", s.scenario()).put("family", s.family()).put("trace", s.trace())
                    .put("seed", s.seed()).put("split", s.split());
        }
        ObjectNode splits = h.putObject("split_sizes");
        for (String split : List.of("train", "validation", "test")) {
            splits.put(split, indicesOfSplit(split).length);
        }
        h.set("settings", settings);
        h.put("body_sha256", digest);
        try {
            return JSON.writeValueAsString(h);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] body() {
        int perSample = 4 * tsSteps * tsFeatures + 4 * denseFeatures + 3 + 4 + 4 + 4 + baselineNames.size();
        ByteBuffer out = ByteBuffer.allocate(perSample * size).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : ts) {
            out.putFloat(v);
        }
        for (float v : dense) {
            out.putFloat(v);
        }
        out.put(lossType).put(congestion).put(congestionRule);
        for (float v : leadTimeS) {
            out.putFloat(v);
        }
        for (int v : sourceIndex) {
            out.putInt(v);
        }
        for (int v : timeMs) {
            out.putInt(v);
        }
        out.put(baselineVerdicts);
        return out.array();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    /** Accumulates samples; not thread-safe. Sources are added first, samples refer to them by index. */
    public static final class Builder {
        private final int tsSteps;
        private final int tsFeatures;
        private final int denseFeatures;
        private final List<String> tsFeatureNames;
        private final List<String> denseFeatureNames;
        private final List<String> baselineNames;
        private final List<SampleSource> sources = new ArrayList<>();
        private ObjectNode settings = JSON.createObjectNode();
        private int size;
        private float[] ts = new float[0];
        private float[] dense = new float[0];
        private byte[] lossType = new byte[0];
        private byte[] congestion = new byte[0];
        private byte[] congestionRule = new byte[0];
        private float[] leadTimeS = new float[0];
        private int[] sourceIndex = new int[0];
        private int[] timeMs = new int[0];
        private byte[] baselineVerdicts = new byte[0];

        private Builder(List<String> tsFeatureNames, int tsSteps, List<String> denseFeatureNames,
                        List<String> baselineNames) {
            if (tsSteps < 1 || tsSteps > 10_000 || tsFeatureNames.isEmpty() || tsFeatureNames.size() > 1024
                    || denseFeatureNames.size() > 4096 || baselineNames.size() > 64) {
                throw new IllegalArgumentException("implausible shape: ts_steps=" + tsSteps + ", ts_features="
                        + tsFeatureNames.size() + ", dense_features=" + denseFeatureNames.size() + ", baselines="
                        + baselineNames.size());
            }
            this.tsSteps = tsSteps;
            this.tsFeatures = tsFeatureNames.size();
            this.denseFeatures = denseFeatureNames.size();
            this.tsFeatureNames = List.copyOf(tsFeatureNames);
            this.denseFeatureNames = List.copyOf(denseFeatureNames);
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
            System.arraycopy(tsWindow, 0, ts, size * tsSteps * tsFeatures, tsSteps * tsFeatures);
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

        /** Appends every sample of {@code other} (same shapes and names), remapping its sources. */
        public Builder addAll(Dataset other) {
            if (other.tsSteps != tsSteps || !other.tsFeatureNames.equals(tsFeatureNames)
                    || !other.denseFeatureNames.equals(denseFeatureNames)
                    || !other.baselineNames.equals(baselineNames)) {
                throw new IllegalArgumentException("datasets differ in shape or feature names");
            }
            int offset = sources.size();
            sources.addAll(other.sources);
            float[] window = new float[tsSteps * tsFeatures];
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
            return new Dataset(this, size);
        }

        private static void checkLabel(String task, int label) {
            if (label < NO_LABEL || label > 1) {
                throw new IllegalArgumentException(task + " label " + label + " outside {-1, 0, 1}");
            }
        }

        private void ensure(int capacity) {
            if (lossType.length >= capacity) {
                return;
            }
            int n = Math.max(capacity, lossType.length * 2 + 16);
            ts = Arrays.copyOf(ts, n * tsSteps * tsFeatures);
            dense = Arrays.copyOf(dense, n * denseFeatures);
            lossType = Arrays.copyOf(lossType, n);
            congestion = Arrays.copyOf(congestion, n);
            congestionRule = Arrays.copyOf(congestionRule, n);
            leadTimeS = Arrays.copyOf(leadTimeS, n);
            sourceIndex = Arrays.copyOf(sourceIndex, n);
            timeMs = Arrays.copyOf(timeMs, n);
            baselineVerdicts = Arrays.copyOf(baselineVerdicts, n * baselineNames.size());
        }
    }
}
