package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir dataset-export}: NPZ out, bad input exit 2. */
class DatasetExportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path dataset(Path dir) throws Exception {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 2, List.of("rtt_ms"), List.of("rtt_max")),
                List.of("spike"));
        int s = b.addSource(new SampleSource("s", "wired", "s", 1, "train"));
        b.add(s, 100, new float[] {1, 2}, new float[] {3}, 0, 1, 1, 0.5f, new byte[] {1});
        Path file = dir.resolve("d.weirdata");
        b.build().write(file);
        return file;
    }

    @Test
    void shouldWriteAnNpzOfEveryField(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("d.npz");
        assertEquals(0, run("dataset-export", "--data", dataset(dir).toString(), "--out", npz.toString()), err.toString());
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(npz.toFile())) {
            zip.stream().forEach(e -> names.add(e.getName()));
        }
        assertTrue(names.containsAll(List.of("ts_window.npy", "dense.npy", "loss_type.npy", "source_split.npy")),
                names.toString());
        assertTrue(out.toString().startsWith("1 samples (2 x 1 window, 1 dense)"), out.toString());
    }

    @Test
    void shouldRejectACorruptDatasetAndAnUnknownFormat(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.weirdata");
        Files.writeString(bogus, "WEIRDSET and nothing else");
        assertEquals(2, run("dataset-export", "--data", bogus.toString(), "--out", dir.resolve("a.npz").toString()));
        assertEquals(2, run("dataset-export", "--data", dataset(dir).toString(), "--out",
                dir.resolve("b.arrow").toString(), "--format", "arrow"));
        assertTrue(err.toString().contains("the only dataset export format is npz"), err.toString());
        assertTrue(!Files.exists(dir.resolve("a.npz")));
    }
}
