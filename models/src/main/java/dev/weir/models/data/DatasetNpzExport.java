package dev.weir.models.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Dataset} as an NPZ archive that numpy reads with {@code numpy.load(file)} (no pickle):
 * one array per field, step axis first; the per-step arrays in the order and with the values of
 * the WEIRDSET blob (docs/dataset-format.md).
 *
 * <table>
 *   <caption>Arrays (S steps of every call, back to back; C calls)</caption>
 *   <tr><th>array</th><th>dtype</th><th>shape</th><th>what</th></tr>
 *   <tr><td>ts</td><td>float32</td><td>(S, ts_features)</td><td>raw time-series row of each step</td></tr>
 *   <tr><td>dense</td><td>float32</td><td>(S, dense_inputs)</td><td>raw dense vector (decision steps; else 0)</td></tr>
 *   <tr><td>decision</td><td>int8</td><td>(S,)</td><td>1 where the model decides</td></tr>
 *   <tr><td>time_ms</td><td>int32</td><td>(S,)</td><td>call time of the step's end</td></tr>
 *   <tr><td>loss_attribution, congestion</td><td>int8</td><td>(S,)</td><td>labels, -1 = none</td></tr>
 *   <tr><td>lead_time_s</td><td>float32</td><td>(S,)</td><td>seconds to congestion, -1 = none</td></tr>
 *   <tr><td>gate, cause, congested_now, network_type</td><td>int8</td><td>(S,)</td><td>as in the file, -1 = none</td></tr>
 *   <tr><td>random_loss_share, mean_burst_packets</td><td>float32</td><td>(S,)</td><td>FEC ground truth, NaN = none
 *       (the random_loss_rate and loss_burst classes follow by {@code FecHeads})</td></tr>
 *   <tr><td>baseline_scores</td><td>float32</td><td>(S, baselines)</td><td>rule scores, NaN = no verdict</td></tr>
 *   <tr><td>call_start</td><td>int64</td><td>(C + 1,)</td><td>call c's steps are [call_start[c], call_start[c + 1])</td></tr>
 *   <tr><td>ts_feature_names, dense_input_names, baseline_names</td><td>str</td><td>(k,)</td><td>column names</td></tr>
 *   <tr><td>call_scenario, call_family, call_trace, call_group, call_split, call_driver</td><td>str</td><td>(C,)</td><td>per call</td></tr>
 *   <tr><td>call_seed, call_offset_ms</td><td>int64</td><td>(C,)</td><td>per call</td></tr>
 *   <tr><td>digest</td><td>str</td><td>(1,)</td><td>the dataset's digest (its file's SHA-256)</td></tr>
 * </table>
 * Steps of a split: the calls with {@code call_split[c] == "train"}, through {@code call_start}.
 *
 * <p>Stateless; thread-safe.
 */
public final class DatasetNpzExport {
    /** The per-step label arrays, in blob order. */
    private static final List<String> BYTE_ARRAYS_AFTER_LEAD = List.of("gate", "cause", "congested_now",
            Dataset.TASK_NETWORK_TYPE);

    private DatasetNpzExport() {
    }

    /** Writes {@code dataset} to {@code out} (not closed), streaming one step at a time. */
    public static void write(Dataset dataset, OutputStream out) throws IOException {
        int n = dataset.steps();
        int features = dataset.tsFeatures();
        int denseCount = dataset.denseInputs();
        int baselines = dataset.baselineNames().size();
        NpzWriter npz = new NpzWriter(new NonClosing(out));
        npz.begin("ts", NpzWriter.Type.FLOAT32, n, features);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < features; f++) {
                npz.float32(dataset.tsValue(i, f));
            }
        }
        npz.end();
        npz.begin("dense", NpzWriter.Type.FLOAT32, n, denseCount);
        for (int i = 0; i < n; i++) {
            for (int f = 0; f < denseCount; f++) {
                npz.float32(dataset.denseValue(i, f));
            }
        }
        npz.end();
        npz.begin("decision", NpzWriter.Type.INT8, n);
        for (int i = 0; i < n; i++) {
            npz.int8((byte) (dataset.isDecision(i) ? 1 : 0));
        }
        npz.end();
        npz.begin("time_ms", NpzWriter.Type.INT32, n);
        for (int i = 0; i < n; i++) {
            npz.int32(dataset.timeMs(i));
        }
        npz.end();
        for (String task : List.of(Dataset.TASK_LOSS_ATTRIBUTION, Dataset.TASK_CONGESTION)) {
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
        for (String name : BYTE_ARRAYS_AFTER_LEAD) {
            npz.begin(name, NpzWriter.Type.INT8, n);
            for (int i = 0; i < n; i++) {
                npz.int8((byte) switch (name) {
                    case "gate" -> dataset.gate(i) ? 1 : 0;
                    case "cause" -> dataset.cause(i);
                    case "congested_now" -> dataset.congestedNow(i) ? 1 : 0;
                    default -> dataset.label(name, i);
                });
            }
            npz.end();
        }
        npz.begin("random_loss_share", NpzWriter.Type.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            npz.float32(dataset.randomLossShare(i));
        }
        npz.end();
        npz.begin("mean_burst_packets", NpzWriter.Type.FLOAT32, n);
        for (int i = 0; i < n; i++) {
            npz.float32(dataset.meanBurstPackets(i));
        }
        npz.end();
        npz.begin("baseline_scores", NpzWriter.Type.FLOAT32, n, baselines);
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < baselines; b++) {
                npz.float32(dataset.baselineScore(b, i));
            }
        }
        npz.end();
        List<SampleSource> calls = dataset.sources();
        npz.begin("call_start", NpzWriter.Type.INT64, calls.size() + 1);
        for (int c = 0; c < calls.size(); c++) {
            npz.int64(dataset.sourceStart(c));
        }
        npz.int64(n);
        npz.end();
        npz.strings("ts_feature_names", dataset.tsFeatureNames());
        npz.strings("dense_input_names", dataset.denseInputNames());
        npz.strings("baseline_names", dataset.baselineNames());
        strings(npz, "call_scenario", calls, SampleSource::scenario);
        strings(npz, "call_family", calls, SampleSource::family);
        strings(npz, "call_trace", calls, s -> s.trace() == null ? "" : s.trace());
        strings(npz, "call_group", calls, SampleSource::group);
        strings(npz, "call_split", calls, SampleSource::split);
        strings(npz, "call_driver", calls, SampleSource::driver);
        npz.begin("call_seed", NpzWriter.Type.INT64, calls.size());
        for (SampleSource s : calls) {
            npz.int64(s.seed());
        }
        npz.end();
        npz.begin("call_offset_ms", NpzWriter.Type.INT64, calls.size());
        for (SampleSource s : calls) {
            npz.int64(s.offsetMs());
        }
        npz.end();
        npz.strings("digest", List.of(dataset.digest()));
        npz.close();
    }

    private static void strings(NpzWriter npz, String name, List<SampleSource> calls,
                                Function<SampleSource, String> field) throws IOException {
        List<String> values = new ArrayList<>(calls.size());
        for (SampleSource s : calls) {
            values.add(field.apply(s));
        }
        npz.strings(name, values);
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
