package dev.weir.models.data;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.container.BlobInput;
import dev.weir.bwe.container.BlobOutput;
import dev.weir.bwe.container.CanonicalJson;
import dev.weir.bwe.container.ContainerFormat;
import dev.weir.bwe.container.ContainerFormatException;
import dev.weir.bwe.container.ContainerReader;
import dev.weir.bwe.container.ContainerWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Dataset} as a file: a weir container ({@link ContainerFormat} has the byte layout),
 * magic {@code WEIRDSET}, version 4 (version 3 lacked the FEC ground truth and is still read, with
 * those arrays all NaN; version 2 held fixed windows). The header
 * ({@link DatasetHeader}, canonical JSON) holds the feature schema and its digest, baseline names,
 * the calls (sources, with their step counts, in blob order), the step count, steps per split and
 * free-form generation settings. The blob is, for S steps, each array whole and in this order,
 * little-endian: time-series rows (S x features float32), dense vectors (S x dense inputs
 * float32), decision flags (S bytes), step end times in ms (S int32), loss classes, congestion
 * labels (S bytes each), lead times (S float32), gates, causes, congested-now flags and network
 * type labels (S bytes each), random loss shares and mean burst lengths (S float32 each; not in
 * version 3), baseline scores (S x baselines float32).
 *
 * <p>Reading checks before allocating: the container frame (caps, lengths against the file), the
 * header (every constraint with its path, the sources' steps against the step count), the blob
 * length against the step count times the step size ({@code long} arithmetic, overflow is an
 * error), every array against Java's array limit and the whole against the free heap; then
 * streams the blob into the arrays the dataset keeps, verifies the trailing SHA-256 and
 * range-checks every flag, label, time, lead time and FEC ground truth. Every problem is a
 * {@link DatasetFormatException} naming the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class DatasetFile {
    /** The container kind: 64 MiB of header (sources), 8 GiB of steps; version 3 files are still read. */
    public static final ContainerFormat FORMAT = new ContainerFormat("WEIRDSET", 4, "weir dataset", 64 << 20,
            8L << 30, 3);
    /** The version before the FEC ground truth (random loss share, mean burst length) joined the blob. */
    static final int VERSION_WITHOUT_FEC = 3;
    /** Longest Java array the JVM reliably allocates (a few header words below Integer.MAX_VALUE). */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private DatasetFile() {
    }

    /** Bytes per step in the blob of a file of format {@code version}. */
    static long stepBytes(int version, long tsFeatures, long denseInputs, long baselines) {
        long fec = version > VERSION_WITHOUT_FEC ? 4 + 4 : 0;
        return 4 * tsFeatures + 4 * denseInputs + 1 + 4 + 1 + 1 + 4 + 1 + 1 + 1 + 1 + fec + 4 * baselines;
    }

    /** Writes {@code dataset} to {@code file} atomically; the same content gives the same bytes. */
    static void write(Dataset dataset, Path file) throws IOException {
        ContainerWriter.writeFile(file, FORMAT, header(dataset), blobBytes(dataset), out -> writeBlob(dataset, out));
    }

    /** The content digest {@code dataset}'s file has (its trailer), computed without writing it. */
    static String digest(Dataset dataset) {
        return HexFormat.of().formatHex(ContainerWriter.digest(FORMAT, header(dataset), blobBytes(dataset),
                out -> writeBlob(dataset, out)));
    }

    /**
     * Reads and verifies a dataset file.
     *
     * @throws DatasetFormatException naming the file and what is wrong with it
     */
    static Dataset read(Path file) {
        String source = file.toString();
        try (ContainerReader reader = ContainerReader.open(file, FORMAT)) {
            return read(reader);
        } catch (ContainerFormatException e) {
            throw new DatasetFormatException(e.source(), e.problem());
        } catch (IOException e) {
            throw new DatasetFormatException(source, "cannot read: " + e.getMessage());
        } catch (DatasetFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            // A check below missed a case: still a bad file, named as such.
            throw new DatasetFormatException(source, "inconsistent header or blob: " + e);
        }
    }

    private static Dataset read(ContainerReader reader) throws IOException {
        String source = reader.source();
        DatasetHeader header;
        try {
            header = SettingsJson.read(reader.headerText(), DatasetHeader.class, "header");
        } catch (InvalidSettingsException e) {
            throw new DatasetFormatException(source, String.join("; ", e.problems()));
        }
        long n = header.steps();
        long tsFeatures = header.featureSchema().tsFeatures().size();
        long denseInputs = header.featureSchema().denseInputCount();
        long baselines = header.baselines().size();
        int version = reader.version();
        long perStep = stepBytes(version, tsFeatures, denseInputs, baselines);
        long expectedBlob;
        try {
            expectedBlob = Math.multiplyExact(n, perStep);
        } catch (ArithmeticException e) {
            expectedBlob = -1;
        }
        if (expectedBlob != reader.blobBytes()) {
            throw new DatasetFormatException(source, "blob holds " + reader.blobBytes() + " bytes, header says " + n
                    + " steps of " + perStep + " bytes (format version " + version + ")");
        }
        if (n * tsFeatures > MAX_ARRAY_LENGTH || n * denseInputs > MAX_ARRAY_LENGTH || n * baselines > MAX_ARRAY_LENGTH
                || n > MAX_ARRAY_LENGTH) {
            throw new DatasetFormatException(source, n + " steps do not fit Java arrays (at most "
                    + MAX_ARRAY_LENGTH + " values per array): split the dataset");
        }
        Runtime runtime = Runtime.getRuntime();
        long freeHeap = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (reader.blobBytes() > freeHeap) {
            throw new DatasetFormatException(source, "needs about " + (reader.blobBytes() >> 20) + " MiB of heap for "
                    + n + " steps, " + (freeHeap >> 20) + " MiB are free: raise -Xmx (JAVA_OPTS) or split it");
        }
        int size = (int) n;
        Dataset.Builder b = new Dataset.Builder(header.featureSchema(), header.baselines());
        b.settings(header.settings());
        b.sources.addAll(header.sources());
        b.ts = new float[size * b.tsFeatures];
        b.dense = new float[size * b.denseInputs];
        b.decision = new byte[size];
        b.timeMs = new int[size];
        b.lossClass = new byte[size];
        b.congestion = new byte[size];
        b.leadTimeS = new float[size];
        b.gate = new byte[size];
        b.cause = new byte[size];
        b.congestedNow = new byte[size];
        b.typeLabel = new byte[size];
        b.randomLossShare = new float[size];
        b.meanBurstPackets = new float[size];
        b.baselines = new float[size * b.baselineNames.size()];
        BlobInput blob = new BlobInput(reader.blob());
        blob.floats(b.ts, 0, b.ts.length);
        blob.floats(b.dense, 0, b.dense.length);
        blob.bytes(b.decision, 0, size);
        blob.ints(b.timeMs, 0, size);
        blob.bytes(b.lossClass, 0, size);
        blob.bytes(b.congestion, 0, size);
        blob.floats(b.leadTimeS, 0, size);
        blob.bytes(b.gate, 0, size);
        blob.bytes(b.cause, 0, size);
        blob.bytes(b.congestedNow, 0, size);
        blob.bytes(b.typeLabel, 0, size);
        if (version > VERSION_WITHOUT_FEC) {
            blob.floats(b.randomLossShare, 0, size);
            blob.floats(b.meanBurstPackets, 0, size);
        } else {
            Arrays.fill(b.randomLossShare, Float.NaN);
            Arrays.fill(b.meanBurstPackets, Float.NaN);
        }
        blob.floats(b.baselines, 0, b.baselines.length);
        String digest = reader.finish();
        checkValues(b, size, source);
        b.size = size;
        Dataset dataset = new Dataset(b, digest);
        Map<String, Long> splits = splitSizes(dataset);
        if (!splits.equals(header.splitSizes())) {
            throw new DatasetFormatException(source, "split_sizes " + header.splitSizes()
                    + " do not match the sources' steps " + splits);
        }
        return dataset;
    }

    /** Flags, labels, times, lead times and FEC ground truth within what a writer can produce. */
    private static void checkValues(Dataset.Builder b, int size, String source) {
        for (int i = 0; i < size; i++) {
            flag(source, "decision", i, b.decision[i]);
            flag(source, "gate", i, b.gate[i]);
            flag(source, "congested_now", i, b.congestedNow[i]);
            label(source, Dataset.TASK_LOSS_ATTRIBUTION, i, b.lossClass[i], Dataset.LOSS_CLASSES.size());
            label(source, Dataset.TASK_CONGESTION, i, b.congestion[i], Dataset.CONGESTION_CLASSES.size());
            label(source, "cause", i, b.cause[i], Dataset.CAUSE_NAMES.size());
            label(source, Dataset.TASK_NETWORK_TYPE, i, b.typeLabel[i], Dataset.TYPE_CLASSES.size());
            if (b.timeMs[i] < 0) {
                throw new DatasetFormatException(source, "step " + i + " has call time " + b.timeMs[i]
                        + " ms: expected >= 0");
            }
            float lead = b.leadTimeS[i];
            if (!(lead == -1 || lead >= 0) || Float.isInfinite(lead)) {
                throw new DatasetFormatException(source, "step " + i + " has lead time " + lead
                        + " s: expected -1 (none) or a finite time >= 0");
            }
            String fec = Dataset.fecTruthProblem(b.randomLossShare[i], b.meanBurstPackets[i]);
            if (fec != null) {
                throw new DatasetFormatException(source, "step " + i + " has " + fec);
            }
        }
    }

    private static void flag(String source, String field, int step, byte value) {
        if (value != 0 && value != 1) {
            throw new DatasetFormatException(source, "step " + step + " has " + field + " " + value
                    + ": expected 0 or 1");
        }
    }

    private static void label(String source, String task, int step, byte label, int classes) {
        if (label < Dataset.NO_LABEL || label >= classes) {
            throw new DatasetFormatException(source, "step " + step + " has " + task + " label " + label
                    + ": expected -1 (none) or 0.." + (classes - 1));
        }
    }

    private static byte[] header(Dataset dataset) {
        return CanonicalJson.write(new DatasetHeader(dataset.schema(), dataset.schema().digest(),
                dataset.baselineNames(), dataset.sources(), dataset.steps(), splitSizes(dataset), dataset.settings()));
    }

    private static Map<String, Long> splitSizes(Dataset dataset) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String split : Dataset.SPLITS) {
            long steps = 0;
            for (int s : dataset.sourcesOfSplit(split)) {
                steps += dataset.source(s).steps();
            }
            sizes.put(split, steps);
        }
        return sizes;
    }

    private static long blobBytes(Dataset dataset) {
        return dataset.steps() * stepBytes(FORMAT.version(), dataset.tsFeatures(), dataset.denseInputs(),
                dataset.baselineNames().size());
    }

    private static void writeBlob(Dataset d, OutputStream stream) throws IOException {
        BlobOutput out = new BlobOutput(stream);
        out.floats(d.ts, 0, d.ts.length);
        out.floats(d.dense, 0, d.dense.length);
        out.bytes(d.decision, 0, d.decision.length);
        out.ints(d.timeMs, 0, d.timeMs.length);
        out.bytes(d.lossClass, 0, d.lossClass.length);
        out.bytes(d.congestion, 0, d.congestion.length);
        out.floats(d.leadTimeS, 0, d.leadTimeS.length);
        out.bytes(d.gate, 0, d.gate.length);
        out.bytes(d.cause, 0, d.cause.length);
        out.bytes(d.congestedNow, 0, d.congestedNow.length);
        out.bytes(d.typeLabel, 0, d.typeLabel.length);
        out.floats(d.randomLossShare, 0, d.randomLossShare.length);
        out.floats(d.meanBurstPackets, 0, d.meanBurstPackets.length);
        out.floats(d.baselines, 0, d.baselines.length);
        out.flush();
    }
}
