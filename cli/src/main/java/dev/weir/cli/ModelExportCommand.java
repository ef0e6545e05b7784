package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.peers.onnx.ExportCheck;
import dev.weir.peers.onnx.LstmOnnxExporter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir model-export}: a model artifact as ONNX, verified by ONNX Runtime against the Java runtime. */
@Command(name = "model-export", mixinStandardHelpOptions = true,
        description = {"Exports a model artifact to ONNX, checked against the pure-Java runtime.",
                "Writes the LSTM + dense graph with the normalisation inside (inputs: raw ts_window",
                "[batch, steps, features] and dense [batch, features]; one softmax output per head;",
                "feature names in the metadata), for Netron, Python or any ONNX runtime. Before writing,",
                "ONNX Runtime runs the graph on --check-inputs random windows and every probability",
                "must agree with the Java runtime within 1e-5."})
final class ModelExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", defaultValue = "onnx", description = "Output format: onnx (default: ${DEFAULT-VALUE}).")
    String format;
    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model artifact (.weirmodel).")
    Path model;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "ONNX file to write.")
    Path out;
    @Option(names = "--check-inputs", defaultValue = "1000", paramLabel = "N",
            description = "Random windows compared with the Java runtime (default: ${DEFAULT-VALUE}).")
    int checkInputs;

    @Override
    public Integer call() throws Exception {
        if (!"onnx".equals(format)) {
            throw new BadInputException("--format " + format + ": the only export format is onnx");
        }
        if (checkInputs < 1) {
            throw new BadInputException("--check-inputs must be at least 1, got " + checkInputs);
        }
        ModelArtifact artifact = ModelArtifact.read(model);
        byte[] onnx = LstmOnnxExporter.export(artifact);
        ExportCheck.Result check = ExportCheck.compare(artifact, onnx, checkInputs, 1);
        if (!check.agrees()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "the exported graph disagrees with the Java runtime: max |difference| %.3g > %.0e",
                    check.maxAbsDifference(), ExportCheck.TOLERANCE));
        }
        AtomicFiles.write(out, onnx);
        spec.commandLine().getOut().printf(Locale.ROOT,
                "%s -> %s (%d bytes, ONNX opset %d)%nchecked on %d random windows: max |ONNX Runtime - Java| %.3g,"
                        + " mean %.3g (limit %.0e)%n",
                model, out, onnx.length, LstmOnnxExporter.OPSET, check.inputs(), check.maxAbsDifference(),
                check.meanAbsDifference(), ExportCheck.TOLERANCE);
        return 0;
    }
}
