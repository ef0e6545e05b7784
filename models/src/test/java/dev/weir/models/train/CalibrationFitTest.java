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
    void shouldLeaveAHeadWithOneObservedClassUncalibrated() {
        Calibration fit = CalibrationFit.fit("h", 2, new double[] {-1, -0.5, -2, -0.1}, new int[] {1, 1}, 2);
        assertEquals(1f, fit.temperature());
        assertEquals(0f, fit.bias()[1]);
    }
}
