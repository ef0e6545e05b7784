package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluation of one task: the model, each baseline serving the task, both per scenario family, the
 * best baseline and a plain verdict. Baselines are compared by F1 on the positive class (their
 * ROC-AUC comes from a binary verdict, so it only summarises one operating point); ties go to the
 * higher ROC-AUC, then to the name.
 *
 * <p>Immutable and thread-safe.
 *
 * @param task        task name (the model head)
 * @param model       the model's metrics
 * @param baselines   baseline name (without the task prefix) to metrics
 * @param perFamily   scenario family to metrics
 * @param bestBaseline the best baseline's name, or null when no baseline serves the task
 * @param verdict     whether the model beats the best baseline, and by how much
 */
public record TaskReport(String task, TaskMetrics model, Map<String, TaskMetrics> baselines,
        Map<String, FamilyReport> perFamily, String bestBaseline, String verdict) {
    public TaskReport {
        baselines = Collections.unmodifiableMap(new TreeMap<>(baselines));
        perFamily = Collections.unmodifiableMap(new TreeMap<>(perFamily));
    }

    /** Builds the report, choosing the best baseline and writing the verdict. */
    public static TaskReport of(String task, TaskMetrics model, Map<String, TaskMetrics> baselines,
            Map<String, FamilyReport> perFamily) {
        String best = null;
        for (Map.Entry<String, TaskMetrics> entry : new TreeMap<>(baselines).entrySet()) {
            if (best == null || better(entry.getValue().binary(), baselines.get(best).binary())) {
                best = entry.getKey();
            }
        }
        return new TaskReport(task, model, baselines, perFamily, best,
                verdict(model.binary(), best, best == null ? null : baselines.get(best).binary()));
    }

    private static boolean better(BinaryMetrics a, BinaryMetrics b) {
        if (a.f1() != b.f1()) {
            return a.f1() > b.f1();
        }
        return auc(a) > auc(b);
    }

    private static double auc(BinaryMetrics m) {
        return Double.isNaN(m.rocAuc()) ? -1 : m.rocAuc();
    }

    private static String verdict(BinaryMetrics model, String best, BinaryMetrics baseline) {
        if (best == null) {
            return String.format(Locale.ROOT, "no baseline serves this task; model F1 %.3f, ROC-AUC %s", model.f1(),
                    format(model.rocAuc()));
        }
        double delta = model.f1() - baseline.f1();
        String outcome = delta > 0 ? "model beats the best baseline" : delta == 0 ? "model ties the best baseline"
                : "model does not beat the best baseline";
        return String.format(Locale.ROOT, "%s (%s): F1 %.3f vs %.3f (%+.3f), ROC-AUC %s vs %s, accuracy %.3f vs %.3f",
                outcome, best, model.f1(), baseline.f1(), delta, format(model.rocAuc()), format(baseline.rocAuc()),
                model.accuracy(), baseline.accuracy());
    }

    private static String format(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
    }

    /** The task's JSON object: model, baselines, best_baseline, verdict, per_family (fixed key order). */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("model", model.toJson());
        ObjectNode b = node.putObject("baselines");
        baselines.forEach((name, metrics) -> b.set(name, metrics.toJson()));
        if (bestBaseline == null) {
            node.putNull("best_baseline");
        } else {
            node.put("best_baseline", bestBaseline);
        }
        node.put("verdict", verdict);
        ObjectNode families = node.putObject("per_family");
        perFamily.forEach((family, report) -> families.set(family, report.toJson()));
        return node;
    }
}
