package dev.weir.models.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weir.bwe.model.Calibration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CalibrationFitTest {

    /**
     * Labels drawn from softmax(z / 2 + [0, 0.8, -0.4]) of random logits z: the fit must recover
     * temperature 2 and the biases from 40 000 draws (standard error of a few hundredths).
     */
    @Test
    void shouldRecoverAKnownTemperatureAndBias() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 40_000;
        int classes = 3;
        double[] bias = {0, 0.8, -0.4};
        double[] logProbabilities = new double[n * classes];
        int[] labels = new int[n];
        double[] p = new double[classes];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double z = 3 * random.nextGaussian();
                logProbabilities[i * classes + c] = z;
                p[c] = Math.exp(z / 2 + bias[c]);
                sum += p[c];
            }
            double u = random.nextDouble() * sum;
            int label = 0;
            while (label < classes - 1 && u > p[label]) {
                u -= p[label++];
            }
            labels[i] = label;
        }
        Calibration fit = CalibrationFit.fit("h", classes, logProbabilities, labels, n);
        assertEquals(2.0, fit.temperature(), 0.1);
        assertEquals(0f, fit.bias()[0]);
        assertEquals(0.8, fit.bias()[1], 0.06);
        assertEquals(-0.4, fit.bias()[2], 0.06);
    }

    @Test
    void shouldScoreACalibrationByTheMeanLogLossItsFitMinimises() {
        double[] z = {Math.log(0.8), Math.log(0.2), Math.log(0.4), Math.log(0.6)};
        int[] labels = {1, 1};
        Calibration identity = new Calibration("h", 1f, new float[2]);
        assertEquals(-(Math.log(0.2) + Math.log(0.6)) / 2, CalibrationFit.logLoss(identity, 2, z, labels, 2), 1e-12);
        // Temperature 2 and bias 1 on "yes": p(yes) = e^(z1/2 + 1) / (e^(z0/2) + e^(z1/2 + 1)).
        Calibration shifted = new Calibration("h", 2f, new float[] {0f, 1f});
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            double yes = Math.exp(z[2 * i + 1] / 2 + 1);
            expected -= Math.log(yes / (yes + Math.exp(z[2 * i] / 2))) / 2;
        }
        assertEquals(expected, CalibrationFit.logLoss(shifted, 2, z, labels, 2), 1e-12);
    }

    @Test
    void shouldLeaveAHeadWithOneObservedClassUncalibrated() {
        Calibration fit = CalibrationFit.fit("h", 2, new double[] {-1, -0.5, -2, -0.1}, new int[] {1, 1}, 2);
        assertEquals(1f, fit.temperature());
        assertEquals(0f, fit.bias()[1]);
    }
}
