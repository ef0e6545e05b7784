package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weir.bwe.model.Calibration;
import dev.weir.bwe.model.HeadSpec;
import dev.weir.models.data.Dataset;
import dev.weir.models.train.CalibrationStudy.Method;
import dev.weir.models.train.CalibrationStudy.Result;
import dev.weir.models.train.CalibrationStudy.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationStudyTest {
    private static final List<HeadSpec> HEADS = List.of(Tasks.head(Dataset.TASK_LOSS_ATTRIBUTION),
            Tasks.head(Dataset.TASK_CONGESTION));

    /**
     * Five folds of 3000 decisions whose labels follow softmax(z / 1.5 + shift): fold 0's
     * congestion "yes" is shifted by +1, the other folds' by -0.5 (fold 0 is the outlier, as in
     * the shipped model's data); loss attribution is shifted alike in every fold. Every other
     * decision is gated.
     */
    private static List<CalibrationInputs> folds() {
        SplittableRandom random = new SplittableRandom(7);
        List<CalibrationInputs> folds = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            CalibrationInputs fold = new CalibrationInputs(HEADS);
            for (int i = 0; i < 3000; i++) {
                Draw loss = draw(random, new double[] {0, 0.3, -0.3});
                fold.add(0, loss.z(), loss.label(), i % 2 == 0);
                Draw congestion = draw(random, new double[] {0, k == 0 ? 1.0 : -0.5});
                fold.add(1, congestion.z(), congestion.label(), i % 2 == 0);
            }
            folds.add(fold);
        }
        return folds;
    }

    /** Uncalibrated log-probabilities and the label drawn from their shifted, flattened softmax. */
    private record Draw(double[] z, int label) {
    }

    private static Draw draw(SplittableRandom random, double[] shift) {
        int classes = shift.length;
        double[] z = new double[classes];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            z[c] = 2 * random.nextGaussian();
            max = Math.max(max, z[c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(z[c] - max);
        }
        double[] truth = new double[classes];
        double truthSum = 0;
        for (int c = 0; c < classes; c++) {
            z[c] -= max + Math.log(sum);
            truth[c] = Math.exp(z[c] / 1.5 + shift[c]);
            truthSum += truth[c];
        }
        double u = random.nextDouble() * truthSum;
        int label = 0;
        while (label < classes - 1 && u > truth[label]) {
            u -= truth[label++];
        }
        return new Draw(z, label);
    }

    @Test
    void shouldPreferThePooledFoldsWhenTheSingleFoldIsTheOutlier() {
        Result result = CalibrationStudy.run(folds(), 0);
        // Per fold: loss (ece, log loss) and congestion (ece, log loss, onset log loss).
        assertEquals(5 * 5, result.rows().size());
        for (Row row : result.rows()) {
            assertEquals(row.fold() == 0, Double.isNaN(row.value(Method.SINGLE_FOLD)), row.toString());
            if (row.metric().equals(CalibrationStudy.LOG_LOSS)) {
                for (Method m : Method.values()) {
                    if (!Double.isNaN(row.value(m))) {
                        assertTrue(row.value(Method.IN_SAMPLE) <= row.value(m) + 1e-6,
                                "the in-sample fit minimises the fold's log loss: " + row);
                    }
                }
            }
        }
        String congestion = Dataset.TASK_CONGESTION;
        assertTrue(result.mean(congestion, CalibrationStudy.ECE, Method.POOLED)
                < result.mean(congestion, CalibrationStudy.ECE, Method.SINGLE_FOLD) / 2, result.text());
        assertTrue(result.mean(congestion, CalibrationStudy.LOG_LOSS, Method.POOLED)
                < result.mean(congestion, CalibrationStudy.LOG_LOSS, Method.SINGLE_FOLD), result.text());
        assertTrue(result.pooledWins(), result.text());
        assertTrue(result.text().contains("pooled beats the single fold on every head (lower mean ECE, log loss no"
                + " higher): yes"), result.text());
        // Fold 0's single-fold fit recovers its own shift; pooled without fold 3 recovers the others'.
        assertEquals(1.0, result.fits().get(0).get(0).get(1).bias()[1], 0.15);
        assertEquals(1.5, result.fits().get(0).get(0).get(1).temperature(), 0.15);
        float pooledBias = result.fits().get(3).get(1).get(1).bias()[1];
        assertTrue(pooledBias > -0.6 && pooledBias < 0.3, "pooled without fold 3 (folds 0, 1, 2, 4): " + pooledBias);
    }

    @Test
    void shouldFitEachHeldOutFoldsPoolOnTheOtherFoldsOnly() {
        List<CalibrationInputs> folds = folds();
        Result result = CalibrationStudy.run(folds, 0);
        CalibrationInputs others = new CalibrationInputs(HEADS).addAll(folds.get(0)).addAll(folds.get(1))
                .addAll(folds.get(3)).addAll(folds.get(4));
        assertEquals(others.fit(), result.fits().get(2).get(1));
        CalibrationInputs all = new CalibrationInputs(HEADS);
        folds.forEach(all::addAll);
        assertEquals(all.fit(), result.allPooled(), "every fold pooled, in fold order");
        assertEquals(folds.get(2).fit(), result.fits().get(2).get(0));
        assertEquals(3000, result.counts()[2][1]);
        assertEquals(result.text(), CalibrationStudy.run(folds(), 0).text(), "same inputs, same numbers");
    }

    @Test
    void shouldScoreOnsetEceOnGatedDecisionsAndLossEceOnPureRandom() {
        CalibrationInputs fold = new CalibrationInputs(HEADS);
        double[] sure = {Math.log(0.9), Math.log(0.1)};
        // Two gated decisions that say 0.1 "yes", one congested: onset ECE |0.1 - 0.5| = 0.4. The ungated one is ignored.
        fold.add(1, sure, 1, true);
        fold.add(1, sure, 0, true);
        fold.add(1, sure, 1, false);
        double[] lossRow = {Math.log(0.6), Math.log(0.3), Math.log(0.1)};
        fold.add(0, lossRow, Dataset.LOSS_PURE_RANDOM, false);
        fold.add(0, lossRow, Dataset.LOSS_CONGESTION, false);
        Result result = CalibrationStudy.run(List.of(fold, fold), 0);
        Row onset = result.rows().stream().filter(r -> r.fold() == 1 && r.head().equals(Dataset.TASK_CONGESTION)
                && r.metric().equals(CalibrationStudy.ECE)).findFirst().orElseThrow();
        assertEquals(0.4, onset.value(Method.UNCALIBRATED), 1e-9);
        Row loss = result.rows().stream().filter(r -> r.fold() == 1 && r.head().equals(Dataset.TASK_LOSS_ATTRIBUTION)
                && r.metric().equals(CalibrationStudy.ECE)).findFirst().orElseThrow();
        assertEquals(0.1, loss.value(Method.UNCALIBRATED), 1e-9, "P(pure_random) 0.6 against half pure random");
        Row onsetLoss = result.rows().stream().filter(r -> r.fold() == 1
                && r.metric().equals(CalibrationStudy.ONSET_LOG_LOSS)).findFirst().orElseThrow();
        assertEquals(-(Math.log(0.1) + Math.log(0.9)) / 2, onsetLoss.value(Method.UNCALIBRATED), 1e-9);
    }

    @Test
    void shouldNotCallPoolingAWinWhenItsLogLossIsWorse() {
        double[] better = {0.02, 0.01, 0.02, 0.01};
        double[] worseLoss = {0.30, 0.31, 0.30, 0.32};
        List<Row> rows = List.of(new Row(1, "congestion", CalibrationStudy.ECE, better),
                new Row(1, "congestion", CalibrationStudy.LOG_LOSS, worseLoss));
        Result result = new Result(0, new int[][] {{1}, {1}}, List.of(), List.of(), rows);
        assertFalse(result.pooledWins(), "pooled log loss 0.32 > single fold's 0.30");
        assertThrows(IllegalArgumentException.class, () -> CalibrationStudy.run(List.of(folds().get(0)), 0));
    }

    @Test
    void shouldApplyACalibrationAsTheRuntimeDoes() {
        double[] p = CalibrationStudy.calibrated(new Calibration("h", 2f, new float[] {0f, 1f}),
                new double[] {Math.log(0.8), Math.log(0.2)});
        double yes = Math.exp(Math.log(0.2) / 2 + 1);
        double no = Math.exp(Math.log(0.8) / 2);
        assertEquals(yes / (yes + no), p[1], 1e-12);
        assertEquals(1.0, p[0] + p[1], 1e-12);
    }
}
