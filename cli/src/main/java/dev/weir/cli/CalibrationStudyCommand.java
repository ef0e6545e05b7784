package dev.weir.cli;

import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.util.AtomicFiles;
import dev.weir.models.data.Dataset;
import dev.weir.models.dataset.SplitRule;
import dev.weir.models.train.CalibrationInputs;
import dev.weir.models.train.CalibrationStudy;
import dev.weir.models.train.Splits;
import dev.weir.models.train.Tasks;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import dev.weir.models.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code weir calibration-study}: {@link CalibrationStudy} on a dataset's grouped folds, the
 * evidence behind {@link TrainerSettings#calibration}. Trains one uncalibrated model per fold
 * ({@link Trainer#trainFold}, the same models {@code pooled_folds} calibration trains), or reads
 * them back from an earlier run ({@code --models}), then compares the calibrations on held-out
 * folds. Test calls are never read. Same data, settings and seed give the same models and numbers.
 */
@Command(name = "calibration-study", mixinStandardHelpOptions = true,
        description = {"Compares calibrations fitted on one fold and on pooled folds by cross-validation.",
                "Trains one uncalibrated model per grouped cross-validation fold of a dataset (that fold as",
                "validation, the other non-test calls as training), runs each on its own fold and, for every held-out",
                "fold, applies the calibration fitted on that fold (in-sample), on the dataset's validation fold",
                "(today's practice) and on the other folds pooled. Writes DIR/study.txt (per head and fold: ECE as the",
                "evaluation defines it and log loss) and the fold models DIR/fold-K/. Never reads test calls."})
final class CalibrationStudyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, paramLabel = "FILE", description = "Dataset file (./weir dataset).")
    Path data;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;
    @Option(names = "--settings", paramLabel = "FILE", description = "Trainer settings JSON (default: built-in).")
    Path settingsFile;
    @Option(names = "--seed", defaultValue = "1",
            description = "Training seed of the fold models (default: ${DEFAULT-VALUE}, the shipped model's).")
    long seed;
    @Option(names = "--max-epochs", description = "Overrides the settings' max_epochs.")
    Integer maxEpochs;
    @Option(names = "--models", paramLabel = "DIR",
            description = "Read the fold models from an earlier run's output (DIR/fold-K/) instead of training them.")
    Path models;

    @Override
    public Integer call() throws Exception {
        TrainerSettings settings = ModelTraining.settings(settingsFile, maxEpochs);
        settings.seed = seed;
        PrintWriter console = spec.commandLine().getOut();
        Dataset dataset = Dataset.read(data);
        int singleFold = validationFold(dataset, settings);
        List<CalibrationInputs> folds = new ArrayList<>();
        StringBuilder header = new StringBuilder();
        header.append("calibration study: dataset ").append(dataset.digest()).append(", seed ").append(seed)
                .append(", ").append(settings.folds).append(" grouped folds; model K, trained on the other folds,")
                .append(" predicts fold K\n");
        for (int fold = 0; fold < settings.folds; fold++) {
            long startNs = System.nanoTime();
            ModelArtifact model = models == null ? train(dataset, settings, fold, console)
                    : read(models.resolve("fold-" + fold), dataset, fold);
            CalibrationInputs inputs = new CalibrationInputs(
                    settings.tasks.stream().map(Tasks::head).toList());
            try {
                Trainer.addOutOfFold(inputs, model, dataset, settings, fold);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(e.getMessage());
            }
            folds.add(inputs);
            header.append("fold ").append(fold).append(": model ").append(model.sha256()).append('\n');
            console.printf(Locale.ROOT, "fold %d: model %s, %s and run on its fold in %.0f s%n", fold, model.sha256(),
                    models == null ? "trained" : "read", (System.nanoTime() - startNs) / 1e9);
            console.flush();
        }
        CalibrationStudy.Result result = CalibrationStudy.run(folds, singleFold);
        String text = header + "\n" + result.text();
        Files.createDirectories(out);
        AtomicFiles.write(out.resolve("study.txt"), text.getBytes(StandardCharsets.UTF_8));
        console.print(text);
        console.println("wrote " + out.resolve("study.txt"));
        return 0;
    }

    /** The grouped fold that is the dataset's own validation split (what {@code validation} calibration fits on). */
    private static int validationFold(Dataset dataset, TrainerSettings settings) {
        int[] validation = dataset.sourcesOfSplit(SplitRule.VALIDATION);
        for (int fold = 0; fold < settings.folds; fold++) {
            TrainerSettings s = SettingsJson.copy(settings, TrainerSettings.class);
            s.validationFold = fold;
            if (Arrays.equals(Splits.of(dataset, s).validation(), validation)) {
                return fold;
            }
        }
        throw new BadInputException("the dataset's validation split is none of its " + settings.folds
                + " grouped folds (trainer settings' folds must equal the dataset's)");
    }

    private ModelArtifact train(Dataset dataset, TrainerSettings settings, int fold, PrintWriter console)
            throws java.io.IOException {
        console.printf("training the model of fold %d of %d (seed %d)%n", fold, settings.folds, settings.seed);
        TrainingResult result;
        try {
            result = Trainer.trainFold(dataset, settings, fold, ModelTraining.progress(console),
                    ModelTraining::clockUs);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
        console.println(result.report().summary());
        ModelArtifact model = result.export(null);
        Path dir = out.resolve("fold-" + fold);
        Files.createDirectories(dir);
        deleteModels(dir, model.fileName());
        model.writeTo(dir);
        return model;
    }

    /** The one uncalibrated model in {@code dir}, trained on {@code dataset} with {@code fold} as validation. */
    private static ModelArtifact read(Path dir, Dataset dataset, int fold) throws java.io.IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)).sorted().toList();
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("--models: no directory " + dir);
        }
        if (files.size() != 1) {
            throw new BadInputException("--models: expected one model in " + dir + ", found " + files.size());
        }
        ModelArtifact model = ModelArtifact.read(files.get(0));
        if (!model.provenance().datasetDigest().equals(dataset.digest())
                || model.provenance().trainerSettings().path("validation_fold").asInt(-1) != fold) {
            throw new BadInputException("--models: " + files.get(0) + " was not trained on this dataset with fold "
                    + fold + " as validation");
        }
        return model;
    }

    private static void deleteModels(Path dir, String keep) throws java.io.IOException {
        try (Stream<Path> old = Files.list(dir)) {
            for (Path file : old.filter(p -> p.toString().endsWith(ModelArtifact.FILE_EXTENSION)
                    && !p.getFileName().toString().equals(keep)).toList()) {
                Files.delete(file);
            }
        }
    }
}
