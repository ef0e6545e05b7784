package dev.weir.models.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static Dataset sample() {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 3, List.of("rtt_ms", "loss"), List.of("rtt_max")),
                List.of("spike", "zbs"));
        int train = b.addSource(new SampleSource("wired-stable", "wired", "wired-stable", 1, "train"));
        int test = b.addSource(new SampleSource("lte", "cellular-high", "mahimahi/test/Verizon-LTE-short.up", 7, "test"));
        b.add(train, 100, new float[] {1, 2, 3, 4, 5, 6}, new float[] {9}, 0, 1, 1, 1.5f, new byte[] {1, -1});
        b.add(test, 200, new float[] {6, 5, 4, 3, 2, Float.NaN}, new float[] {-7.25f}, -1, 0, 0, -1f,
                new byte[] {-1, 0});
        b.add(test, 400, new float[] {0.5f, 0, -1, 1e9f, 3, 2}, new float[] {0}, 1, 1, 0, 0f, new byte[] {0, 1});
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
        assertEquals(List.of("ts_window", "dense", "loss_type", "congestion", "congestion_rule", "lead_time_s",
                "source_index", "time_ms", "baseline_verdicts", "ts_feature_names", "dense_feature_names",
                "baseline_names", "source_scenario", "source_family", "source_trace", "source_split", "source_seed",
                "digest"), List.copyOf(a.keySet()));
        Npy ts = a.get("ts_window");
        assertEquals("<f4", ts.descr());
        assertEquals(List.of(3, 3, 2), ts.shape());
        float[] window = new float[6];
        for (int i = 0; i < 3; i++) {
            data.tsWindow(i, window);
            for (int k = 0; k < 6; k++) {
                assertEquals(Float.floatToRawIntBits(window[k]), Float.floatToRawIntBits(ts.data().getFloat((i * 6 + k) * 4)),
                        "ts_window[" + i + "] value " + k + " bit for bit (NaN included)");
            }
        }
        assertEquals(List.of(3, 1), a.get("dense").shape());
        assertEquals(-7.25f, a.get("dense").data().getFloat(4));
        assertEquals("|i1", a.get("loss_type").descr());
        assertEquals(List.of(0, -1, 1), List.of((int) a.get("loss_type").data().get(0),
                (int) a.get("loss_type").data().get(1), (int) a.get("loss_type").data().get(2)));
        assertEquals(-1f, a.get("lead_time_s").data().getFloat(4));
        assertEquals("<i4", a.get("time_ms").descr());
        assertEquals(400, a.get("time_ms").data().getInt(8));
        assertEquals(1, a.get("source_index").data().getInt(4));
        assertEquals(List.of(3, 2), a.get("baseline_verdicts").shape());
        assertEquals(1, a.get("baseline_verdicts").data().get(5));
        assertEquals("loss", string(a.get("ts_feature_names"), 1));
        assertEquals("zbs", string(a.get("baseline_names"), 1));
        assertEquals("mahimahi/test/Verizon-LTE-short.up", string(a.get("source_trace"), 1));
        assertEquals("test", string(a.get("source_split"), 1));
        assertEquals("<i8", a.get("source_seed").descr());
        assertEquals(7L, a.get("source_seed").data().getLong(8));
        assertEquals(data.digest(), string(a.get("digest"), 0));
    }

    @Test
    void shouldGiveTheSameBytesForTheSameDataset() throws Exception {
        assertArrayEquals(export(sample()), export(sample()));
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
                + "assert d['ts_window'].shape == (3, 3, 2) and d['ts_window'].dtype == np.float32\n"
                + "assert d['dense'][1, 0] == -7.25 and list(d['loss_type']) == [0, -1, 1]\n"
                + "assert str(d['source_split'][d['source_index'][2]]) == 'test'\n"
                + "assert d['baseline_verdicts'].tolist() == [[1, -1], [-1, 0], [0, 1]]\n"
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
