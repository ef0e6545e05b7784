package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.signal.FeatureSchema;
import dev.weir.models.data.CallSteps;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.dataset.SplitRule;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir calibration-study}: one model per fold, the study, and the same numbers from the saved models. */
class CalibrationStudyCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    /** Two 30-step calls in each of the five grouped folds (fold 0 validates), one test call; random labels. */
    private static Path dataset(Path dir) throws Exception {
        Dataset.Builder b = Dataset.builder(FeatureSchema.custom(200, 2, List.of("rtt_ms"), List.of("rtt_max")),
                List.of());
        SplittableRandom random = new SplittableRandom(3);
        int[] perFold = new int[5];
        for (int g = 0; perFold[0] + perFold[1] + perFold[2] + perFold[3] + perFold[4] < 10; g++) {
            String group = "synthetic:g" + g;
            int fold = SplitRule.fold(group, 5);
            if (perFold[fold] == 2) {
                continue;
            }
            perFold[fold]++;
            b.addCall(new SampleSource("g" + g, "wired", "g" + g, group, 1, fold == 0 ? SplitRule.VALIDATION
                    : SplitRule.TRAIN, "gcc", 0, 0), call(random));
        }
        b.addCall(new SampleSource("t", "wired", "t", "synthetic:t", 1, SplitRule.TEST, "gcc", 0, 0), call(random));
        Path file = dir.resolve("d.weirdata");
        b.build().write(file);
        return file;
    }

    private static CallSteps call(SplittableRandom random) {
        int steps = 30;
        CallSteps call = new CallSteps(steps, 1, 1, 0);
        for (int t = 0; t < steps; t++) {
            call.ts[t] = (float) random.nextGaussian();
            call.timeMs[t] = (t + 1) * 200;
            if (t < 2) {
                continue;
            }
            call.decision[t] = 1;
            call.dense[t] = (float) random.nextGaussian();
            call.lossClass[t] = (byte) random.nextInt(3);
            call.congestion[t] = (byte) random.nextInt(2);
            call.gate[t] = (byte) (t % 2);
        }
        return call;
    }

    @Test
    void shouldTrainAModelPerFoldAndGiveTheSameStudyFromTheSavedModels(@TempDir Path dir) throws Exception {
        Path data = dataset(dir);
        Path settings = dir.resolve("trainer.json");
        Files.writeString(settings, "{\"lstm_units\": 3, \"dense_units\": 2, \"merge_units\": 3, \"batch_calls\": 4, \"frozen_trunk_tasks\": []}");
        Path first = dir.resolve("first");
        assertEquals(0, run("calibration-study", "--data", data.toString(), "--out", first.toString(), "--settings",
                settings.toString(), "--max-epochs", "1"), err.toString());
        String study = Files.readString(first.resolve("study.txt"));
        assertTrue(study.contains("held-out folds: 5; single fold: 0"), study);
        assertTrue(study.contains("| mean (folds != 0) | congestion | ece |"), study);
        for (int fold = 0; fold < 5; fold++) {
            try (var models = Files.list(first.resolve("fold-" + fold))) {
                assertEquals(1, models.filter(p -> p.toString().endsWith(".weirmodel")).count());
            }
        }
        Path second = dir.resolve("second");
        assertEquals(0, run("calibration-study", "--data", data.toString(), "--out", second.toString(), "--settings",
                settings.toString(), "--models", first.toString()), err.toString());
        assertEquals(study, Files.readString(second.resolve("study.txt")));
        assertEquals(2, run("calibration-study", "--data", data.toString(), "--out", second.toString(), "--models",
                dir.toString()));
        assertTrue(err.toString().contains("fold-0"), err.toString());
    }
}
