package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.model.ModelArtifact;
import dev.weir.bwe.model.Normalisation;
import dev.weir.models.data.Dataset;
import dev.weir.models.data.SampleSource;
import dev.weir.models.dataset.SplitRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Evaluates the shipped classifier (one artifact per training seed) on a split, next to fair
 * baselines, with cluster-bootstrap confidence intervals over recording groups ({@link Bootstrap}).
 * Every threshold is chosen on the validation split of the training dataset, never on the
 * evaluated split; the same rules pick the baselines' operating points.
 *
 * <p>Loss attribution (decisions with reported drops in the look-back): the positive class is
 * "congestion present" (mixed or congestion), the model's score {@code 1 - P(pure_random)}. F1 at
 * the validation-F1-optimal threshold; PR-AUC and ROC-AUC; ECE of {@code P(pure_random)}; and the
 * steering operating point: hold the rate when {@code P(pure_random) >= t_hold}, {@code t_hold} the
 * lowest validation threshold whose safe-hold error (held windows that contain a queue-overflow
 * drop) is at most {@link #SAFE_HOLD_ERROR}; {@code safe_hold_error} and {@code random_recall}
 * (pure random windows held) at it. Strata: calls with added random or bursty loss
 * ({@code lossy_calls}) and without, per trace set and per driver.
 *
 * <p>Congestion onset (decisions the observable gate calls not congested now): ROC-AUC, PR-AUC, ECE
 * of {@code P(yes)}; the operating point is the lowest validation threshold with at most
 * {@link #FALSE_ALARMS_PER_MIN} false alarms per minute (an alarm starts at a gated decision at or
 * above the threshold whose previous decision was not one; it is false when nothing congests
 * within the horizon); recall, precision, false alarms per minute of decision time and the median
 * lead time of the alarms that were right, there; per cause (positives of one cause against every
 * negative) ROC-AUC and lead. Detection (the other decisions) is reported separately.
 *
 * <p>FEC sizing ({@link FecEvaluation}): the non-congestive loss rate and burst heads against the
 * observed loss FEC was sized on before them.
 *
 * <p>Point estimates are means over the seeds; intervals come from replicates in which every
 * seed's metric is computed on the same resampled groups and averaged.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelEvaluation {
    /** Safe-hold error the steering operating point allows (the target). */
    public static final double SAFE_HOLD_ERROR = 0.01;
    /** False alarms per minute the onset operating point allows (the target). */
    public static final double FALSE_ALARMS_PER_MIN = 1.0;
    /** Seed of the bootstrap replicates. */
    public static final long BOOTSTRAP_SEED = 20261130L;
    /** Thresholds tried for the onset operating point: quantiles of the validation scores. */
    private static final int THRESHOLD_CANDIDATES = 400;
    private static final String LOSS = Dataset.TASK_LOSS_ATTRIBUTION;
    private static final String CONGESTION = Dataset.TASK_CONGESTION;
    private static final List<String> LOSS_BASELINES = List.of("logistic", "persistence", "inherent_loss");
    private static final List<String> ONSET_BASELINES = List.of("logistic", "persistence", "gcc_overuse", "rtt_rise");

    private ModelEvaluation() {
    }

    /**
     * Evaluates {@code seeds} on {@code split} of {@code evaluated}; thresholds and the logistic
     * baselines come from {@code reference}'s validation and train splits ({@code evaluated} may
     * be {@code reference}).
     *
     * @param testSplitDigest the frozen test split's digest, recorded in the report
     * @param replicates bootstrap replicates (0: no intervals)
     * @throws IllegalArgumentException when a model does not fit the data or a split is empty
     */
    public static EvalReport evaluate(List<ModelArtifact> seeds, Dataset reference, Dataset evaluated, String split,
            String testSplitDigest, int replicates) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("no model to evaluate");
        }
        for (ModelArtifact model : seeds) {
            check(model, reference);
            check(model, evaluated);
        }
        int[] validationCalls = reference.sourcesOfSplit(SplitRule.VALIDATION);
        int[] trainCalls = reference.sourcesOfSplit(SplitRule.TRAIN);
        int[] evaluatedCalls = evaluated.sourcesOfSplit(split);
        if (evaluatedCalls.length == 0 || validationCalls.length == 0) {
            throw new IllegalArgumentException("split '" + split + "' has " + evaluatedCalls.length
                    + " calls and the validation split " + validationCalls.length + ": both need calls");
        }
        List<StreamingPredictions> validationPredictions = new ArrayList<>();
        List<StreamingPredictions> evaluatedPredictions = new ArrayList<>();
        for (ModelArtifact model : seeds) {
            validationPredictions.add(StreamingPredictions.run(model, reference, validationCalls));
            evaluatedPredictions.add(StreamingPredictions.run(model, evaluated, evaluatedCalls));
        }
        Normalisation norm = seeds.get(0).normalisation();
        int lossHead = seeds.get(0).architecture().headIndex(LOSS);
        int congestionHead = seeds.get(0).architecture().headIndex(CONGESTION);
        int rateHead = seeds.get(0).architecture().headIndex(FecHeads.RATE_HEAD);
        int burstHead = seeds.get(0).architecture().headIndex(FecHeads.BURST_HEAD);

        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("split", split);
        root.put("test_split_digest", testSplitDigest);
        root.put("model_sha256", seeds.get(0).sha256());
        ArrayNode seedModels = root.putArray("seed_models");
        seeds.forEach(m -> seedModels.add(m.sha256()));
        root.put("reference_dataset_digest", reference.digest());
        root.put("dataset_digest", evaluated.digest());
        root.put("calls", evaluatedCalls.length);
        root.put("bootstrap", "cluster bootstrap over recording groups, " + replicates + " replicates, seed "
                + BOOTSTRAP_SEED + ", 95% percentile intervals; point estimates are means over "
                + seeds.size() + " training seeds");
        ObjectNode tasks = root.putObject("tasks");
        if (lossHead >= 0) {
            tasks.set(LOSS, lossAttribution(reference, validationCalls, trainCalls, validationPredictions, evaluated,
                    evaluatedCalls, evaluatedPredictions, lossHead, norm, replicates));
        }
        if (congestionHead >= 0) {
            tasks.set("congestion_onset", congestion(reference, validationCalls, trainCalls, validationPredictions,
                    evaluated, evaluatedCalls, evaluatedPredictions, congestionHead, norm, replicates));
        }
        ObjectNode fec = FecEvaluation.evaluate(evaluated, evaluatedCalls, evaluatedPredictions, rateHead, burstHead,
                replicates);
        if (fec != null) {
            tasks.set("fec_sizing", fec);
        }
        Map<String, double[][]> plots = reliability(evaluated, evaluatedCalls, evaluatedPredictions.get(0), lossHead,
                congestionHead);
        plots.putAll(FecEvaluation.reliability(evaluated, evaluatedCalls, evaluatedPredictions.get(0), rateHead,
                burstHead));
        return new EvalReport(root, plots);
    }

    private static void check(ModelArtifact model, Dataset dataset) {
        if (!model.featureSchemaDigest().equals(dataset.schema().digest())) {
            throw new IllegalArgumentException("model " + model.fileName() + " has feature schema "
                    + model.featureSchemaDigest() + ", the dataset " + dataset.schema().digest());
        }
    }

    // ---------------------------------------------------------------- samples

    /** Labelled decisions of one task on one dataset, with every score that is compared. */
    private static final class Samples {
        final Dataset data;
        final int n;
        final int[] step;
        final int[] truth;
        final int[] call;
        final int[] group;
        final int groups;
        final double[][] model;
        final Map<String, double[]> baselines = new LinkedHashMap<>();
        final Map<Object, Metrics.Ranking> rankings = new HashMap<>();

        Samples(Dataset data, int[] step, int[] truth, int[] call, double[][] model) {
            this.data = data;
            this.n = step.length;
            this.step = step;
            this.truth = truth;
            this.call = call;
            this.model = model;
            Map<String, Integer> ids = new LinkedHashMap<>();
            this.group = new int[n];
            for (int i = 0; i < n; i++) {
                group[i] = ids.computeIfAbsent(data.source(call[i]).group(), g -> ids.size());
            }
            this.groups = ids.size();
        }

        Metrics.Ranking ranking(double[] scores) {
            return rankings.computeIfAbsent(scores, s -> Metrics.Ranking.of(scores, n));
        }

        Samples subset(IntPredicate keep) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                count += keep.test(i) ? 1 : 0;
            }
            int[] s = new int[count];
            int[] t = new int[count];
            int[] c = new int[count];
            double[][] m = new double[model.length][count];
            Map<String, double[]> b = new LinkedHashMap<>();
            baselines.forEach((name, values) -> b.put(name, new double[0]));
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (!keep.test(i)) {
                    continue;
                }
                s[k] = step[i];
                t[k] = truth[i];
                c[k] = call[i];
                for (int seed = 0; seed < model.length; seed++) {
                    m[seed][k] = model[seed][i];
                }
                k++;
            }
            Samples sub = new Samples(data, s, t, c, m);
            for (Map.Entry<String, double[]> entry : baselines.entrySet()) {
                double[] values = new double[count];
                int j = 0;
                for (int i = 0; i < n; i++) {
                    if (keep.test(i)) {
                        values[j++] = entry.getValue()[i];
                    }
                }
                sub.baselines.put(entry.getKey(), values);
            }
            return sub;
        }

        double[] ones() {
            double[] w = new double[n];
            java.util.Arrays.fill(w, 1);
            return w;
        }
    }

    private interface Metric {
        /** The metric of {@code scores} with sample weights {@code w}; {@code seed} picks a seed's threshold. */
        double of(Samples s, double[] scores, double[] w, int seed);
    }

    /** Point estimate (mean over the score arrays) and interval of {@code metric}. */
    private static ObjectNode estimate(Samples s, double[][] scores, Metric metric, int replicates) {
        double sum = 0;
        double[] ones = s.ones();
        for (int k = 0; k < scores.length; k++) {
            sum += metric.of(s, scores[k], ones, k);
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        number(node, "value", sum / scores.length);
        if (scores.length > 1) {
            ArrayNode perSeed = node.putArray("per_seed");
            for (int k = 0; k < scores.length; k++) {
                add(perSeed, metric.of(s, scores[k], ones, k));
            }
        }
        if (replicates > 0 && s.groups > 1) {
            Bootstrap bootstrap = Bootstrap.of(s.groups, replicates, BOOTSTRAP_SEED);
            double[] ci = bootstrap.interval(s.group, w -> {
                double total = 0;
                for (int k = 0; k < scores.length; k++) {
                    total += metric.of(s, scores[k], w, k);
                }
                return total / scores.length;
            });
            ArrayNode interval = node.putArray("ci95");
            add(interval, ci[0]);
            add(interval, ci[1]);
        }
        return node;
    }

    /** Writes {@code key} (value) and {@code key_ci95} from an estimate into {@code into}. */
    private static void put(ObjectNode into, String key, ObjectNode estimate) {
        into.set(key, estimate.get("value"));
        if (estimate.has("ci95")) {
            into.set(key + "_ci95", estimate.get("ci95"));
        }
        if (estimate.has("per_seed")) {
            into.set(key + "_per_seed", estimate.get("per_seed"));
        }
    }

    // ---------------------------------------------------------------- loss attribution

    private static Samples lossSamples(Dataset d, int[] calls, List<StreamingPredictions> predictions, int head) {
        List<int[]> rows = new ArrayList<>();
        for (int s : calls) {
            for (int i = d.sourceStart(s); i < d.sourceEnd(s); i++) {
                int label = d.isDecision(i) ? d.label(LOSS, i) : Dataset.NO_LABEL;
                if (label >= 0) {
                    rows.add(new int[] {i, label == Dataset.LOSS_PURE_RANDOM ? 0 : 1, s});
                }
            }
        }
        double[][] model = new double[predictions.size()][rows.size()];
        int[] step = new int[rows.size()];
        int[] truth = new int[rows.size()];
        int[] call = new int[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            step[k] = rows.get(k)[0];
            truth[k] = rows.get(k)[1];
            call[k] = rows.get(k)[2];
            for (int seed = 0; seed < predictions.size(); seed++) {
                model[seed][k] = 1 - predictions.get(seed).probability(step[k], head, Dataset.LOSS_PURE_RANDOM);
            }
        }
        Samples samples = new Samples(d, step, truth, call, model);
        BaselineScores baselines = new BaselineScores(d);
        if (baselines.has("persistence")) {
            double[] persistence = new double[samples.n];
            for (int k = 0; k < samples.n; k++) {
                persistence[k] = baselines.persistence(d, step[k]);
            }
            samples.baselines.put("persistence", persistence);
        }
        if (baselines.has("inherent_loss")) {
            double[] inherent = new double[samples.n];
            for (int k = 0; k < samples.n; k++) {
                inherent[k] = baselines.inherentLoss(d, step[k], d.sourceStart(call[k]));
            }
            samples.baselines.put("inherent_loss", inherent);
        }
        for (int b = 0; b < d.baselineNames().size(); b++) {
            String name = d.baselineNames().get(b);
            if (!name.startsWith("loss:")) {
                continue;
            }
            double[] values = new double[samples.n];
            for (int k = 0; k < samples.n; k++) {
                float v = d.baselineScore(b, step[k]);
                values[k] = Float.isNaN(v) ? 0 : v;
            }
            samples.baselines.put(name.substring("loss:".length()), values);
        }
        return samples;
    }

    private static ObjectNode lossAttribution(Dataset reference, int[] validationCalls, int[] trainCalls,
            List<StreamingPredictions> validationPredictions, Dataset evaluated, int[] evaluatedCalls,
            List<StreamingPredictions> evaluatedPredictions, int head, Normalisation norm, int replicates) {
        Samples validation = lossSamples(reference, validationCalls, validationPredictions, head);
        Samples test = lossSamples(evaluated, evaluatedCalls, evaluatedPredictions, head);
        Samples train = lossSamples(reference, trainCalls, List.of(), head);
        LogisticRegression logistic = fitLogistic(train, norm);
        validation.baselines.put("logistic", logisticScores(validation, logistic, norm));
        test.baselines.put("logistic", logisticScores(test, logistic, norm));

        int seeds = test.model.length;
        double[] f1Threshold = new double[seeds];
        double[] holdThreshold = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            f1Threshold[k] = Metrics.bestF1Threshold(validation.ranking(validation.model[k]), validation.model[k],
                    validation.truth);
            holdThreshold[k] = holdThreshold(validation, validation.model[k]);
        }
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("definition", "decisions with media drops reported in the last 2 s; positive = congestion present "
                + "(mixed or congestion: at least one queue-overflow drop), model score 1 - P(pure_random); "
                + "thresholds from the validation split");
        ObjectNode model = task.putObject("model");
        lossMetrics(model, test, test.model, f1Threshold, replicates);
        put(model, "ece", estimate(test, test.model, (s, scores, w, k) -> {
            double[] pure = new double[s.n];
            int[] isPure = new int[s.n];
            for (int i = 0; i < s.n; i++) {
                pure[i] = 1 - scores[i];
                isPure[i] = 1 - s.truth[i];
            }
            return Metrics.ece(pure, isPure, w, s.n);
        }, replicates));
        put(model, "safe_hold_error", estimate(test, test.model,
                (s, scores, w, k) -> holdCounts(s, scores, w, holdThreshold[k])[0], replicates));
        put(model, "random_recall", estimate(test, test.model,
                (s, scores, w, k) -> holdCounts(s, scores, w, holdThreshold[k])[1], replicates));
        ArrayNode holds = model.putArray("hold_threshold_p_pure_random");
        for (double t : holdThreshold) {
            add(holds, 1 - t);
        }
        model.put("support", test.n);
        model.put("positives", sum(test.truth));
        number(model, "macro_f1_three_classes", macroF1(evaluated, test, evaluatedPredictions, head));

        ObjectNode strata = task.putObject("strata");
        stratum(strata, "lossy_calls", test, i -> isLossy(test.data.source(test.call[i])), f1Threshold, replicates);
        stratum(strata, "no_added_loss", test, i -> !isLossy(test.data.source(test.call[i])), f1Threshold,
                replicates);
        for (String set : List.of("fcc", "hsdpa-3g", "mahimahi", "puffer", "synthetic")) {
            stratum(strata, "traces_" + set, test, i -> traceSet(test.data.source(test.call[i])).equals(set),
                    f1Threshold, replicates);
        }
        for (String driver : List.of("gcc", "gcc-tuned", "weir")) {
            stratum(strata, "driver_" + driver, test, i -> driverKind(test.data.source(test.call[i])).equals(driver),
                    f1Threshold, replicates);
        }

        ObjectNode baselines = task.putObject("baselines");
        List<String> names = new ArrayList<>(LOSS_BASELINES);
        names.retainAll(test.baselines.keySet());
        test.baselines.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        for (String name : names) {
            double[] scores = test.baselines.get(name);
            double threshold = Metrics.bestF1Threshold(validation.ranking(validation.baselines.get(name)),
                    validation.baselines.get(name), validation.truth);
            ObjectNode node = baselines.putObject(name);
            lossMetrics(node, test, new double[][] {scores}, new double[] {threshold}, replicates);
            number(node, "threshold", threshold);
            put(node, "f1_gain_of_model", estimate(test, test.model, (s, m, w, k) -> {
                double model1 = Metrics.f1(Metrics.confusion(m, s.truth, w, s.n, f1Threshold[k]));
                double base = Metrics.f1(Metrics.confusion(s.baselines.get(name), s.truth, w, s.n, threshold));
                return model1 - base;
            }, replicates));
        }
        return task;
    }

    private static void lossMetrics(ObjectNode node, Samples s, double[][] scores, double[] thresholds,
                                    int replicates) {
        put(node, "f1", estimate(s, scores,
                (x, sc, w, k) -> Metrics.f1(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), replicates));
        put(node, "precision", estimate(s, scores,
                (x, sc, w, k) -> Metrics.precision(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
        put(node, "recall", estimate(s, scores,
                (x, sc, w, k) -> Metrics.recall(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
        put(node, "pr_auc", estimate(s, scores, (x, sc, w, k) -> Metrics.prAuc(x.ranking(sc), x.truth, w), replicates));
        put(node, "roc_auc", estimate(s, scores, (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w), 0));
    }

    private static void stratum(ObjectNode strata, String name, Samples all, IntPredicate keep, double[] thresholds,
                                int replicates) {
        Samples s = all.subset(keep);
        if (s.n == 0) {
            return;
        }
        ObjectNode node = strata.putObject(name);
        node.put("support", s.n);
        node.put("positives", sum(s.truth));
        if (sum(s.truth) == 0 || sum(s.truth) == s.n) {
            put(node, "f1", estimate(s, s.model,
                    (x, sc, w, k) -> Metrics.f1(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
            return;
        }
        lossMetrics(node, s, s.model, thresholds, replicates);
        double[] logistic = s.baselines.get("logistic");
        if (logistic != null) {
            ObjectNode base = node.putObject("logistic");
            put(base, "pr_auc", estimate(s, new double[][] {logistic},
                    (x, sc, w, k) -> Metrics.prAuc(x.ranking(sc), x.truth, w), 0));
        }
    }

    /** Validation threshold on the model score (1 - P(pure)) below which the rate is held: max recall at safe-hold error <= 1 %. */
    private static double holdThreshold(Samples validation, double[] score) {
        Metrics.Ranking ranking = validation.ranking(score);
        int n = validation.n;
        // Hold when score <= t: sweep t upward over distinct scores.
        double held = 0;
        double heldUnsafe = 0;
        double best = Double.NEGATIVE_INFINITY;
        int k = 0;
        while (k < n) {
            int end = ranking.blockEnd[k];
            for (int j = k; j <= end; j++) {
                int i = ranking.order[j];
                held++;
                heldUnsafe += validation.truth[i];
            }
            if (heldUnsafe / held <= SAFE_HOLD_ERROR) {
                best = Metrics.clean(score[ranking.order[k]]);
            }
            k = end + 1;
        }
        return best;
    }

    /** {safe-hold error, random recall} when holding at score <= threshold. */
    private static double[] holdCounts(Samples s, double[] score, double[] w, double threshold) {
        double held = 0;
        double heldUnsafe = 0;
        double pure = 0;
        double pureHeld = 0;
        for (int i = 0; i < s.n; i++) {
            boolean hold = Metrics.clean(score[i]) <= threshold;
            if (hold) {
                held += w[i];
                heldUnsafe += w[i] * s.truth[i];
            }
            if (s.truth[i] == 0) {
                pure += w[i];
                pureHeld += hold ? w[i] : 0;
            }
        }
        return new double[] {held > 0 ? heldUnsafe / held : 0, pure > 0 ? pureHeld / pure : Double.NaN};
    }

    /** Macro F1 over the three classes by argmax of the first seed. */
    private static double macroF1(Dataset d, Samples s, List<StreamingPredictions> predictions, int head) {
        int classes = Dataset.LOSS_CLASSES.size();
        double[][] counts = new double[classes][3];
        for (int k = 0; k < s.n; k++) {
            int truth = d.label(LOSS, s.step[k]);
            int best = 0;
            for (int c = 1; c < classes; c++) {
                if (predictions.get(0).probability(s.step[k], head, c)
                        > predictions.get(0).probability(s.step[k], head, best)) {
                    best = c;
                }
            }
            if (best == truth) {
                counts[truth][0]++;
            } else {
                counts[best][1]++;
                counts[truth][2]++;
            }
        }
        double total = 0;
        for (double[] c : counts) {
            total += Metrics.f1(new double[] {c[0], c[1], c[2], 0});
        }
        return total / classes;
    }

    private static boolean isLossy(SampleSource source) {
        return source.family().contains("random-loss") || source.family().contains("bursty-loss");
    }

    /** {@code gcc}, {@code gcc-tuned} or {@code weir} (the tuned driver's type suffix dropped). */
    private static String driverKind(SampleSource source) {
        int colon = source.driver().indexOf(':');
        return colon < 0 ? source.driver() : source.driver().substring(0, colon);
    }

    private static String traceSet(SampleSource source) {
        int slash = source.trace().indexOf('/');
        return slash < 0 ? "synthetic" : source.trace().substring(0, slash);
    }

    // ---------------------------------------------------------------- congestion

    private static Samples congestionSamples(Dataset d, int[] calls, List<StreamingPredictions> predictions, int head,
                                             boolean gated) {
        List<int[]> rows = new ArrayList<>();
        for (int s : calls) {
            for (int i = d.sourceStart(s); i < d.sourceEnd(s); i++) {
                if (d.isDecision(i) && d.label(CONGESTION, i) >= 0 && d.gate(i) == gated) {
                    rows.add(new int[] {i, d.label(CONGESTION, i), s});
                }
            }
        }
        double[][] model = new double[predictions.size()][rows.size()];
        int[] step = new int[rows.size()];
        int[] truth = new int[rows.size()];
        int[] call = new int[rows.size()];
        for (int k = 0; k < rows.size(); k++) {
            step[k] = rows.get(k)[0];
            truth[k] = rows.get(k)[1];
            call[k] = rows.get(k)[2];
            for (int seed = 0; seed < predictions.size(); seed++) {
                model[seed][k] = predictions.get(seed).probability(step[k], head, 1);
            }
        }
        Samples samples = new Samples(d, step, truth, call, model);
        BaselineScores baselines = new BaselineScores(d);
        for (String name : List.of("persistence", "gcc_overuse", "rtt_rise")) {
            if (!baselines.has(name)) {
                continue;
            }
            double[] values = new double[samples.n];
            for (int k = 0; k < samples.n; k++) {
                values[k] = switch (name) {
                    case "persistence" -> baselines.persistence(d, step[k]);
                    case "gcc_overuse" -> baselines.gccOveruse(d, step[k]);
                    default -> baselines.rttRise(d, step[k], d.sourceStart(call[k]));
                };
            }
            samples.baselines.put(name, values);
        }
        return samples;
    }

    private static ObjectNode congestion(Dataset reference, int[] validationCalls, int[] trainCalls,
            List<StreamingPredictions> validationPredictions, Dataset evaluated, int[] evaluatedCalls,
            List<StreamingPredictions> evaluatedPredictions, int head, Normalisation norm, int replicates) {
        Samples validation = congestionSamples(reference, validationCalls, validationPredictions, head, true);
        Samples test = congestionSamples(evaluated, evaluatedCalls, evaluatedPredictions, head, true);
        Samples train = congestionSamples(reference, trainCalls, List.of(), head, true);
        LogisticRegression logistic = fitLogistic(train, norm);
        validation.baselines.put("logistic", logisticScores(validation, logistic, norm));
        test.baselines.put("logistic", logisticScores(test, logistic, norm));
        double validationMinutes = decisionMinutes(reference, validationCalls);
        double[] callMinutes = callMinutes(evaluated);

        int seeds = test.model.length;
        double[] thresholds = new double[seeds];
        for (int k = 0; k < seeds; k++) {
            thresholds[k] = alarmThreshold(validation, validation.model[k], validationMinutes);
        }
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        task.put("definition", "decisions the observable gate calls not congested now (delay above min < 50 ms, no "
                + "loss reported in 1 s); positive = a packet sent within 2 s overflows the queue or queues over "
                + "100 ms; model score P(yes); operating point: lowest validation threshold with <= 1 false alarm/min");
        ObjectNode model = task.putObject("model");
        onsetMetrics(model, test, test.model, thresholds, callMinutes, replicates);
        put(model, "ece", estimate(test, test.model, (s, sc, w, k) -> Metrics.ece(sc, s.truth, w, s.n), replicates));
        ArrayNode thresholdNode = model.putArray("threshold");
        for (double t : thresholds) {
            add(thresholdNode, t);
        }
        model.put("support", test.n);
        model.put("positives", sum(test.truth));

        ObjectNode causes = task.putObject("causes");
        for (int c = 0; c < Dataset.CAUSE_NAMES.size(); c++) {
            int cause = c;
            Samples s = test.subset(i -> test.truth[i] == 0 || test.data.cause(test.step[i]) == cause);
            ObjectNode node = causes.putObject(Dataset.CAUSE_NAMES.get(c));
            node.put("positives", sum(s.truth));
            if (sum(s.truth) == 0) {
                continue;
            }
            put(node, "roc_auc", estimate(s, s.model, (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w),
                    replicates));
            put(node, "median_lead_time_s", estimate(s, s.model,
                    (x, sc, w, k) -> alarms(x, sc, w, thresholds[k], null)[2], replicates));
            put(node, "recall", estimate(s, s.model,
                    (x, sc, w, k) -> Metrics.recall(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
            if (s.baselines.containsKey("persistence")) {
                ObjectNode persistence = node.putObject("persistence");
                put(persistence, "roc_auc", estimate(s, new double[][] {s.baselines.get("persistence")},
                        (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w), 0));
            }
            ObjectNode logisticNode = node.putObject("logistic");
            put(logisticNode, "roc_auc", estimate(s, new double[][] {s.baselines.get("logistic")},
                    (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w), 0));
        }

        ObjectNode baselines = task.putObject("baselines");
        for (String name : ONSET_BASELINES) {
            double[] scores = test.baselines.get(name);
            if (scores == null) {
                continue;
            }
            double threshold = alarmThreshold(validation, validation.baselines.get(name), validationMinutes);
            ObjectNode node = baselines.putObject(name);
            onsetMetrics(node, test, new double[][] {scores}, new double[] {threshold}, callMinutes, replicates);
            number(node, "threshold", threshold);
            put(node, "roc_auc_gain_of_model", estimate(test, test.model, (s, m, w, k) ->
                    Metrics.rocAuc(s.ranking(m), s.truth, w) - Metrics.rocAuc(s.ranking(s.baselines.get(name)),
                            s.truth, w), replicates));
        }

        Samples detectionValidation = congestionSamples(reference, validationCalls, validationPredictions, head, false);
        Samples detection = congestionSamples(evaluated, evaluatedCalls, evaluatedPredictions, head, false);
        ObjectNode detectionNode = task.putObject("detection");
        detectionNode.put("definition", "decisions the gate calls congested now; same label and score");
        detectionNode.put("support", detection.n);
        detectionNode.put("positives", sum(detection.truth));
        if (sum(detection.truth) > 0 && sum(detection.truth) < detection.n) {
            double[] detectionThresholds = new double[seeds];
            for (int k = 0; k < seeds; k++) {
                detectionThresholds[k] = Metrics.bestF1Threshold(detectionValidation.ranking(
                        detectionValidation.model[k]), detectionValidation.model[k], detectionValidation.truth);
            }
            lossMetrics(detectionNode, detection, detection.model, detectionThresholds, replicates);
            put(detectionNode, "ece", estimate(detection, detection.model,
                    (s, sc, w, k) -> Metrics.ece(sc, s.truth, w, s.n), replicates));
            if (detection.baselines.containsKey("persistence")) {
                ObjectNode persistence = detectionNode.putObject("persistence");
                put(persistence, "roc_auc", estimate(detection, new double[][] {
                    detection.baselines.get("persistence")}, (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w),
                        0));
            }
        }

        ObjectNode horizons = task.putObject("within_1s");
        Samples within = test.subset(i -> true);
        for (int i = 0; i < within.n; i++) {
            within.truth[i] = test.truth[i] == 1 && test.data.leadTimeS(test.step[i]) <= 1.0f ? 1 : 0;
        }
        horizons.put("definition", "the same model score against congestion within 1 s (lead <= 1 s)");
        horizons.put("positives", sum(within.truth));
        put(horizons, "roc_auc", estimate(within, within.model,
                (x, sc, w, k) -> Metrics.rocAuc(Metrics.Ranking.of(sc, x.n), x.truth, w), 0));
        return task;
    }

    private static void onsetMetrics(ObjectNode node, Samples s, double[][] scores, double[] thresholds,
                                     double[] callMinutes, int replicates) {
        put(node, "roc_auc", estimate(s, scores, (x, sc, w, k) -> Metrics.rocAuc(x.ranking(sc), x.truth, w),
                replicates));
        put(node, "pr_auc", estimate(s, scores, (x, sc, w, k) -> Metrics.prAuc(x.ranking(sc), x.truth, w), 0));
        put(node, "median_lead_time_s", estimate(s, scores,
                (x, sc, w, k) -> alarms(x, sc, w, thresholds[k], null)[2], replicates));
        put(node, "false_alarms_per_min", estimate(s, scores,
                (x, sc, w, k) -> alarms(x, sc, w, thresholds[k], callMinutes)[0], replicates));
        put(node, "recall", estimate(s, scores,
                (x, sc, w, k) -> Metrics.recall(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
        put(node, "precision", estimate(s, scores,
                (x, sc, w, k) -> Metrics.precision(Metrics.confusion(sc, x.truth, w, x.n, thresholds[k])), 0));
    }

    /**
     * Alarms at {@code threshold}: {false alarms per minute (NaN without minutes), alarms, median
     * lead time of the true ones}. Samples are in call and time order.
     */
    private static double[] alarms(Samples s, double[] score, double[] w, double threshold, double[] callMinutes) {
        double falseAlarms = 0;
        double alarms = 0;
        double[] leads = new double[s.n];
        double[] leadWeights = new double[s.n];
        int leadCount = 0;
        boolean on = false;
        int previousCall = -1;
        int previousStep = -2;
        for (int i = 0; i < s.n; i++) {
            boolean contiguous = s.call[i] == previousCall && s.step[i] == previousStep + 1;
            boolean alarm = Metrics.clean(score[i]) >= threshold;
            if (alarm && !(on && contiguous)) {
                alarms += w[i];
                if (s.truth[i] == 0) {
                    falseAlarms += w[i];
                } else {
                    leads[leadCount] = s.data.leadTimeS(s.step[i]);
                    leadWeights[leadCount++] = w[i];
                }
            }
            on = alarm;
            previousCall = s.call[i];
            previousStep = s.step[i];
        }
        double minutes = 0;
        if (callMinutes != null) {
            boolean[] seen = new boolean[callMinutes.length];
            for (int i = 0; i < s.n; i++) {
                if (!seen[s.call[i]]) {
                    seen[s.call[i]] = true;
                    minutes += callMinutes[s.call[i]] * w[i];
                }
            }
        }
        return new double[] {minutes > 0 ? falseAlarms / minutes : Double.NaN, alarms,
                Metrics.weightedMedian(leads, leadWeights, leadCount)};
    }

    /** Lowest validation threshold with at most {@link #FALSE_ALARMS_PER_MIN} false alarms per minute. */
    private static double alarmThreshold(Samples validation, double[] score, double minutes) {
        double[] sorted = score.clone();
        java.util.Arrays.sort(sorted);
        double best = Double.POSITIVE_INFINITY;
        for (int c = THRESHOLD_CANDIDATES; c >= 0; c--) {
            double t = sorted[Math.min(sorted.length - 1, (int) ((long) c * (sorted.length - 1) / THRESHOLD_CANDIDATES))];
            if (falseAlarmCount(validation, score, t) / minutes <= FALSE_ALARMS_PER_MIN) {
                best = Math.min(best, t);
            }
        }
        return best;
    }

    private static double falseAlarmCount(Samples s, double[] score, double threshold) {
        double falseAlarms = 0;
        boolean on = false;
        int previousCall = -1;
        int previousStep = -2;
        for (int i = 0; i < s.n; i++) {
            boolean contiguous = s.call[i] == previousCall && s.step[i] == previousStep + 1;
            boolean alarm = Metrics.clean(score[i]) >= threshold;
            if (alarm && !(on && contiguous) && s.truth[i] == 0) {
                falseAlarms++;
            }
            on = alarm;
            previousCall = s.call[i];
            previousStep = s.step[i];
        }
        return falseAlarms;
    }

    private static double decisionMinutes(Dataset d, int[] calls) {
        double[] perCall = callMinutes(d);
        double total = 0;
        for (int s : calls) {
            total += perCall[s];
        }
        return total;
    }

    /** Minutes of decisions per call (every decision step, gated or not). */
    private static double[] callMinutes(Dataset d) {
        double stepMinutes = d.schema().stepMs() / 60_000.0;
        double[] minutes = new double[d.sources().size()];
        for (int s = 0; s < minutes.length; s++) {
            long decisions = 0;
            for (int i = d.sourceStart(s); i < d.sourceEnd(s); i++) {
                decisions += d.isDecision(i) ? 1 : 0;
            }
            minutes[s] = decisions * stepMinutes;
        }
        return minutes;
    }

    // ---------------------------------------------------------------- logistic baseline

    /** Fits on at most {@link #LOGISTIC_SAMPLES} training decisions at an even stride. */
    private static final int LOGISTIC_SAMPLES = 40_000;

    private static LogisticRegression fitLogistic(Samples train, Normalisation norm) {
        int features = train.data.tsFeatures() + train.data.denseInputs();
        int stride = Math.max(1, (train.n + LOGISTIC_SAMPLES - 1) / LOGISTIC_SAMPLES);
        int count = (train.n + stride - 1) / stride;
        double[] x = new double[count * features];
        int[] y = new int[count];
        int k = 0;
        for (int i = 0; i < train.n; i += stride) {
            BaselineScores.features(train.data, train.step[i], norm, x, k * features);
            y[k++] = train.truth[i];
        }
        return LogisticRegression.fit(x, y, k, features);
    }

    private static double[] logisticScores(Samples s, LogisticRegression model, Normalisation norm) {
        int features = s.data.tsFeatures() + s.data.denseInputs();
        double[] x = new double[features];
        double[] out = new double[s.n];
        for (int i = 0; i < s.n; i++) {
            BaselineScores.features(s.data, s.step[i], norm, x, 0);
            out[i] = model.probability(x, 0);
        }
        return out;
    }

    // ---------------------------------------------------------------- reliability

    private static Map<String, double[][]> reliability(Dataset d, int[] calls, StreamingPredictions predictions,
                                                       int lossHead, int congestionHead) {
        Map<String, double[][]> plots = new LinkedHashMap<>();
        if (lossHead >= 0) {
            Samples s = lossSamples(d, calls, List.of(predictions), lossHead);
            double[] pure = new double[s.n];
            int[] isPure = new int[s.n];
            for (int i = 0; i < s.n; i++) {
                pure[i] = 1 - s.model[0][i];
                isPure[i] = 1 - s.truth[i];
            }
            plots.put(LOSS + ": P(pure_random)", Metrics.reliability(pure, isPure, s.n));
        }
        if (congestionHead >= 0) {
            Samples s = congestionSamples(d, calls, List.of(predictions), congestionHead, true);
            plots.put(CONGESTION + ": P(yes), onset windows", Metrics.reliability(s.model[0], s.truth, s.n));
        }
        return plots;
    }

    // ---------------------------------------------------------------- helpers

    private static int sum(int[] values) {
        int total = 0;
        for (int v : values) {
            total += v;
        }
        return total;
    }

    /** Six significant decimals: enough for every metric, stable bytes across runs. */
    static double round(double value) {
        if (!Double.isFinite(value)) {
            return value;
        }
        return Math.round(value * 1e6) / 1e6;
    }

    static void add(ArrayNode array, double value) {
        if (Double.isFinite(value)) {
            array.add(round(value));
        } else {
            array.addNull();
        }
    }

    static void number(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, round(value));
        } else {
            node.putNull(key);
        }
    }
}
