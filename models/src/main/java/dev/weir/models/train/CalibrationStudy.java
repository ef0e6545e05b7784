package dev.weir.models.train;

import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.models.data.Dataset;
import dev.weir.models.eval.Metrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which calibration generalises to recordings it was not fitted on, by leave-one-fold-out over the
 * grouped cross-validation folds. Input: per fold {@code k} the out-of-fold {@link CalibrationInputs}
 * (the uncalibrated model trained on the other folds, run on fold {@code k}'s calls). For every
 * held-out fold {@code k} and head, each {@link Method}'s calibration is applied to fold
 * {@code k}'s decisions:
 * <ul>
 *   <li>{@link Method#UNCALIBRATED}: the identity;</li>
 *   <li>{@link Method#IN_SAMPLE}: fitted on fold {@code k} itself (the in-sample reference: no other fit has a lower log loss there);</li>
 *   <li>{@link Method#SINGLE_FOLD}: fitted on one fold's decisions (the one the dataset validates on,
 *       {@code calibration: validation}); undefined on that fold itself;</li>
 *   <li>{@link Method#POOLED}: fitted on the other folds' decisions pooled ({@code pooled_folds}
 *       fitted without fold {@code k}).</li>
 * </ul>
 * Metrics, per head on fold {@code k}: the log loss (nats, the fit's objective, every labelled
 * decision) and the ECE as the evaluation defines it ({@link Metrics#ece}): for loss attribution
 * of {@code P(pure_random)} on every labelled decision, for congestion of {@code P(yes)} on the
 * onset decisions (gate on), with the onset log loss beside it; other heads get log loss only.
 *
 * <p>Stateless and thread-safe; a {@link Result} is immutable.
 */
public final class CalibrationStudy {
    /** Where a held-out fold's calibration comes from. */
    public enum Method {
        UNCALIBRATED("uncalibrated"),
        IN_SAMPLE("(a) in-sample"),
        SINGLE_FOLD("(b) single fold"),
        POOLED("(c) pooled others");

        private final String label;

        Method(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Metric names of the rows. */
    public static final String ECE = "ece";
    public static final String LOG_LOSS = "log_loss";
    public static final String ONSET_LOG_LOSS = "onset_log_loss";

    private CalibrationStudy() {
    }

    /**
     * One head's metric on one held-out fold, per {@link Method} (NaN where undefined).
     *
     * @param fold   the held-out fold
     * @param head   the head's name
     * @param metric {@link #ECE}, {@link #LOG_LOSS} or {@link #ONSET_LOG_LOSS}
     * @param values indexed by {@link Method#ordinal()}
     */
    public record Row(int fold, String head, String metric, double[] values) {
        public Row {
            values = values.clone();
        }

        @Override
        public double[] values() {
            return values.clone();
        }

        public double value(Method method) {
            return values[method.ordinal()];
        }
    }

    /**
     * The study's outcome.
     *
     * @param singleFold the fold {@link Method#SINGLE_FOLD} is fitted on
     * @param counts     per fold and head, the labelled decisions
     * @param fits       per fold {@code k}: {@code [in-sample fit on k, pooled fit without k]}, each one per head
     * @param allPooled  the fit on every fold pooled, one per head: what {@code pooled_folds} gives the model
     * @param rows       per held-out fold, head and metric
     */
    public record Result(int singleFold, int[][] counts, List<List<List<Calibration>>> fits,
                         List<Calibration> allPooled, List<Row> rows) {
        public Result {
            counts = Arrays.stream(counts).map(int[]::clone).toArray(int[][]::new);
            fits = List.copyOf(fits);
            allPooled = List.copyOf(allPooled);
            rows = List.copyOf(rows);
        }

        /**
         * Mean of {@code metric} of {@code head} under {@code method} over the held-out folds
         * other than the single fold (where every method is defined); NaN when a fold's value is.
         */
        public double mean(String head, String metric, Method method) {
            double sum = 0;
            int n = 0;
            for (Row row : rows) {
                if (row.fold() != singleFold && row.head().equals(head) && row.metric().equals(metric)) {
                    sum += row.value(method);
                    n++;
                }
            }
            return n == 0 ? Double.NaN : sum / n;
        }

        /**
         * Whether pooling beats the single fold on every head: a lower mean ECE (heads with one)
         * and a mean log loss no higher, over the held-out folds other than the single fold.
         */
        public boolean pooledWins() {
            return beats(Method.POOLED, Method.SINGLE_FOLD);
        }

        /** Whether {@code method} beats {@code other} on every head, as {@link #pooledWins} defines it. */
        public boolean beats(Method method, Method other) {
            for (String head : heads()) {
                double ece = mean(head, ECE, method);
                double otherEce = mean(head, ECE, other);
                if (!Double.isNaN(otherEce) && !(ece < otherEce)) {
                    return false;
                }
                if (!(mean(head, LOG_LOSS, method) <= mean(head, LOG_LOSS, other))) {
                    return false;
                }
            }
            return true;
        }

        private List<String> heads() {
            List<String> heads = new ArrayList<>();
            for (Row row : rows) {
                if (!heads.contains(row.head())) {
                    heads.add(row.head());
                }
            }
            return heads;
        }

        /** The raw numbers as text: decisions per fold, every fit, every row, the means and the verdict. */
        public String text() {
            StringBuilder out = new StringBuilder();
            List<String> heads = heads();
            out.append("held-out folds: ").append(counts.length).append("; single fold: ").append(singleFold)
                    .append('\n');
            out.append("labelled decisions per fold:");
            for (int k = 0; k < counts.length; k++) {
                out.append("  fold ").append(k).append(' ').append(Arrays.toString(counts[k]));
            }
            out.append("  (heads ").append(heads).append(")\n\nfits (temperature, biases):\n");
            for (int k = 0; k < fits.size(); k++) {
                out.append("fold ").append(k).append(" alone:        ").append(describe(fits.get(k).get(0)))
                        .append('\n');
                out.append("folds without ").append(k).append(" pooled: ").append(describe(fits.get(k).get(1)))
                        .append('\n');
            }
            out.append("all folds pooled (pooled_folds): ").append(describe(allPooled)).append('\n');
            out.append("\n| fold | head | metric |");
            for (Method m : Method.values()) {
                out.append(' ').append(m.label()).append(" |");
            }
            out.append("\n|---|---|---|");
            out.append("---|".repeat(Method.values().length)).append('\n');
            for (Row row : rows) {
                out.append("| ").append(row.fold()).append(" | ").append(row.head()).append(" | ").append(row.metric())
                        .append(" |");
                for (Method m : Method.values()) {
                    out.append(' ').append(format(row.value(m))).append(" |");
                }
                out.append('\n');
            }
            for (String head : heads) {
                for (String metric : List.of(ECE, LOG_LOSS, ONSET_LOG_LOSS)) {
                    if (rows.stream().noneMatch(r -> r.head().equals(head) && r.metric().equals(metric))) {
                        continue;
                    }
                    out.append("| mean (folds != ").append(singleFold).append(") | ").append(head).append(" | ")
                            .append(metric).append(" |");
                    for (Method m : Method.values()) {
                        out.append(' ').append(format(mean(head, metric, m))).append(" |");
                    }
                    out.append('\n');
                }
            }
            for (String head : heads) {
                for (String metric : List.of(ECE, LOG_LOSS, ONSET_LOG_LOSS)) {
                    if (rows.stream().noneMatch(r -> r.head().equals(head) && r.metric().equals(metric))) {
                        continue;
                    }
                    out.append("| mean (all folds) | ").append(head).append(" | ").append(metric).append(" |");
                    for (Method m : Method.values()) {
                        double sum = 0;
                        int n = 0;
                        for (Row row : rows) {
                            if (row.head().equals(head) && row.metric().equals(metric)) {
                                sum += row.value(m);
                                n++;
                            }
                        }
                        out.append(' ').append(format(n == 0 ? Double.NaN : sum / n)).append(" |");
                    }
                    out.append('\n');
                }
            }
            out.append("\npooled beats the single fold on every head (lower mean ECE, log loss no higher): ")
                    .append(pooledWins() ? "yes" : "no").append('\n');
            out.append("pooled beats no calibration on every head (same test): ")
                    .append(beats(Method.POOLED, Method.UNCALIBRATED) ? "yes" : "no").append('\n');
            return out.toString();
        }

        private static String describe(List<Calibration> calibrations) {
            StringBuilder out = new StringBuilder();
            for (Calibration c : calibrations) {
                out.append(String.format(Locale.ROOT, "%s T %.4f b %s; ", c.head(), c.temperature(),
                        Arrays.toString(c.bias())));
            }
            return out.toString();
        }

        private static String format(double value) {
            return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
        }
    }

    /**
     * Runs the study.
     *
     * @param folds      per fold, its out-of-fold calibration inputs (same heads; at least two folds)
     * @param singleFold the fold {@link Method#SINGLE_FOLD} is fitted on (the dataset's validation fold)
     * @throws IllegalArgumentException with fewer than two folds, differing heads or a bad single fold
     */
    public static Result run(List<CalibrationInputs> folds, int singleFold) {
        if (folds.size() < 2 || singleFold < 0 || singleFold >= folds.size()) {
            throw new IllegalArgumentException("need at least two folds and a single fold among them, got "
                    + folds.size() + " folds and fold " + singleFold);
        }
        List<HeadSpec> heads = folds.get(0).heads();
        List<List<Calibration>> alone = new ArrayList<>();
        int[][] counts = new int[folds.size()][heads.size()];
        for (int k = 0; k < folds.size(); k++) {
            if (!folds.get(k).heads().equals(heads)) {
                throw new IllegalArgumentException("fold " + k + "'s heads differ from fold 0's");
            }
            alone.add(folds.get(k).fit());
            for (int h = 0; h < heads.size(); h++) {
                counts[k][h] = folds.get(k).count(h);
            }
        }
        List<List<List<Calibration>>> fits = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        CalibrationInputs all = new CalibrationInputs(heads);
        folds.forEach(all::addAll);
        for (int k = 0; k < folds.size(); k++) {
            CalibrationInputs others = new CalibrationInputs(heads);
            for (int j = 0; j < folds.size(); j++) {
                if (j != k) {
                    others.addAll(folds.get(j));
                }
            }
            List<Calibration> pooled = others.fit();
            fits.add(List.of(alone.get(k), pooled));
            for (int h = 0; h < heads.size(); h++) {
                HeadSpec head = heads.get(h);
                Calibration[] byMethod = new Calibration[Method.values().length];
                byMethod[Method.UNCALIBRATED.ordinal()] = Calibration.identity(head);
                byMethod[Method.IN_SAMPLE.ordinal()] = alone.get(k).get(h);
                byMethod[Method.SINGLE_FOLD.ordinal()] = k == singleFold ? null : alone.get(singleFold).get(h);
                byMethod[Method.POOLED.ordinal()] = pooled.get(h);
                rows.addAll(rows(k, folds.get(k), h, byMethod));
            }
        }
        return new Result(singleFold, counts, fits, all.fit(), rows);
    }

    /** Fold {@code k}'s rows of head {@code h}: each metric under each method's calibration (null: NaN). */
    private static List<Row> rows(int k, CalibrationInputs fold, int h, Calibration[] byMethod) {
        HeadSpec head = fold.heads().get(h);
        boolean congestion = head.name().equals(Dataset.TASK_CONGESTION);
        boolean loss = head.name().equals(Dataset.TASK_LOSS_ATTRIBUTION);
        Decisions all = Decisions.of(fold, h, false);
        Decisions onset = congestion ? Decisions.of(fold, h, true) : null;
        int methods = byMethod.length;
        double[] ece = new double[methods];
        double[] logLoss = new double[methods];
        double[] onsetLogLoss = new double[methods];
        for (int m = 0; m < methods; m++) {
            Calibration c = byMethod[m];
            if (c == null) {
                ece[m] = logLoss[m] = onsetLogLoss[m] = Double.NaN;
                continue;
            }
            logLoss[m] = CalibrationFit.logLoss(c, all.classes, all.z, all.labels, all.n);
            if (congestion) {
                onsetLogLoss[m] = CalibrationFit.logLoss(c, onset.classes, onset.z, onset.labels, onset.n);
                ece[m] = onset.ece(c, 1);
            } else if (loss) {
                ece[m] = all.ece(c, Dataset.LOSS_PURE_RANDOM);
            }
        }
        List<Row> rows = new ArrayList<>();
        if (congestion || loss) {
            rows.add(new Row(k, head.name(), ECE, ece));
        }
        rows.add(new Row(k, head.name(), LOG_LOSS, logLoss));
        if (congestion) {
            rows.add(new Row(k, head.name(), ONSET_LOG_LOSS, onsetLogLoss));
        }
        return rows;
    }

    /** One head's decisions of a fold (all, or the onset ones only) as flat arrays. */
    private record Decisions(int classes, double[] z, int[] labels, int n) {
        static Decisions of(CalibrationInputs fold, int h, boolean onsetOnly) {
            int classes = fold.heads().get(h).classCount();
            int count = fold.count(h);
            double[] z = new double[count * classes];
            int[] labels = new int[count];
            int n = 0;
            for (int k = 0; k < count; k++) {
                if (onsetOnly && !fold.gated(h, k)) {
                    continue;
                }
                for (int c = 0; c < classes; c++) {
                    z[n * classes + c] = fold.logProbability(h, k, c);
                }
                labels[n++] = fold.label(h, k);
            }
            return new Decisions(classes, z, labels, n);
        }

        /** ECE of the calibrated probability of class {@code event} for "the label is {@code event}". */
        double ece(Calibration calibration, int event) {
            double[] p = new double[n];
            int[] truth = new int[n];
            double[] weight = new double[n];
            double[] row = new double[classes];
            for (int k = 0; k < n; k++) {
                System.arraycopy(z, k * classes, row, 0, classes);
                p[k] = calibrated(calibration, row)[event];
                truth[k] = labels[k] == event ? 1 : 0;
                weight[k] = 1;
            }
            return Metrics.ece(p, truth, weight, n);
        }
    }

    /**
     * Probabilities of {@code calibration} applied to one decision's uncalibrated log-probabilities
     * ({@code softmax(z / T + b)}: the runtime's formula on the logits, which differ from
     * log-probabilities by a constant per decision the softmax cancels).
     */
    static double[] calibrated(Calibration calibration, double[] z) {
        float[] bias = calibration.bias();
        double[] p = new double[z.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < z.length; c++) {
            p[c] = z[c] / calibration.temperature() + bias[c];
            max = Math.max(max, p[c]);
        }
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            p[c] = Math.exp(p[c] - max);
            sum += p[c];
        }
        for (int c = 0; c < z.length; c++) {
            p[c] /= sum;
        }
        return p;
    }
}
