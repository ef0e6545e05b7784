package dev.weir.models.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of {@link Evaluator#evaluate}: per task the model's, the baselines' and the per-family
 * metrics. {@link #toJson()} is deterministic: fixed key order, sorted baseline and family names,
 * two-space indentation with {@code \n} line ends on every platform, arrays on one line, shortest
 * round-trip doubles.
 *
 * <pre>
 * {"split": "test", "model_sha256": ..., "dataset_digest": ..., "samples": n,
 *  "tasks": {"loss_type": {"model": {...}, "baselines": {...}, "best_baseline": ..., "verdict": ...,
 *                          "per_family": {...}},
 *            "congestion": {... "model" also has median_lead_time_s ...}}}
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param split         the evaluated split
 * @param modelSha256   SHA-256 of the evaluated artifact
 * @param datasetDigest the dataset's digest
 * @param samples       samples in the split
 * @param tasks         one report per model head, in head order
 */
public record EvalReport(String split, String modelSha256, String datasetDigest, int samples,
        List<TaskReport> tasks) {
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    public EvalReport {
        tasks = List.copyOf(tasks);
    }

    /** The report of {@code task}, or null. */
    public TaskReport task(String task) {
        for (TaskReport report : tasks) {
            if (report.task().equals(task)) {
                return report;
            }
        }
        return null;
    }

    public ObjectNode toJsonNode() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("split", split);
        root.put("model_sha256", modelSha256);
        root.put("dataset_digest", datasetDigest);
        root.put("samples", samples);
        ObjectNode taskNode = root.putObject("tasks");
        for (TaskReport task : tasks) {
            taskNode.set(task.task(), task.toJson());
        }
        return root;
    }

    /** eval.json's text: same report, same bytes. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(toJsonNode()) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the evaluation report", e);
        }
    }

    /** Writes {@link #toJson()} as UTF-8 to {@code file} atomically, creating parent directories. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A compact summary to store in the model artifact's metrics (export, evaluate, export again
     * with this): {@code {"<split>": {"dataset_digest": ..., "<task>": {accuracy, precision, recall,
     * f1, roc_auc, support, best_baseline, best_baseline_f1}}}}. Leaves out the model digest, which
     * changes when the metrics are added.
     */
    public ObjectNode summaryMetrics() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ObjectNode splitNode = root.putObject(split);
        splitNode.put("dataset_digest", datasetDigest);
        for (TaskReport task : tasks) {
            ObjectNode node = splitNode.putObject(task.task());
            BinaryMetrics m = task.model().binary();
            TaskMetrics.number(node, "accuracy", m.accuracy());
            TaskMetrics.number(node, "precision", m.precision());
            TaskMetrics.number(node, "recall", m.recall());
            TaskMetrics.number(node, "f1", m.f1());
            TaskMetrics.number(node, "roc_auc", m.rocAuc());
            node.put("support", m.support());
            if (task.bestBaseline() != null) {
                node.put("best_baseline", task.bestBaseline());
                TaskMetrics.number(node, "best_baseline_f1", task.baselines().get(task.bestBaseline()).binary().f1());
            }
        }
        return root;
    }

    /** One verdict line per task, for a terminal. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (TaskReport task : tasks) {
            text.append(task.task()).append(": ").append(task.verdict()).append('\n');
        }
        return text.toString();
    }
}
