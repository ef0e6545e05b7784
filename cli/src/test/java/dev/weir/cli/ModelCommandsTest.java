package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.models.data.Dataset;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void shouldWriteAReproducibleSyntheticDataset(@TempDir Path dir) throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("lossy.json"), """
                {"name": "lossy", "duration_s": 20,
                 "link": {"capacity": {"type": "constant", "kbps": 1500}, "one_way_delay_ms": 30,
                          "jitter_ms": 0, "queue_ms": 200, "loss": {"type": "random", "rate": 0.05}},
                 "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
                """);
        Path split = dir.resolve("split.json");
        Files.writeString(split, "{\"description\": \"none\", \"test_groups\": []}");
        String[] args = {"dataset", "--no-traces", "--scenarios", scenarios.toString(), "--seeds", "1,2",
                "--test-split", split.toString(), "--threads", "2", "--out", dir.resolve("a.weirdata").toString()};
        assertEquals(0, run(args), err.toString());
        args[args.length - 1] = dir.resolve("b.weirdata").toString();
        args[args.length - 3] = "1";
        assertEquals(0, run(args), err.toString());
        byte[] a = Files.readAllBytes(dir.resolve("a.weirdata"));
        assertTrue(java.util.Arrays.equals(a, Files.readAllBytes(dir.resolve("b.weirdata"))),
                "thread count must not change the bytes");
        Dataset dataset = Dataset.read(dir.resolve("a.weirdata"));
        assertEquals(2, dataset.sources().size());
        assertTrue(dataset.steps() >= 2 * 99, "two 20 s calls of 200 ms steps: " + dataset.steps());
        assertTrue(out.toString().contains("production rule (RTT spike, 4 s/4 s) vs ground truth"), out.toString());
        assertTrue(out.toString().contains("random_loss_rate none/below_0.5pct/0.5_to_2pct/2_to_5pct/5_to_10pct/"
                + "above_10pct ") && out.toString().contains("; loss_burst none/isolated/bursty "), out.toString());
    }

    @Test
    void shouldDescribeTheCommittedDefaultModel() throws Exception {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("models/default"))) {
            dir = dir.getParent();
        }
        Path model;
        try (var files = Files.list(dir.resolve("models/default"))) {
            model = files.filter(p -> p.toString().endsWith(".weirmodel")).findFirst().orElseThrow();
        }
        assertEquals(0, run("model-info", model.toString()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("verified") && text.contains("streaming LSTM(") && text.contains("loss_attribution"),
                text);
    }

    @Test
    void shouldExitTwoNamingACorruptModelFile(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("broken.weirmodel");
        Files.writeString(bad, "WEIRMDL1 but not really");
        assertEquals(2, run("model-info", bad.toString()));
        assertTrue(err.toString().contains("broken.weirmodel"), err.toString());
    }

    @Test
    void shouldExitTwoForAMissingDatasetOrModel(@TempDir Path dir) {
        assertEquals(2, run("train", "--data", dir.resolve("none.weirdata").toString(), "--out", dir.toString()));
        assertTrue(err.toString().contains("none.weirdata"), err.toString());
        assertEquals(2, run("eval-model", "--model", dir.resolve("none.weirmodel").toString(), "--data",
                dir.resolve("none.weirdata").toString(), "--out", dir.toString()));
    }

    @Test
    void shouldAskForTracesWhenNoneAreConfigured(@TempDir Path dir) {
        assertEquals(2, run("dataset", "--traces-root", dir.resolve("absent").toString(), "--out",
                dir.resolve("d").toString()));
        assertTrue(err.toString().contains("--traces-root"), err.toString());
    }
}
