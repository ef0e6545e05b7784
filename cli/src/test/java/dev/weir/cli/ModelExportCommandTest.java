package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.weir.peers.onnx.LstmOnnxExporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir model-export}: the committed model as ONNX, and bad input (exit 2). */
class ModelExportCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    private static Path defaultModel() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("../models/default"))) {
            return files.filter(p -> p.toString().endsWith(".weirmodel")).findFirst().orElseThrow();
        }
    }

    @Test
    void shouldExportTheCommittedModelAndReportTheCheck(@TempDir Path dir) throws Exception {
        Path onnx = dir.resolve("model.onnx");
        int code = run("model-export", "--format", "onnx", "--model", defaultModel().toString(), "--out",
                onnx.toString(), "--check-inputs", "200");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("checked on 200 random calls: max |ONNX Runtime - Java|"), out.toString());
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(onnx.toString())) {
            // The four heads, then the streaming LSTM's state out (h, c).
            assertEquals(List.of("loss_attribution", "congestion", "random_loss_rate", "loss_burst",
                    LstmOnnxExporter.H_OUTPUT, LstmOnnxExporter.C_OUTPUT),
                    new ArrayList<>(session.getOutputNames()));
            assertEquals(4, session.getInputNames().size(), "steps, dense vector, the LSTM state in");
        }
    }

    @Test
    void shouldRejectAnUnknownFormat(@TempDir Path dir) throws Exception {
        int code = run("model-export", "--format", "tflite", "--model", defaultModel().toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(2, code);
        assertTrue(err.toString().contains("the only export format is onnx"), err.toString());
    }

    @Test
    void shouldRejectAFileThatIsNoModel(@TempDir Path dir) throws Exception {
        Path bogus = dir.resolve("bogus.weirmodel");
        Files.writeString(bogus, "not a model");
        int code = run("model-export", "--model", bogus.toString(), "--out", dir.resolve("m.onnx").toString());
        assertEquals(2, code, err.toString());
        assertFalse(Files.exists(dir.resolve("m.onnx")));
    }
}
