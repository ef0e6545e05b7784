package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.config.SettingsJson;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.Trainer;
import dev.weir.models.train.TrainerSettings;
import dev.weir.models.train.TrainingProgress;
import dev.weir.models.train.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Multi-task versus per-task models (the design's stated future work: one shared time-series
 * representation instead of one model per task): trains one model with every task of the settings
 * and one single-head model per task, on the same data with the same seed and settings otherwise,
 * and evaluates all on the same split through the shipped classifier.
 *
 * <p>Stateless and thread-safe; each call trains its own models.
 */
public final class TaskComparison {
    /** Name of the multi-task model in progress callbacks and reports. */
    public static final String MULTI_TASK = "multi_task";

    private TaskComparison() {
    }

    /**
     * Trains and evaluates the models.
     *
     * @param settings  settings of every model; {@code tasks} lists the tasks (at least two)
     * @param progress  gives the progress listener of each model ({@value #MULTI_TASK} or the task name); null: none
     * @param clockUs   clock for training throughput only
     */
    public static Result compare(Dataset dataset, TrainerSettings settings, String split,
            Function<String, TrainingProgress> progress, LongSupplier clockUs) {
        if (settings.tasks == null || settings.tasks.size() < 2) {
            throw new IllegalArgumentException("a comparison needs at least two tasks, settings name " + settings.tasks);
        }
        Function<String, TrainingProgress> listeners = progress == null ? name -> TrainingProgress.NONE : progress;
        TrainingResult multi = Trainer.train(dataset, settings, listeners.apply(MULTI_TASK), clockUs);
        ModelArtifact multiArtifact = multi.export(null);
        EvalReport multiReport = Evaluator.evaluate(multiArtifact, dataset, split);
        Map<String, Row> rows = new LinkedHashMap<>();
        long singleParameters = 0;
        for (String task : settings.tasks) {
            TrainerSettings single = SettingsJson.copy(settings, TrainerSettings.class);
            single.tasks = new ArrayList<>(List.of(task));
            TrainingResult result = Trainer.train(dataset, single, listeners.apply(task), clockUs);
            ModelArtifact artifact = result.export(null);
            singleParameters += artifact.architecture().parameterCount();
            TaskReport singleReport = Evaluator.evaluate(artifact, dataset, split).task(task);
            rows.put(task, new Row(task, multiReport.task(task).model(), singleReport.model(),
                    multi.report().bestEpoch(), result.report().bestEpoch(), result.report().samplesPerS()));
        }
        return new Result(split, multiArtifact.architecture().parameterCount(), singleParameters,
                multi.report().samplesPerS(), List.copyOf(rows.values()));
    }

    /**
     * One task's test metrics from both models. Immutable and thread-safe.
     *
     * @param singleSamplesPerS training throughput of the single-task model (wall clock; not in JSON)
     */
    public record Row(String task, TaskMetrics multiTask, TaskMetrics singleTask, int multiBestEpoch,
            int singleBestEpoch, double singleSamplesPerS) {
    }

    /**
     * The comparison. Immutable and thread-safe.
     *
     * @param multiParameters        parameters of the multi-task model
     * @param singleParametersTotal  parameters of all single-task models together (what a client would download)
     * @param multiSamplesPerS       training throughput of the multi-task model (wall clock; not in JSON)
     */
    public record Result(String split, long multiParameters, long singleParametersTotal, double multiSamplesPerS,
            List<Row> rows) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** Deterministic JSON (no wall-clock figures). */
        public ObjectNode toJson() {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            root.put("split", split);
            ObjectNode parameters = root.putObject("parameters");
            parameters.put(MULTI_TASK, multiParameters);
            parameters.put("single_task_total", singleParametersTotal);
            ObjectNode tasks = root.putObject("tasks");
            for (Row row : rows) {
                ObjectNode task = tasks.putObject(row.task());
                task.set(MULTI_TASK, row.multiTask().toJson());
                task.set("single_task", row.singleTask().toJson());
                TaskMetrics.number(task, "f1_delta", row.multiTask().binary().f1() - row.singleTask().binary().f1());
                task.put("multi_task_best_epoch", row.multiBestEpoch());
                task.put("single_task_best_epoch", row.singleBestEpoch());
            }
            return root;
        }

        /** A side-by-side table for a terminal. */
        public String toText() {
            StringBuilder text = new StringBuilder();
            text.append(String.format(Locale.ROOT, "%-12s %-12s %9s %9s %9s %9s %9s%n", "task", "model", "accuracy",
                    "precision", "recall", "f1", "roc_auc"));
            for (Row row : rows) {
                line(text, row.task(), MULTI_TASK, row.multiTask().binary());
                line(text, row.task(), "single_task", row.singleTask().binary());
            }
            text.append(String.format(Locale.ROOT,
                    "parameters: multi-task %d, single-task models together %d; training %.0f samples/s (multi-task)%n",
                    multiParameters, singleParametersTotal, multiSamplesPerS));
            return text.toString();
        }

        private static void line(StringBuilder text, String task, String model, BinaryMetrics m) {
            text.append(String.format(Locale.ROOT, "%-12s %-12s %9.4f %9.4f %9.4f %9.4f %9.4f%n", task, model,
                    m.accuracy(), m.precision(), m.recall(), m.f1(), m.rocAuc()));
        }
    }
}
