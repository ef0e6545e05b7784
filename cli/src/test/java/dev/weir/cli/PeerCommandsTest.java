package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weir.peers.onnx.OnnxGraphBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** onnx:&lt;name&gt; estimators in compare and simulate, test-trace scenarios, and their bad input (exit 2). */
class PeerCommandsTest {
    private static final String SCENARIO = """
            {"name": "short", "duration_s": 4,
             "link": {"capacity": {"type": "constant", "kbps": 1000}, "one_way_delay_ms": 30, "queue_ms": 200},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** A model with the MMSys'24 signature whose estimate is always 700 kbps. */
    private static byte[] constantPeer() {
        return new OnnxGraphBuilder("constant", 14).input("obs", 1L, 1L, 150L).input("hidden_states", 1L, 1L)
                .input("cell_states", 1L, 1L).output("output", 1L, 1L, 2L).output("state_out", 1L, 1L)
                .output("cell_out", 1L, 1L)
                .longs("flat_shape", new long[] {1, 150}, 2).longs("out_shape", new long[] {1, 1, 2}, 3)
                .floats("w", new float[300], 150, 2).floats("b", new float[] {700_000f, 700_000f}, 2)
                .node("Reshape", new String[] {"obs", "flat_shape"}, new String[] {"flat"})
                .node("MatMul", new String[] {"flat", "w"}, new String[] {"z"})
                .node("Add", new String[] {"z", "b"}, new String[] {"z2"})
                .node("Reshape", new String[] {"z2", "out_shape"}, new String[] {"output"})
                .node("Identity", new String[] {"hidden_states"}, new String[] {"state_out"})
                .node("Identity", new String[] {"cell_states"}, new String[] {"cell_out"}).toBytes();
    }

    private static Path peersRoot(Path dir) throws Exception {
        Path root = dir.resolve("peers");
        Files.createDirectories(root.resolve("constant"));
        Files.write(root.resolve("constant/constant.onnx"), constantPeer());
        Files.createDirectories(root.resolve("broken"));
        Files.writeString(root.resolve("broken/broken.onnx"), "garbage");
        Files.createDirectories(root.resolve("licence-only"));
        return root;
    }

    private static Path scenario(Path dir) throws Exception {
        Path file = dir.resolve("scenario.json");
        Files.writeString(file, SCENARIO);
        return file;
    }

    @Test
    void shouldRunAPeerInCompareWithTheAudioStreamAndRecordIt(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report");
        int code = run("compare", "--scenarios", scenario(dir).toString(), "--estimators", "gcc,onnx:constant",
                "--peers-root", peersRoot(dir).toString(), "--audio", "--seeds", "2", "--threads", "2", "--out",
                report.toString());
        assertEquals(0, code, err.toString());
        JsonNode json = new ObjectMapper().readTree(report.resolve("report.json").toFile());
        assertEquals("onnx:constant", json.get("comparisons").get(0).get("estimator").asText());
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertTrue(run.get("audio_forced").asBoolean(), run.toString());
    }

    @Test
    void shouldDriveTheTargetFromThePeerInSimulate(@TempDir Path dir) throws Exception {
        Path result = dir.resolve("call");
        int code = run("simulate", "--scenario", scenario(dir).toString(), "--estimator", "onnx:constant",
                "--peers-root", peersRoot(dir).toString(), "--out", result.toString());
        assertEquals(0, code, err.toString());
        String last = Files.readAllLines(result.resolve("timeseries.csv")).get(39);
        assertTrue(Pattern.compile(",700000(\\.0)?,").matcher(last).find(), "target 700 kbps at 4 s: " + last);
    }

    @Test
    void shouldExitWithBadInputForAnUnknownPeer(@TempDir Path dir) throws Exception {
        int code = run("simulate", "--scenario", scenario(dir).toString(), "--estimator", "onnx:schaferct",
                "--peers-root", peersRoot(dir).toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("unknown peer 'schaferct'") && err.toString().contains("[broken, constant]"),
                err.toString());
    }

    @Test
    void shouldExitWithBadInputForAFolderWithoutAModel(@TempDir Path dir) throws Exception {
        int code = run("simulate", "--scenario", scenario(dir).toString(), "--estimator", "onnx:licence-only",
                "--peers-root", peersRoot(dir).toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("no .onnx model in"), err.toString());
    }

    @Test
    void shouldExitWithBadInputForAModelOnnxRuntimeRejects(@TempDir Path dir) throws Exception {
        int code = run("compare", "--scenarios", scenario(dir).toString(), "--estimators", "gcc,onnx:broken",
                "--peers-root", peersRoot(dir).toString(), "--seeds", "1", "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("broken.onnx: not a model ONNX Runtime can load"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")), "no output for a failed run");
    }

    @Test
    void shouldExitWithBadInputForAMissingPeersRoot(@TempDir Path dir) throws Exception {
        int code = run("simulate", "--scenario", scenario(dir).toString(), "--estimator", "onnx:constant",
                "--peers-root", dir.resolve("absent").toString(), "--out", dir.resolve("x").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("--peers-root " + dir.resolve("absent") + " is not a directory"),
                err.toString());
    }

    @Test
    void shouldBuildOneScenarioPerTestTrace(@TempDir Path dir) throws Exception {
        Path traces = dir.resolve("traces");
        Files.createDirectories(traces.resolve("toy/test"));
        Files.createDirectories(traces.resolve("toy/train"));
        Files.writeString(traces.resolve("toy/test/a"), "0\t1.0\n1\t2.0\n");
        Files.writeString(traces.resolve("toy/test/b"), "0\t0.5\n1\t0.8\n");
        Files.writeString(traces.resolve("toy/train/c"), "0\t1.0\n");
        Path report = dir.resolve("report");
        int code = run("compare", "--test-traces", "toy", "--traces-root", traces.toString(), "--trace-duration-s", "3",
                "--estimators", "gcc,oracle", "--seeds", "1", "--out", report.toString());
        assertEquals(0, code, err.toString());
        JsonNode run = new ObjectMapper().readTree(report.resolve("run.json").toFile());
        assertEquals(2, run.get("scenarios").size(), "train traces are never evaluation scenarios: " + run);
        assertTrue(run.get("scenarios").get(0).get("name").asText().startsWith("toy.a"), run.toString());
    }
}
