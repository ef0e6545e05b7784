package dev.weir.models.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Dataset} as an NPZ archive that numpy reads with {@code numpy.load(file)} (no pickle):
 * one array per field, sample axis first.
 *
 * <table>
 *   <caption>Arrays</caption>
 *   <tr><th>array</th><th>dtype</th><th>shape</th><th>what</th></tr>
 *   <tr><td>ts_window</td><td>float32</td><td>(n, ts_steps, ts_features)</td><td>raw window, oldest step first</td></tr>
 *   <tr><td>dense</td><td>float32</td><td>(n, dense_features)</td><td>raw dense features</td></tr>
 *   <tr><td>loss_type, congestion, congestion_rule</td><td>int8</td><td>(n,)</td><td>labels, -1 = none</td></tr>
 *   <tr><td>lead_time_s</td><td>float32</td><td>(n,)</td><td>seconds to congestion, -1 = none</td></tr>
 *   <tr><td>source_index</td><td>int32</td><td>(n,)</td><td>row of the source_* arrays</td></tr>
 *   <tr><td>time_ms</td><td>int32</td><td>(n,)</td><td>call time of the window's end</td></tr>
 *   <tr><td>baseline_verdicts</td><td>int8</td><td>(n, baselines)</td><td>rule verdicts, -1 = none</td></tr>
 *   <tr><td>ts_feature_names, dense_feature_names, baseline_names</td><td>str</td><td>(k,)</td><td>column names</td></tr>
 *   <tr><td>source_scenario, source_family, source_trace, source_split</td><td>str</td><td>(sources,)</td><td>per source</td></tr>
 *   <tr><td>source_seed</td><td>int64</td><td>(sources,)</td><td>per source</td></tr>
 *   <tr><td>digest</td><td>str</td><td>(1,)</td><td>the dataset's digest (its header's SHA-256)</td></tr>
 * </table>
 * Samples of a split: {@code source_split[source_index] == "train"}.
 *
 * <p>Stateless; thread-safe.
 */
public final class DatasetNpzExport {
    private DatasetNpzExport() {
    }

    /** Writes {@code dataset} to {@code out} (not closed), streaming one sample at a time. */
    public static void write(Dataset dataset, OutputStream out) throws IOException {
        int n = dataset.size();
        int steps = dataset.tsSteps();
        int features = dataset.tsFeatures();
        int denseCount = dataset.denseFeatures();
        int baselines = dataset.baselineNames().size();
        NpzWriter npz = new NpzWriter(new NonClosing(out));
        float[] window = new float[steps * features];
        npz.begin("ts_window", NpzWriter.Type.FLOAT32, n, steps, features);
        for (int i = 0; i < n; i++) {
            dataset.tsWindow(i, window);
            for (float v : window) {
                npz.float32(v);
            }
        }
        npz.end();
        float[] dense = new float[denseCount];
        npz.begin("dense", NpzWriter.Type.FLOAT32, n, denseCount);
        for (int i = 0; i < n; i++) {
            dataset.denseFeatures(i, dense);
            for (float v : dense) {
                npz.float32(v);
            }
        }
        npz.end();
        for (String task : List.of(Dataset.TASK_LOSS_TYPE, Dataset.TASK_CONGESTION, Dataset.TASK_CONGESTION_RULE)) {
            npz.begin(task, NpzWriter.Type.INT8, n);
            for (int i = 0; i < n; i++) {
                npz.int8((byte) dataset.label(task, i));
            }
            npz.end();
        }
        npz.begin("lead_time_s", NpzWriter.Type.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            npz.float32(dataset.leadTimeS(i));
        }
        npz.end();
        npz.begin("source_index", NpzWriter.Type.INT32, n);
        for (int i = 0; i < n; i++) {
            npz.int32(dataset.sourceIndex(i));
        }
        npz.end();
        npz.begin("time_ms", NpzWriter.Type.INT32, n);
        for (int i = 0; i < n; i++) {
            npz.int32(dataset.timeMs(i));
        }
        npz.end();
        npz.begin("baseline_verdicts", NpzWriter.Type.INT8, n, baselines);
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < baselines; b++) {
                npz.int8((byte) dataset.baselineVerdict(b, i));
            }
        }
        npz.end();
        npz.strings("ts_feature_names", dataset.tsFeatureNames());
        npz.strings("dense_feature_names", dataset.denseFeatureNames());
        npz.strings("baseline_names", dataset.baselineNames());
        List<String> scenario = new ArrayList<>();
        List<String> family = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        List<String> split = new ArrayList<>();
        for (SampleSource s : dataset.sources()) {
            scenario.add(s.scenario());
            family.add(s.family());
            trace.add(s.trace() == null ? "" : s.trace());
            split.add(s.split());
        }
        npz.strings("source_scenario", scenario);
        npz.strings("source_family", family);
        npz.strings("source_trace", trace);
        npz.strings("source_split", split);
        npz.begin("source_seed", NpzWriter.Type.INT64, dataset.sources().size());
        for (SampleSource s : dataset.sources()) {
            npz.int64(s.seed());
        }
        npz.end();
        npz.strings("digest", List.of(dataset.digest()));
        npz.close();
    }

    /** The zip must finish its central directory without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
