package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weir.bwe.signal.FeatureSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The NPZ export read back by an independent NPY reader (and by numpy when it is installed). */
class DatasetNpzExportTest {
    /** Two calls (train: 2 steps, test: 3 steps), two time-series features, one dense input, two baselines. */
    private static Dataset sample() {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 3, List.of("rtt_ms", "loss"), List.of("rtt_max")),
                List.of("spike", "zbs"));
        CallSteps train = new CallSteps(2, 2, 1, 2);
        float[] trainTs = {1, 2, 3, 4};
        System.arraycopy(trainTs, 0, train.ts, 0, 4);
        train.timeMs[0] = 100;
        train.timeMs[1] = 300;
        train.decision[1] = 1;
        train.dense[1] = 9;
        train.lossClass[1] = (byte) Dataset.LOSS_MIXED;
        train.congestion[1] = 1;
        train.leadTimeS[1] = 1.5f;
        train.gate[1] = 1;
        train.cause[1] = 1;
        train.randomLossShare[1] = 0.03f;
        train.meanBurstPackets[1] = 2.5f;
        train.baselineScores[2] = 1f;
        b.addCall(new SampleSource("wired-stable", "wired", "wired-stable", "synthetic:wired", 1, "train", "gcc", 0, 0),
                train);
        CallSteps test = new CallSteps(3, 2, 1, 2);
        float[] testTs = {6, 5, 4, Float.NaN, 1e9f, -1};
        System.arraycopy(testTs, 0, test.ts, 0, 6);
        for (int i = 0; i < 3; i++) {
            test.timeMs[i] = 200 * (i + 1);
            test.decision[i] = 1;
        }
        test.dense[0] = -7.25f;
        test.lossClass[0] = (byte) Dataset.LOSS_CONGESTION;
        test.lossClass[2] = (byte) Dataset.LOSS_PURE_RANDOM;
        test.congestion[0] = 0;
        test.congestion[2] = 1;
        test.leadTimeS[2] = 0f;
        test.congestedNow[2] = 1;
        test.typeLabel[1] = 2;
        test.randomLossShare[0] = 0f;
        test.baselineScores[1] = 0.25f;
        test.baselineScores[4] = 0f;
        b.addCall(new SampleSource("lte", "cellular-high", "mahimahi/test/Verizon-LTE-short.up",
                "mahimahi:Verizon-LTE", 7, "test", "weir", 1234, 0), test);
        return b.build();
    }

    /** One parsed .npy: its header fields and raw little-endian data. */
    private record Npy(String descr, List<Integer> shape, ByteBuffer data) {
    }

    private static Map<String, Npy> readNpz(byte[] npz) throws Exception {
        Map<String, Npy> arrays = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(npz))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                byte[] bytes = zip.readAllBytes();
                assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0},
                        java.util.Arrays.copyOf(bytes, 8), e.getName());
                int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
                assertEquals(0, (10 + headerLength) % 64, "data aligned to 64 bytes: " + e.getName());
                String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
                Matcher m = Pattern.compile("\\{'descr': '([^']+)', 'fortran_order': False, 'shape': \\(([0-9, ]*)\\), \\} *\\n")
                        .matcher(header);
                assertEquals(true, m.matches(), header);
                List<Integer> shape = Pattern.compile(",\\s*").splitAsStream(m.group(2).trim()).filter(s -> !s.isEmpty())
                        .map(Integer::parseInt).toList();
                arrays.put(e.getName().replace(".npy", ""), new Npy(m.group(1), shape,
                        ByteBuffer.wrap(bytes, 10 + headerLength, bytes.length - 10 - headerLength).slice()
                                .order(ByteOrder.LITTLE_ENDIAN)));
            }
        }
        return arrays;
    }

    private static byte[] export(Dataset data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DatasetNpzExport.write(data, out);
        return out.toByteArray();
    }

    private static String string(Npy npy, int index) {
        int width = Integer.parseInt(npy.descr().substring(2));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < width; i++) {
            int cp = npy.data().getInt((index * width + i) * 4);
            if (cp != 0) {
                s.appendCodePoint(cp);
            }
        }
        return s.toString();
    }

    @Test
    void shouldReadBackEveryArrayWithItsShapeTypeAndValues() throws Exception {
        Dataset data = sample();
        Map<String, Npy> a = readNpz(export(data));
        assertEquals(List.of("ts", "dense", "decision", "time_ms", "loss_attribution", "congestion", "lead_time_s",
                "gate", "cause", "congested_now", "network_type", "random_loss_share", "mean_burst_packets",
                "baseline_scores", "call_start", "ts_feature_names", "dense_input_names", "baseline_names",
                "call_scenario", "call_family", "call_trace", "call_group", "call_split", "call_driver", "call_seed",
                "call_offset_ms", "digest"), List.copyOf(a.keySet()));
        Npy ts = a.get("ts");
        assertEquals("<f4", ts.descr());
        assertEquals(List.of(5, 2), ts.shape());
        for (int i = 0; i < 5; i++) {
            for (int f = 0; f < 2; f++) {
                assertEquals(Float.floatToRawIntBits(data.tsValue(i, f)),
                        Float.floatToRawIntBits(ts.data().getFloat((i * 2 + f) * 4)),
                        "ts[" + i + "][" + f + "] bit for bit (NaN included)");
            }
        }
        assertEquals(List.of(5, 1), a.get("dense").shape());
        assertEquals(-7.25f, a.get("dense").data().getFloat(2 * 4));
        assertEquals(List.of(0, 1, 1, 1, 1), bytes(a.get("decision"), 5));
        assertEquals("|i1", a.get("loss_attribution").descr());
        assertEquals(List.of(-1, 1, 2, -1, 0), bytes(a.get("loss_attribution"), 5));
        assertEquals(List.of(-1, 1, 0, -1, 1), bytes(a.get("congestion"), 5));
        assertEquals(List.of(0, 1, 0, 0, 0), bytes(a.get("gate"), 5));
        assertEquals(List.of(-1, 1, -1, -1, -1), bytes(a.get("cause"), 5));
        assertEquals(List.of(0, 0, 0, 0, 1), bytes(a.get("congested_now"), 5));
        assertEquals(List.of(-1, -1, -1, 2, -1), bytes(a.get("network_type"), 5));
        assertEquals(1.5f, a.get("lead_time_s").data().getFloat(4));
        assertEquals(-1f, a.get("lead_time_s").data().getFloat(0));
        assertEquals("<f4", a.get("random_loss_share").descr());
        assertEquals(List.of(5), a.get("random_loss_share").shape());
        assertEquals(0.03f, a.get("random_loss_share").data().getFloat(4));
        assertEquals(0f, a.get("random_loss_share").data().getFloat(2 * 4));
        assertTrue(Float.isNaN(a.get("random_loss_share").data().getFloat(0)), "no label is NaN");
        assertEquals(2.5f, a.get("mean_burst_packets").data().getFloat(4));
        assertTrue(Float.isNaN(a.get("mean_burst_packets").data().getFloat(2 * 4)), "no burst label is NaN");
        assertEquals("<i4", a.get("time_ms").descr());
        assertEquals(600, a.get("time_ms").data().getInt(16));
        assertEquals(List.of(5, 2), a.get("baseline_scores").shape());
        assertEquals(1f, a.get("baseline_scores").data().getFloat(2 * 4));
        assertEquals(0.25f, a.get("baseline_scores").data().getFloat(5 * 4));
        assertEquals(true, Float.isNaN(a.get("baseline_scores").data().getFloat(0)), "no verdict is NaN");
        assertEquals("<i8", a.get("call_start").descr());
        assertEquals(List.of(3), a.get("call_start").shape());
        assertEquals(List.of(0L, 2L, 5L), List.of(a.get("call_start").data().getLong(0),
                a.get("call_start").data().getLong(8), a.get("call_start").data().getLong(16)));
        assertEquals("loss", string(a.get("ts_feature_names"), 1));
        assertEquals("zbs", string(a.get("baseline_names"), 1));
        assertEquals("mahimahi/test/Verizon-LTE-short.up", string(a.get("call_trace"), 1));
        assertEquals("mahimahi:Verizon-LTE", string(a.get("call_group"), 1));
        assertEquals("test", string(a.get("call_split"), 1));
        assertEquals("weir", string(a.get("call_driver"), 1));
        assertEquals(7L, a.get("call_seed").data().getLong(8));
        assertEquals(1234L, a.get("call_offset_ms").data().getLong(8));
        assertEquals(data.digest(), string(a.get("digest"), 0));
    }

    private static List<Integer> bytes(Npy npy, int n) {
        List<Integer> values = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            values.add((int) npy.data().get(i));
        }
        return values;
    }

    @Test
    void shouldGiveTheSameBytesForTheSameDataset() throws Exception {
        assertArrayEquals(export(sample()), export(sample()));
    }

    /** Two exports a few seconds apart once differed: the entries carried the clock's time. */
    @Test
    void shouldStampEveryEntryWithTheFixedTimeNotTheClock() throws Exception {
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(export(sample())))) {
            int entries = 0;
            for (java.util.zip.ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                assertEquals(NpzWriter.ENTRY_TIME, e.getTimeLocal(), e.getName());
                entries++;
            }
            assertTrue(entries > 5, entries + " entries");
        }
    }

    /**
     * numpy loads the export, and the Python reader of docs/dataset-format.md, run on the WEIRDSET
     * file, gives the same arrays (so the documented layout is the written one).
     */
    @Test
    void shouldLoadInNumpyAndMatchTheDocumentedReaderWhenPythonHasIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("d.npz");
        Files.write(file, export(sample()));
        Path weirds = dir.resolve("d.weirdata");
        sample().write(weirds);
        String doc = Files.readString(Path.of("../docs/dataset-format.md"));
        String reader = doc.substring(doc.indexOf("```python\nimport hashlib") + "```python\n".length());
        reader = reader.substring(0, reader.indexOf("```"));
        String script = reader + "\nd = np.load(r'" + file + "')\n"
                + "assert d['ts'].shape == (5, 2) and d['ts'].dtype == np.float32\n"
                + "assert d['dense'][2, 0] == -7.25 and list(d['loss_attribution']) == [-1, 1, 2, -1, 0]\n"
                + "assert str(d['call_split'][1]) == 'test' and list(d['call_start']) == [0, 2, 5]\n"
                + "header, raw = read_weirdset(r'" + weirds + "')\n"
                + "for k, v in raw.items():\n"
                + "    assert np.array_equal(v, d[k], equal_nan=True), k\n"
                + "print('numpy ok')\n";
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", "import numpy").redirectErrorStream(true).start();
            assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "python3 with numpy not installed");
        } catch (java.io.IOException e) {
            assumeTrue(false, "python3 not installed");
        }
        p = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), output);
        assertEquals("numpy ok", output.strip());
    }
}
