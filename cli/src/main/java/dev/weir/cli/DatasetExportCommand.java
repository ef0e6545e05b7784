package dev.weir.cli;

import dev.weir.bwe.util.AtomicFiles;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.DatasetNpzExport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code weir dataset-export}: a dataset as NPZ, for numpy and anything that reads it. */
@Command(name = "dataset-export", mixinStandardHelpOptions = true,
        description = {"Exports a dataset's labelled signal steps to NPZ (numpy.load reads it).",
                "One array per field, step axis first: ts (steps, features) float32, dense, decision,",
                "time_ms, labels (int8, -1 = none), lead_time_s, gate, cause, congested_now, network_type,",
                "random_loss_share and mean_burst_packets (float32, NaN = none), baseline_scores,",
                "call_start (call boundaries), feature, baseline and call names (docs/dataset-format.md)."})
final class DatasetExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (.weirdata, a WEIRDSET container).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "NPZ file to write.")
    Path out;
    @Option(names = "--format", defaultValue = "npz", description = "Output format: npz (default: ${DEFAULT-VALUE}).")
    String format;

    @Override
    public Integer call() throws Exception {
        if (!"npz".equals(format)) {
            throw new BadInputException("--format " + format + ": the only dataset export format is npz");
        }
        Dataset dataset = Dataset.read(data);
        AtomicFiles.write(out, stream -> DatasetNpzExport.write(dataset, stream));
        spec.commandLine().getOut().printf(Locale.ROOT, "%d steps of %d calls (%d time-series features, %d dense)"
                + " -> %s (%d bytes)%n", dataset.steps(), dataset.sources().size(), dataset.tsFeatures(),
                dataset.denseInputs(), out, Files.size(out));
        return 0;
    }
}
