package dev.weir.models.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link ModelEvaluation#evaluate}: the report (eval.json) and the reliability
 * diagrams' bins per head. {@link #toJson()} is deterministic: insertion key order, two-space
 * indentation with {@code \n} line ends on every platform, arrays on one line, numbers rounded to
 * six decimals.
 *
 * <p>Immutable and thread-safe (the node is copied in and out).
 */
public final class EvalReport {
    private static final ObjectWriter WRITER = new ObjectMapper().writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(DefaultPrettyPrinter.FixedSpaceIndenter.instance));

    private final ObjectNode root;
    private final Map<String, double[][]> reliability;

    EvalReport(ObjectNode root, Map<String, double[][]> reliability) {
        this.root = root.deepCopy();
        this.reliability = new LinkedHashMap<>(reliability);
    }

    /** This report naming {@code sha256} as the evaluated (first seed's) model. */
    public EvalReport withModel(String sha256) {
        ObjectNode copy = root.deepCopy();
        copy.put("model_sha256", sha256);
        if (copy.get("seed_models") instanceof com.fasterxml.jackson.databind.node.ArrayNode seeds && !seeds.isEmpty()) {
            seeds.set(0, sha256);
        }
        return new EvalReport(copy, reliability);
    }

    /** This report with {@code node} under {@code key} at the top level (e.g. the online evaluation). */
    public EvalReport with(String key, JsonNode node) {
        ObjectNode copy = root.deepCopy();
        copy.set(key, node.deepCopy());
        return new EvalReport(copy, reliability);
    }

    /** This report with {@code node} as task {@code task}. */
    public EvalReport withTask(String task, JsonNode node) {
        ObjectNode copy = root.deepCopy();
        ((ObjectNode) copy.get("tasks")).set(task, node.deepCopy());
        return new EvalReport(copy, reliability);
    }

    /** A copy of the report. */
    public ObjectNode toJsonNode() {
        return root.deepCopy();
    }

    /** The report of {@code task} (e.g. {@code loss_attribution}), or null. */
    public JsonNode task(String task) {
        JsonNode tasks = root.get("tasks");
        return tasks == null ? null : tasks.get(task);
    }

    /** eval.json's text: same report, same bytes. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the evaluation report", e);
        }
    }

    /** Writes {@link #toJson()} as UTF-8 to {@code file} atomically. */
    public void writeJson(Path file) throws IOException {
        AtomicFiles.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** Writes one reliability diagram per head into {@code directory} ({@code reliability-<head>.svg}). */
    public void writeReliabilityPlots(Path directory) throws IOException {
        for (Map.Entry<String, double[][]> plot : reliability.entrySet()) {
            String head = plot.getKey().substring(0, plot.getKey().indexOf(':'));
            AtomicFiles.write(directory.resolve("reliability-" + head + ".svg"),
                    ReliabilityPlot.svg(plot.getKey(), plot.getValue()).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * A compact summary for the model artifact's metrics: per task the headline values (leaves out
     * the model digest, which changes when the metrics are added).
     */
    public ObjectNode summaryMetrics() {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ObjectNode split = out.putObject(root.path("split").asText());
        split.put("test_split_digest", root.path("test_split_digest").asText());
        split.put("dataset_digest", root.path("dataset_digest").asText());
        JsonNode loss = task("loss_attribution");
        if (loss != null) {
            ObjectNode node = split.putObject("loss_attribution");
            for (String key : new String[] {"f1", "pr_auc", "ece", "safe_hold_error", "random_recall"}) {
                node.set(key, loss.path("model").path(key));
            }
        }
        JsonNode onset = task("congestion_onset");
        if (onset != null) {
            ObjectNode node = split.putObject("congestion_onset");
            for (String key : new String[] {"roc_auc", "median_lead_time_s", "false_alarms_per_min", "ece"}) {
                node.set(key, onset.path("model").path(key));
            }
            node.set("self_induced_roc_auc", onset.path("causes").path("self_induced").path("roc_auc"));
        }
        return out;
    }

    /** One line per task, for a terminal. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        JsonNode loss = task("loss_attribution");
        if (loss != null) {
            JsonNode m = loss.path("model");
            text.append(String.format(Locale.ROOT, "loss_attribution: F1 %s %s, PR-AUC %s, ECE %s, safe-hold error %s"
                    + " at random recall %s; lossy calls F1 %s%n", m.path("f1"), m.path("f1_ci95"), m.path("pr_auc"),
                    m.path("ece"), m.path("safe_hold_error"), m.path("random_recall"),
                    loss.path("strata").path("lossy_calls").path("f1")));
        }
        JsonNode onset = task("congestion_onset");
        if (onset != null) {
            JsonNode m = onset.path("model");
            text.append(String.format(Locale.ROOT, "congestion_onset: ROC-AUC %s %s, self-induced %s, median lead %s s,"
                    + " %s false alarms/min, ECE %s%n", m.path("roc_auc"), m.path("roc_auc_ci95"),
                    onset.path("causes").path("self_induced").path("roc_auc"), m.path("median_lead_time_s"),
                    m.path("false_alarms_per_min"), m.path("ece")));
        }
        JsonNode fec = task("fec_sizing");
        if (fec != null) {
            JsonNode rate = fec.path("rate");
            text.append(String.format(Locale.ROOT, "fec_sizing: non-congestive rate MAE %s pp %s (observed 4 s loss %s pp),"
                    + " burst ROC-AUC %s%n", rate.path("model").path("mae_pp"), rate.path("model").path("mae_pp_ci95"),
                    rate.path("baselines").path("observed_loss_4s").path("mae_pp"),
                    fec.path("burst").path("model").path("roc_auc")));
        }
        return text.toString();
    }
}
