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
        description = {"Exports a dataset's labelled windows to NPZ (numpy.load reads it).",
                "One array per field, sample axis first: ts_window (n, steps, features) float32, dense,",
                "labels (int8, -1 = none), lead_time_s, source_index, time_ms, baseline_verdicts,",
                "feature, baseline and source names (docs/dataset-format.md)."})
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
        spec.commandLine().getOut().printf(Locale.ROOT, "%d samples (%d x %d window, %d dense) -> %s (%d bytes)%n",
                dataset.size(), dataset.tsSteps(), dataset.tsFeatures(), dataset.denseFeatures(), out, Files.size(out));
        return 0;
    }
}
