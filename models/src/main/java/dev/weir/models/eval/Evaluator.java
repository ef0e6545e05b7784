package dev.weir.models.eval;

import dev.weir.bwe.model.HeadSpec;
import dev.weir.bwe.model.LstmClassifier;
import dev.weir.bwe.model.ModelArchitecture;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Prediction;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.Tasks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Evaluates a model artifact on one split of a dataset through bwe-core's {@link LstmClassifier}
 * (the code that ships to clients, not Deeplearning4j), next to the rule baselines recorded in the
 * dataset.
 *
 * <p>Per model head (task): samples whose label is -1 are left out. The model's class is its most
 * probable one and its ROC-AUC score the positive-class probability. A baseline serves a task when
 * its column name starts with {@link Tasks#baselinePrefix} ({@code loss:} or {@code congestion:});
 * it is reported under the rest of the name. A baseline verdict of -1 (no verdict: the rule had
 * nothing to say) counts as the negative class (random loss, no congestion), because a client
 * steered by that rule would not react; its ROC-AUC comes from the binary verdict. The congestion
 * task also gets {@link LeadTimeMetrics}. Everything is repeated per scenario family.
 *
 * <p>Stateless and thread-safe.
 */
public final class Evaluator {
    /** The split evaluated when none is given. */
    public static final String DEFAULT_SPLIT = "test";

    private Evaluator() {
    }

    /**
     * Evaluates {@code artifact} on {@code split} of {@code dataset}.
     *
     * @throws IllegalArgumentException when the model's inputs or heads do not match the dataset,
     *                                  or the split has no samples
     */
    public static EvalReport evaluate(ModelArtifact artifact, Dataset dataset, String split) {
        ModelArchitecture arch = artifact.architecture();
        checkCompatible(artifact, dataset);
        int[] samples = dataset.indicesOfSplit(split);
        if (samples.length == 0) {
            throw new IllegalArgumentException("split '" + split + "' of the dataset has no samples");
        }
        int heads = arch.heads().size();
        int[][] predicted = new int[heads][samples.length];
        double[][] positive = new double[heads][samples.length];
        LstmClassifier classifier = new LstmClassifier(artifact);
        Prediction prediction = classifier.newPrediction();
        float[] window = new float[dataset.tsSteps() * dataset.tsFeatures()];
        float[] dense = new float[dataset.denseFeatures()];
        for (int k = 0; k < samples.length; k++) {
            dataset.tsWindow(samples[k], window);
            dataset.denseFeatures(samples[k], dense);
            classifier.predict(window, dense, prediction);
            for (int h = 0; h < heads; h++) {
                predicted[h][k] = prediction.mostLikelyClass(h);
                positive[h][k] = prediction.probability(h, Tasks.POSITIVE_CLASS);
            }
        }
        List<TaskReport> tasks = new ArrayList<>();
        for (int h = 0; h < heads; h++) {
            tasks.add(evaluateTask(dataset, arch.heads().get(h).name(), samples, predicted[h], positive[h]));
        }
        return new EvalReport(split, artifact.sha256(), dataset.digest(), samples.length, tasks);
    }

    private static TaskReport evaluateTask(Dataset dataset, String task, int[] samples, int[] modelClass,
            double[] modelScore) {
        boolean leadTime = task.equals(Dataset.TASK_CONGESTION);
        Map<String, Integer> baselines = baselinesOf(dataset, task);
        TreeSet<String> families = new TreeSet<>();
        for (int i : samples) {
            families.add(dataset.source(i).family());
        }
        Map<String, FamilyReport> perFamily = new LinkedHashMap<>();
        for (String family : families) {
            Selection selection = Selection.of(dataset, task, samples, family);
            perFamily.put(family, new FamilyReport(selection.model(modelClass, modelScore, leadTime),
                    selection.baselines(baselines, leadTime)));
        }
        Selection all = Selection.of(dataset, task, samples, null);
        return TaskReport.of(task, all.model(modelClass, modelScore, leadTime), all.baselines(baselines, leadTime),
                perFamily);
    }

    /** Baseline column index by reported name, for the columns serving {@code task}. */
    private static Map<String, Integer> baselinesOf(Dataset dataset, String task) {
        Map<String, Integer> out = new TreeMap<>();
        String prefix = Tasks.baselinePrefix(task);
        if (prefix == null) {
            return out;
        }
        List<String> names = dataset.baselineNames();
        for (int b = 0; b < names.size(); b++) {
            if (names.get(b).startsWith(prefix) && names.get(b).length() > prefix.length()) {
                out.put(names.get(b).substring(prefix.length()), b);
            }
        }
        return out;
    }

    private static void checkCompatible(ModelArtifact artifact, Dataset dataset) {
        ModelArchitecture arch = artifact.architecture();
        List<String> problems = new ArrayList<>();
        if (!artifact.featureSchemaDigest().equals(dataset.schema().digest())) {
            problems.add("feature schema " + artifact.featureSchemaDigest() + ", dataset has "
                    + dataset.schema().digest());
        }
        for (HeadSpec head : arch.heads()) {
            if (!Tasks.ALL.contains(head.name()) || head.classCount() != 2) {
                problems.add("head '" + head.name() + "' is not a binary task the dataset labels " + Tasks.ALL);
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("model " + artifact.fileName() + " does not fit the dataset: "
                    + String.join("; ", problems));
        }
    }

    /** The labelled samples of one task (optionally one family), as positions into the split. */
    private record Selection(Dataset dataset, int[] samples, int[] positions, int[] truth, int count) {
        static Selection of(Dataset dataset, String task, int[] split, String family) {
            int[] samples = new int[split.length];
            int[] positions = new int[split.length];
            int[] truth = new int[split.length];
            int n = 0;
            for (int k = 0; k < split.length; k++) {
                int label = dataset.label(task, split[k]);
                if (label < 0 || family != null && !dataset.source(split[k]).family().equals(family)) {
                    continue;
                }
                samples[n] = split[k];
                positions[n] = k;
                truth[n] = label;
                n++;
            }
            return new Selection(dataset, samples, positions, truth, n);
        }

        TaskMetrics model(int[] classes, double[] scores, boolean leadTime) {
            int[] predicted = new int[count];
            double[] score = new double[count];
            for (int n = 0; n < count; n++) {
                predicted[n] = classes[positions[n]];
                score[n] = scores[positions[n]];
            }
            return metrics(predicted, score, leadTime);
        }

        Map<String, TaskMetrics> baselines(Map<String, Integer> columns, boolean leadTime) {
            Map<String, TaskMetrics> out = new TreeMap<>();
            columns.forEach((name, column) -> {
                int[] predicted = new int[count];
                double[] score = new double[count];
                for (int n = 0; n < count; n++) {
                    // -1 (no verdict) counts as the negative class.
                    predicted[n] = dataset.baselineVerdict(column, samples[n]) == Tasks.POSITIVE_CLASS ? 1 : 0;
                    score[n] = predicted[n];
                }
                out.put(name, metrics(predicted, score, leadTime));
            });
            return out;
        }

        private TaskMetrics metrics(int[] predicted, double[] score, boolean leadTime) {
            return new TaskMetrics(BinaryMetrics.of(truth, predicted, score, count),
                    leadTime ? LeadTimeMetrics.of(dataset, samples, truth, predicted, count) : null);
        }
    }
}
