package dev.weir.models.train;

import dev.weir.bwe.model.Calibration;

/**
 * Fits one head's {@link Calibration} on held-out decisions: the inverse temperature {@code a}
 * and class biases {@code b} (the first fixed at 0, the softmax being shift-invariant) minimising
 * the mean negative log-likelihood of {@code softmax(a z + b)}, where {@code z} are the head's
 * uncalibrated log-probabilities. The objective is convex in {@code (a, b)} (a log-sum-exp of
 * affine functions minus an affine function), so plain gradient descent with Armijo backtracking
 * (Nocedal and Wright, "Numerical Optimization", 2nd ed., algorithm 3.1) reaches the optimum; it
 * runs a fixed budget in double precision, so the result is deterministic.
 *
 * <p>Stateless and thread-safe.
 */
public final class CalibrationFit {
    /** Gradient steps: the problem has at most a handful of parameters and converges in far fewer. */
    private static final int ITERATIONS = 500;
    /** Stop when the gradient's largest component falls below this. */
    private static final double TOLERANCE = 1e-9;

    private CalibrationFit() {
    }

    /**
     * The calibration of head {@code head} from {@code count} decisions: {@code logProbabilities}
     * row-major [count][classes] (any finite log-probabilities of the uncalibrated head), {@code labels}
     * the true classes. Without decisions of at least two classes the identity is returned.
     */
    public static Calibration fit(String head, int classes, double[] logProbabilities, int[] labels, int count) {
        boolean[] seen = new boolean[classes];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (!seen[labels[i]]) {
                seen[labels[i]] = true;
                distinct++;
            }
        }
        if (distinct < 2) {
            return new Calibration(head, 1f, new float[classes]);
        }
        double[] theta = new double[classes]; // theta[0] = a, theta[c] = b_c for c >= 1
        theta[0] = 1;
        double[] gradient = new double[classes];
        double loss = objective(theta, logProbabilities, labels, count, classes, gradient);
        double step = 1;
        double[] candidate = new double[classes];
        double[] candidateGradient = new double[classes];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double norm2 = 0;
            double largest = 0;
            for (double g : gradient) {
                norm2 += g * g;
                largest = Math.max(largest, Math.abs(g));
            }
            if (largest < TOLERANCE) {
                break;
            }
            step = Math.min(1e3, step * 2);
            double next;
            while (true) {
                for (int j = 0; j < classes; j++) {
                    candidate[j] = theta[j] - step * gradient[j];
                }
                next = objective(candidate, logProbabilities, labels, count, classes, candidateGradient);
                if (next <= loss - 1e-4 * step * norm2 || step < 1e-12) {
                    break;
                }
                step /= 2;
            }
            if (!(next < loss)) {
                break;
            }
            System.arraycopy(candidate, 0, theta, 0, classes);
            System.arraycopy(candidateGradient, 0, gradient, 0, classes);
            loss = next;
        }
        double a = Math.max(1 / Calibration.MAX_TEMPERATURE, Math.min(1 / Calibration.MIN_TEMPERATURE, theta[0]));
        float[] bias = new float[classes];
        for (int c = 1; c < classes; c++) {
            bias[c] = (float) Math.max(-Calibration.MAX_BIAS, Math.min(Calibration.MAX_BIAS, theta[c]));
        }
        return new Calibration(head, (float) (1 / a), bias);
    }

    /**
     * Mean negative log-likelihood (nats) of {@code count} decisions' labels under
     * {@code calibration} applied to their uncalibrated log-probabilities (row-major
     * [count][classes]): the objective {@link #fit} minimises; NaN without decisions.
     */
    public static double logLoss(Calibration calibration, int classes, double[] logProbabilities, int[] labels,
                                 int count) {
        float[] bias = calibration.bias();
        double[] theta = new double[classes];
        theta[0] = 1.0 / calibration.temperature();
        for (int c = 1; c < classes; c++) {
            theta[c] = (double) bias[c] - bias[0];
        }
        return objective(theta, logProbabilities, labels, count, classes, new double[classes]);
    }

    /** Mean NLL of softmax(a z + b) and its gradient with respect to (a, b_1..). */
    private static double objective(double[] theta, double[] z, int[] labels, int count, int classes,
                                    double[] gradient) {
        java.util.Arrays.fill(gradient, 0);
        double[] logits = new double[classes];
        double total = 0;
        for (int i = 0; i < count; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                logits[c] = theta[0] * z[i * classes + c] + (c == 0 ? 0 : theta[c]);
                max = Math.max(max, logits[c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[c] - max);
            }
            double logSum = max + Math.log(sum);
            total += logSum - logits[labels[i]];
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[c] - logSum);
                double residual = p - (c == labels[i] ? 1 : 0);
                gradient[0] += residual * z[i * classes + c];
                if (c > 0) {
                    gradient[c] += residual;
                }
            }
        }
        for (int j = 0; j < classes; j++) {
            gradient[j] /= count;
        }
        return total / count;
    }
}
