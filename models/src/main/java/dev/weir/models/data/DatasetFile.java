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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link Dataset} as a file: a weir container ({@link ContainerFormat} has the byte layout),
 * magic {@code WEIRDSET}, version 2. The header ({@link DatasetHeader}, canonical JSON) holds the
 * feature schema and its digest, baseline names, sources with their splits, the sample count,
 * samples per split and free-form generation settings. The blob is, for N samples, each array
 * whole and in this order, little-endian: time-series windows (N x steps x features float32),
 * dense vectors (N x dense inputs float32), loss_type, congestion and congestion_rule labels
 * (N bytes each), lead times (N float32), source indices (N int32), call times in ms (N int32),
 * baseline verdicts (N x baselines bytes).
 *
 * <p>Reading checks before allocating: the container frame (caps, lengths against the file), the
 * header (every constraint with its path), the blob length against the sample count times the
 * sample size ({@code long} arithmetic, overflow is an error), every array against Java's array
 * limit and the whole against the free heap; then streams the blob into the arrays the dataset
 * keeps, verifies the trailing SHA-256 and range-checks every label, verdict, source index, time
 * and lead time. Every problem is a {@link DatasetFormatException} naming the file.
 *
 * <p>Stateless and thread-safe.
 */
public final class DatasetFile {
    /** The container kind: 64 MiB of header (sources), 8 GiB of samples. */
    public static final ContainerFormat FORMAT = new ContainerFormat("WEIRDSET", 2, "weir dataset", 64 << 20,
            8L << 30);
    /** Longest Java array the JVM reliably allocates (a few header words below Integer.MAX_VALUE). */
    private static final long MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private DatasetFile() {
    }

    /** Bytes per sample in the blob. */
    static long sampleBytes(long tsValues, long denseInputs, long baselines) {
        return 4 * tsValues + 4 * denseInputs + 3 + 4 + 4 + 4 + baselines;
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
        long n = header.samples();
        long tsValues = header.featureSchema().tsValues();
        long denseInputs = header.featureSchema().denseInputCount();
        long perSample = sampleBytes(tsValues, denseInputs, header.baselines().size());
        long expectedBlob;
        try {
            expectedBlob = Math.multiplyExact(n, perSample);
        } catch (ArithmeticException e) {
            expectedBlob = -1;
        }
        if (expectedBlob != reader.blobBytes()) {
            throw new DatasetFormatException(source, "blob holds " + reader.blobBytes() + " bytes, header says " + n
                    + " samples of " + perSample + " bytes");
        }
        if (n * tsValues > MAX_ARRAY_LENGTH || n * denseInputs > MAX_ARRAY_LENGTH
                || n * header.baselines().size() > MAX_ARRAY_LENGTH) {
            throw new DatasetFormatException(source, n + " samples do not fit Java arrays (at most "
                    + MAX_ARRAY_LENGTH + " values per array): split the dataset");
        }
        Runtime runtime = Runtime.getRuntime();
        long freeHeap = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        if (reader.blobBytes() > freeHeap) {
            throw new DatasetFormatException(source, "needs about " + (reader.blobBytes() >> 20) + " MiB of heap for "
                    + n + " samples, " + (freeHeap >> 20) + " MiB are free: raise -Xmx (JAVA_OPTS) or split it");
        }
        int size = (int) n;
        Dataset.Builder b = new Dataset.Builder(header.featureSchema(), header.baselines());
        b.settings(header.settings());
        b.sources.addAll(header.sources());
        b.allocateExactly(size);
        BlobInput blob = new BlobInput(reader.blob());
        blob.floats(b.ts, 0, size * b.tsValues);
        blob.floats(b.dense, 0, size * b.denseFeatures);
        blob.bytes(b.lossType, 0, size);
        blob.bytes(b.congestion, 0, size);
        blob.bytes(b.congestionRule, 0, size);
        blob.floats(b.leadTimeS, 0, size);
        blob.ints(b.sourceIndex, 0, size);
        blob.ints(b.timeMs, 0, size);
        blob.bytes(b.baselineVerdicts, 0, size * b.baselineNames.size());
        String digest = reader.finish();
        checkValues(b, size, source);
        b.size = size;
        Dataset dataset = new Dataset(b, size, digest);
        Map<String, Long> splits = splitSizes(dataset);
        if (!splits.equals(header.splitSizes())) {
            throw new DatasetFormatException(source, "split_sizes " + header.splitSizes()
                    + " do not match the samples' sources " + splits);
        }
        return dataset;
    }

    /** Labels, verdicts, source indices, times and lead times within what a writer can produce. */
    private static void checkValues(Dataset.Builder b, int size, String source) {
        for (int i = 0; i < size; i++) {
            checkLabel(source, Dataset.TASK_LOSS_TYPE, i, b.lossType[i]);
            checkLabel(source, Dataset.TASK_CONGESTION, i, b.congestion[i]);
            checkLabel(source, Dataset.TASK_CONGESTION_RULE, i, b.congestionRule[i]);
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
                if (verdict < Dataset.NO_LABEL || verdict > 1) {
                    throw new DatasetFormatException(source, "sample " + i + " has verdict " + verdict
                            + " of baseline " + b.baselineNames.get(v) + ": expected -1 (none), 0 or 1");
                }
            }
        }
    }

    private static void checkLabel(String source, String task, int sample, byte label) {
        if (label < Dataset.NO_LABEL || label > 1) {
            throw new DatasetFormatException(source, "sample " + sample + " has " + task + " label " + label
                    + ": expected -1 (none), 0 or 1");
        }
    }

    private static byte[] header(Dataset dataset) {
        return CanonicalJson.write(new DatasetHeader(dataset.schema(), dataset.schema().digest(),
                dataset.baselineNames(), dataset.sources(), dataset.size(), splitSizes(dataset), dataset.settings()));
    }

    private static Map<String, Long> splitSizes(Dataset dataset) {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String split : Dataset.SPLITS) {
            sizes.put(split, (long) dataset.indicesOfSplit(split).length);
        }
        return sizes;
    }

    private static long blobBytes(Dataset dataset) {
        return dataset.size() * sampleBytes(dataset.schema().tsValues(), dataset.denseFeatures(),
                dataset.baselineNames().size());
    }

    private static void writeBlob(Dataset d, OutputStream stream) throws IOException {
        BlobOutput out = new BlobOutput(stream);
        out.floats(d.ts, 0, d.ts.length);
        out.floats(d.dense, 0, d.dense.length);
        out.bytes(d.lossType, 0, d.lossType.length);
        out.bytes(d.congestion, 0, d.congestion.length);
        out.bytes(d.congestionRule, 0, d.congestionRule.length);
        out.floats(d.leadTimeS, 0, d.leadTimeS.length);
        out.ints(d.sourceIndex, 0, d.sourceIndex.length);
        out.ints(d.timeMs, 0, d.timeMs.length);
        out.bytes(d.baselineVerdicts, 0, d.baselineVerdicts.length);
        out.flush();
    }
}
