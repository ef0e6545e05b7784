package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.EvalReport;
import dev.weir.models.eval.Evaluator;
import dev.weir.models.eval.TaskComparison;
import dev.weir.models.train.EpochProgress;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import dev.weir.models.train.TrainingResult;
import dev.weir.sim.runner.StartupTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Train, evaluate on the test split, export with the test metrics inside, write the artifact and
 * {@code eval.json}. Shared by {@code train} and {@code default-model}. The wall clock feeds only
 * the printed throughput, never a file, so the same data and seed give the same bytes.
 */
final class ModelTraining {
    private ModelTraining() {
    }

    static Path run(Dataset dataset, TrainerSettings settings, Path outDir, boolean compareSingleTask,
                    PrintWriter console) throws IOException {
        Files.createDirectories(outDir);
        TrainingResult result;
        try {
            result = Trainer.train(dataset, settings, epoch -> print(console, epoch), ModelTraining::clockUs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        console.println(result.report().summary());
        ModelArtifact provisional = result.export(null);
        EvalReport test = Evaluator.evaluate(provisional, dataset, "test");
        ModelArtifact artifact = result.export(test.summaryMetrics());
        EvalReport finalReport = Evaluator.evaluate(artifact, dataset, "test");
        try (Stream<Path> old = Files.list(outDir)) {
            for (Path file : old.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)
                    && !p.getFileName().toString().equals(artifact.fileName())).toList()) {
                Files.delete(file); // one model per directory: the previous artifact is replaced
            }
        }
        Path model = artifact.writeTo(outDir);
        finalReport.writeJson(outDir.resolve("eval.json"));
        console.println(finalReport.summary());
        if (compareSingleTask) {
            TaskComparison.Result comparison = TaskComparison.compare(dataset, settings, "test",
                    name -> epoch -> print(console, epoch), ModelTraining::clockUs);
            AtomicFiles.write(outDir.resolve("task-comparison.json"),
                    (comparison.toJson().toPrettyString() + "\n").getBytes(StandardCharsets.UTF_8));
            console.println(comparison.toText());
        }
        console.printf("model: %s%neval:  %s%n", model, outDir.resolve("eval.json"));
        return model;
    }

    private static void print(PrintWriter console, EpochProgress epoch) {
        console.printf(Locale.ROOT, "epoch %3d/%d  train loss %.4f  validation %.4f%s  %.0f samples/s%n",
                epoch.epoch(), epoch.maxEpochs(), epoch.trainLoss(), epoch.validationScore(),
                epoch.improved() ? " *" : "", epoch.samplesPerS());
        console.flush();
        StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
    }

    private static long clockUs() {
        return System.nanoTime() / 1_000;
    }
}
