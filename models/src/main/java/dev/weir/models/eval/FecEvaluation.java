package dev.weir.models.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weir.bwe.model.FecHeads;
import dev.weir.bwe.signal.DenseFeature;
import dev.weir.models.data.Dataset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Evaluates the FEC-sizing heads ({@link FecHeads}) against what FEC was sized on before them, the
 * share of packets lost over the last 4 s (the dense input {@code FecSettings} read).
 *
 * <p>Rate (decisions whose next {@code fec_horizon_ms} is labelled): the model's estimate is the
 * expected non-congestive loss share of its histogram; mean absolute error and bias in percentage
 * points against the true share, beside the observed-loss baseline and the all-zero estimate (the
 * error of never sending FEC), and the paired gain {@code MAE(observed) - MAE(model)}. Strata:
 * horizons with no non-congestive loss worth protecting ({@code clean_ahead}, true share below the
 * first class edge) and the others ({@code lossy_ahead}).
 *
 * <p>Burst (decisions with at least {@link FecHeads#MIN_DROPS_FOR_BURST} non-congestive drops
 * ahead): ROC-AUC and ECE of P(bursty); no observable baseline exists in the inputs, the base rate
 * is reported.
 *
 * <p>Point estimates are means over the seeds; intervals come from a cluster bootstrap over
 * recording groups ({@link Bootstrap}, {@link ModelEvaluation#BOOTSTRAP_SEED}).
 *
 * <p>Stateless and thread-safe.
 */
public final class FecEvaluation {
    /** Dense input of the 4 s window's loss share, the one the runtime's FEC read before the heads. */
    static final String OBSERVED_LOSS_4S = "w4_" + DenseFeature.LOSS_RATE.featureName();
    /** Percentage points per unit share. */
    private static final double PP = 100.0;

    private FecEvaluation() {
    }

    /**
     * The {@code fec_sizing} section, or null when the model has no rate head.
     *
     * @param rateHead  index of {@link FecHeads#RATE_HEAD} in the model, -1 when absent
     * @param burstHead index of {@link FecHeads#BURST_HEAD}, -1 when absent
     */
    static ObjectNode evaluate(Dataset d, int[] calls, List<StreamingPredictions> predictions, int rateHead,
            int burstHead, int replicates) {
        if (rateHead < 0) {
            return null;
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.set("fec_horizon_ms", d.settings().path("labels").path("fec_horizon_ms"));
        node.set("rate", rate(d, calls, predictions, rateHead, replicates));
        if (burstHead >= 0) {
            node.set("burst", burst(d, calls, predictions, burstHead, replicates));
        }
        return node;
    }

    // ---------------------------------------------------------------- rate

    private static ObjectNode rate(Dataset d, int[] calls, List<StreamingPredictions> predictions, int head,
            int replicates) {
        Rows rows = Rows.of(d, calls, i -> !Float.isNaN(d.randomLossShare(i)));
        int n = rows.n;
        double[] truth = new double[n];
        double[] observed = new double[n];
        double[] zero = new double[n];
        double[][] model = new double[predictions.size()][n];
        double[] probabilities = new double[FecHeads.RATE_CLASSES.size()];
        int observedInput = d.denseInputNames().indexOf(OBSERVED_LOSS_4S);
        for (int k = 0; k < n; k++) {
            int step = rows.step[k];
            truth[k] = d.randomLossShare(step);
            float loss4s = observedInput < 0 ? 0f : d.denseValue(step, observedInput);
            observed[k] = loss4s >= 0 && loss4s <= 1 ? loss4s : 0;
            for (int seed = 0; seed < predictions.size(); seed++) {
                for (int cls = 0; cls < probabilities.length; cls++) {
                    probabilities[cls] = predictions.get(seed).probability(step, head, cls);
                }
                model[seed][k] = FecHeads.expectedRate(probabilities);
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("decisions", n);
        ModelEvaluation.number(node, "mean_true_share_pp", PP * mean(truth, rows.ones()));
        node.set("model", errors(rows, truth, model, replicates));
        ObjectNode baselines = node.putObject("baselines");
        if (observedInput < 0) {
            baselines.put("observed_loss_4s", "the schema has no " + OBSERVED_LOSS_4S + " input");
        } else {
            baselines.set("observed_loss_4s", errors(rows, truth, new double[][] {observed}, replicates));
        }
        baselines.set("zero", errors(rows, truth, new double[][] {zero}, replicates));
        ObjectNode strata = node.putObject("strata");
        double edge = FecHeads.rateUpperEdge(0);
        boolean hasObserved = observedInput >= 0;
        stratum(strata, "clean_ahead", rows, truth, hasObserved ? observed : null, model, k -> truth[k] < edge,
                replicates);
        stratum(strata, "lossy_ahead", rows, truth, hasObserved ? observed : null, model, k -> truth[k] >= edge,
                replicates);
        if (!hasObserved) {
            return node;
        }
        ObjectNode gain = node.putObject("mae_gain_over_observed_pp");
        estimate(gain, "value", rows, replicates, w -> {
            double sum = 0;
            for (double[] seed : model) {
                sum += mae(truth, observed, w) - mae(truth, seed, w);
            }
            return PP * sum / model.length;
        });
        return node;
    }

    private static void stratum(ObjectNode strata, String name, Rows rows, double[] truth, double[] observed,
            double[][] model, IntPredicate keep, int replicates) {
        Rows sub = rows.subset(keep);
        ObjectNode node = strata.putObject(name);
        node.put("decisions", sub.n);
        if (sub.n == 0) {
            return;
        }
        double[] t = sub.pick(truth);
        double[][] m = new double[model.length][];
        for (int seed = 0; seed < model.length; seed++) {
            m[seed] = sub.pick(model[seed]);
        }
        node.set("model", errors(sub, t, m, replicates));
        if (observed != null) {
            node.set("observed_loss_4s", errors(sub, t, new double[][] {sub.pick(observed)}, replicates));
        }
    }

    /** MAE and bias (estimate minus truth), percentage points, averaged over the estimate arrays. */
    private static ObjectNode errors(Rows rows, double[] truth, double[][] estimates, int replicates) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        estimate(node, "mae_pp", rows, replicates, w -> {
            double sum = 0;
            for (double[] e : estimates) {
                sum += mae(truth, e, w);
            }
            return PP * sum / estimates.length;
        });
        estimate(node, "bias_pp", rows, replicates, w -> {
            double sum = 0;
            for (double[] e : estimates) {
                sum += mean(e, w) - mean(truth, w);
            }
            return PP * sum / estimates.length;
        });
        return node;
    }

    // ---------------------------------------------------------------- burst

    private static ObjectNode burst(Dataset d, int[] calls, List<StreamingPredictions> predictions, int head,
            int replicates) {
        Rows rows = Rows.of(d, calls, i -> d.label(FecHeads.BURST_HEAD, i) >= 0);
        int n = rows.n;
        int[] bursty = new int[n];
        double[][] model = new double[predictions.size()][n];
        for (int k = 0; k < n; k++) {
            int step = rows.step[k];
            bursty[k] = d.label(FecHeads.BURST_HEAD, step) == FecHeads.BURSTY ? 1 : 0;
            for (int seed = 0; seed < predictions.size(); seed++) {
                model[seed][k] = predictions.get(seed).probability(step, head, FecHeads.BURSTY);
            }
        }
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("decisions", n);
        double[] ones = rows.ones();
        double positives = 0;
        for (int k = 0; k < n; k++) {
            positives += bursty[k];
        }
        ModelEvaluation.number(node, "bursty_share", n == 0 ? Double.NaN : positives / n);
        if (n == 0) {
            return node;
        }
        ObjectNode m = node.putObject("model");
        List<Metrics.Ranking> rankings = new ArrayList<>();
        for (double[] seed : model) {
            rankings.add(Metrics.Ranking.of(seed, n));
        }
        estimate(m, "roc_auc", rows, replicates, w -> {
            double sum = 0;
            for (Metrics.Ranking ranking : rankings) {
                sum += Metrics.rocAuc(ranking, bursty, w);
            }
            return sum / rankings.size();
        });
        estimate(m, "ece", rows, replicates, w -> {
            double sum = 0;
            for (double[] seed : model) {
                sum += Metrics.ece(seed, bursty, w, n);
            }
            return sum / model.length;
        });
        ModelEvaluation.number(m, "mean_p_bursty", mean(model[0], ones));
        return node;
    }

    // ---------------------------------------------------------------- reliability

    /**
     * Reliability diagrams of the FEC heads for one seed's predictions: P(share at or above the first
     * class edge) and P(bursty).
     */
    static Map<String, double[][]> reliability(Dataset d, int[] calls, StreamingPredictions predictions,
            int rateHead, int burstHead) {
        Map<String, double[][]> plots = new LinkedHashMap<>();
        if (rateHead >= 0) {
            Rows rows = Rows.of(d, calls, i -> !Float.isNaN(d.randomLossShare(i)));
            double[] p = new double[rows.n];
            int[] truth = new int[rows.n];
            for (int k = 0; k < rows.n; k++) {
                p[k] = 1 - predictions.probability(rows.step[k], rateHead, 0);
                truth[k] = d.randomLossShare(rows.step[k]) >= FecHeads.rateUpperEdge(0) ? 1 : 0;
            }
            plots.put(FecHeads.RATE_HEAD + ": P(share >= " + FecHeads.rateUpperEdge(0) * PP + " %)",
                    Metrics.reliability(p, truth, rows.n));
        }
        if (burstHead >= 0) {
            Rows rows = Rows.of(d, calls, i -> d.label(FecHeads.BURST_HEAD, i) >= 0);
            double[] p = new double[rows.n];
            int[] truth = new int[rows.n];
            for (int k = 0; k < rows.n; k++) {
                p[k] = predictions.probability(rows.step[k], burstHead, FecHeads.BURSTY);
                truth[k] = d.label(FecHeads.BURST_HEAD, rows.step[k]) == FecHeads.BURSTY ? 1 : 0;
            }
            plots.put(FecHeads.BURST_HEAD + ": P(bursty)", Metrics.reliability(p, truth, rows.n));
        }
        return plots;
    }

    // ---------------------------------------------------------------- helpers

    /** Writes {@code key} (all samples weighing 1) and {@code key_ci95} (cluster bootstrap) into {@code into}. */
    private static void estimate(ObjectNode into, String key, Rows rows, int replicates,
            ToDoubleFunction<double[]> metric) {
        ModelEvaluation.number(into, key, metric.applyAsDouble(rows.ones()));
        if (replicates > 0 && rows.groups > 1) {
            Bootstrap bootstrap = Bootstrap.of(rows.groups, replicates, ModelEvaluation.BOOTSTRAP_SEED);
            double[] ci = bootstrap.interval(rows.group, metric);
            var interval = into.putArray(key + "_ci95");
            ModelEvaluation.add(interval, ci[0]);
            ModelEvaluation.add(interval, ci[1]);
        }
    }

    private static double mae(double[] truth, double[] estimate, double[] w) {
        double sum = 0;
        double total = 0;
        for (int k = 0; k < truth.length; k++) {
            sum += w[k] * Math.abs(estimate[k] - truth[k]);
            total += w[k];
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    private static double mean(double[] values, double[] w) {
        double sum = 0;
        double total = 0;
        for (int k = 0; k < values.length; k++) {
            sum += w[k] * values[k];
            total += w[k];
        }
        return total > 0 ? sum / total : Double.NaN;
    }

    /** Labelled decision steps of the calls, with each one's recording group. */
    private static final class Rows {
        final int n;
        final int[] step;
        final int[] group;
        final int groups;
        /** Indices into the parent rows this subset kept (null for a top-level set). */
        private final int[] kept;

        private Rows(int[] step, int[] group, int groups, int[] kept) {
            this.n = step.length;
            this.step = step;
            this.group = group;
            this.groups = groups;
            this.kept = kept;
        }

        static Rows of(Dataset d, int[] calls, IntPredicate labelled) {
            List<Integer> steps = new ArrayList<>();
            List<Integer> groupOf = new ArrayList<>();
            Map<String, Integer> ids = new LinkedHashMap<>();
            for (int s : calls) {
                int g = ids.computeIfAbsent(d.source(s).group(), key -> ids.size());
                for (int i = d.sourceStart(s); i < d.sourceEnd(s); i++) {
                    if (d.isDecision(i) && labelled.test(i)) {
                        steps.add(i);
                        groupOf.add(g);
                    }
                }
            }
            return new Rows(steps.stream().mapToInt(Integer::intValue).toArray(),
                    groupOf.stream().mapToInt(Integer::intValue).toArray(), ids.size(), null);
        }

        /** The rows {@code keep} accepts (by index into these rows), in the same groups. */
        Rows subset(IntPredicate keep) {
            int[] idx = java.util.stream.IntStream.range(0, n).filter(keep).toArray();
            int[] s = new int[idx.length];
            int[] g = new int[idx.length];
            for (int j = 0; j < idx.length; j++) {
                s[j] = step[idx[j]];
                g[j] = group[idx[j]];
            }
            return new Rows(s, g, groups, idx);
        }

        /** This subset's values of an array over the parent rows. */
        double[] pick(double[] parentValues) {
            double[] out = new double[n];
            for (int k = 0; k < n; k++) {
                out[k] = parentValues[kept[k]];
            }
            return out;
        }

        double[] ones() {
            double[] w = new double[n];
            java.util.Arrays.fill(w, 1);
            return w;
        }
    }
}
