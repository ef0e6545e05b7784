package dev.weir.cli;

import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.EvalReport;
import dev.weir.models.eval.ModelEvaluation;
import dev.weir.models.train.EpochProgress;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import dev.weir.models.train.TrainingProgress;
import dev.weir.models.train.TrainingResult;
import dev.weir.sim.runner.StartupTrace;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Train one model per seed, evaluate them together on a split (bootstrap intervals over recording
 * groups), export the first seed's model with the headline metrics inside, write the artifact,
 * {@code eval.json} and one reliability plot per head. Shared by {@code train} and
 * {@code default-model}. The wall clock feeds only printed figures, never a file, so the same data
 * and seeds give the same bytes.
 */
final class ModelTraining {
    private ModelTraining() {
    }

    /** The trained models of one run, the first seed's as shipped (with metrics), and the report. */
    record Outcome(ModelArtifact shipped, List<ModelArtifact> seeds, EvalReport report) {
    }

    /**
     * The trainer settings of a command: {@code file} ({@code --settings}) or the built-in ones,
     * with {@code --max-epochs} applied when given (null: the settings' own).
     */
    static TrainerSettings settings(Path file, Integer maxEpochs) {
        TrainerSettings settings = file == null ? new TrainerSettings()
                : dev.weir.bwe.config.SettingsJson.read(file, TrainerSettings.class);
        if (maxEpochs != null) {
            settings.maxEpochs = maxEpochs;
        }
        return settings;
    }

    static Outcome trainAll(Dataset dataset, TrainerSettings settings, List<Long> seeds, PrintWriter console) {
        List<ModelArtifact> models = new ArrayList<>();
        for (long seed : seeds) {
            TrainerSettings s = dev.weir.bwe.config.SettingsJson.copy(settings, TrainerSettings.class);
            s.seed = seed;
            console.printf("training seed %d%n", seed);
            TrainingResult result;
            try {
                result = Trainer.train(dataset, s, progress(console), ModelTraining::clockUs);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            console.println(result.report().summary());
            models.add(result.export(null));
        }
        return new Outcome(null, models, null);
    }

    static Outcome evaluate(List<ModelArtifact> models, Dataset reference, Dataset evaluated, String split,
                            int replicates, PrintWriter console) {
        String digest = reference.settings().path("test_split_digest").asText("none");
        EvalReport report;
        try {
            report = ModelEvaluation.evaluate(models, reference, evaluated, split, digest, replicates);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        ModelArtifact shipped = models.get(0).withMetrics(report.summaryMetrics());
        console.print(report.summary());
        return new Outcome(shipped, models, report.withModel(shipped.sha256()));
    }

    /** Writes the shipped model (replacing earlier ones), eval.json and the reliability plots into {@code outDir}. */
    static Path write(Outcome outcome, Path outDir, PrintWriter console) throws IOException {
        Files.createDirectories(outDir);
        ModelArtifact artifact = outcome.shipped();
        try (Stream<Path> old = Files.list(outDir)) {
            for (Path file : old.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)
                    && !p.getFileName().toString().equals(artifact.fileName())).toList()) {
                Files.delete(file); // one model per directory: the previous artifact is replaced
            }
        }
        Path model = artifact.writeTo(outDir);
        outcome.report().writeJson(outDir.resolve("eval.json"));
        outcome.report().writeReliabilityPlots(outDir);
        console.printf("model: %s%neval:  %s%n", model, outDir.resolve("eval.json"));
        return model;
    }

    static TrainingProgress progress(PrintWriter console) {
        return new TrainingProgress() {
            @Override
            public void onEpoch(EpochProgress epoch) {
                console.printf(Locale.ROOT, "epoch %3d/%d  train %.4f  validation %.5f%s  %.0f steps/s%n",
                        epoch.epoch(), epoch.maxEpochs(), epoch.trainLoss(), epoch.validationScore(),
                        epoch.improved() ? " *" : "", epoch.stepsPerS());
                console.flush();
                StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
            }

            @Override
            public void onCalibrationFold(int fold, int folds, boolean reused) {
                console.printf("calibration (pooled folds): model of fold %d of %d%s%n", fold, folds,
                        reused ? " is this model (same splits)" : "");
                console.flush();
            }

            @Override
            public void onFirstBatch() {
                Instant start = ProcessHandle.current().info().startInstant().orElse(null);
                if (start != null) {
                    console.printf(Locale.ROOT, "first batch enters the network %.2f s after the process started%n",
                            Duration.between(start, Instant.now()).toNanos() / 1e9);
                    console.flush();
                }
            }
        };
    }

    static long clockUs() {
        return System.nanoTime() / 1_000;
    }
}
