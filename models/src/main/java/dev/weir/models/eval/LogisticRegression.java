package dev.weir.models.eval;

/**
 * L2-regularised logistic regression fitted by Newton's method (iteratively reweighted least
 * squares; Hastie, Tibshirani and Friedman, "The Elements of Statistical Learning", 2nd ed.,
 * section 4.4.1), in double precision with a Cholesky solve, so a fit is deterministic. The
 * baseline the ML audit found strong: a linear model on the same, robustly scaled inputs as the
 * network sees at a decision (the latest row and the dense vector).
 *
 * <p>Immutable and thread-safe once fitted.
 */
public final class LogisticRegression {
    /** Newton iterations: the log-likelihood is concave and converges in well under this. */
    private static final int ITERATIONS = 25;
    /** L2 penalty on the weights (not the intercept), per sample: keeps separable data finite. */
    private static final double L2 = 1e-4;

    private final double[] weights;

    private LogisticRegression(double[] weights) {
        this.weights = weights;
    }

    /**
     * Fits {@code y[i]} in {0, 1} from {@code x} row-major [count][features].
     *
     * @throws IllegalArgumentException without both classes
     */
    public static LogisticRegression fit(double[] x, int[] y, int count, int features) {
        int positives = 0;
        for (int i = 0; i < count; i++) {
            positives += y[i];
        }
        if (positives == 0 || positives == count) {
            throw new IllegalArgumentException("logistic regression needs both classes, has " + positives + " of "
                    + count + " positive");
        }
        int d = features + 1;
        double[] w = new double[d];
        double[] gradient = new double[d];
        double[] hessian = new double[d * d];
        double[] row = new double[d];
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            java.util.Arrays.fill(gradient, 0);
            java.util.Arrays.fill(hessian, 0);
            for (int i = 0; i < count; i++) {
                row[0] = 1;
                System.arraycopy(x, i * features, row, 1, features);
                double z = 0;
                for (int j = 0; j < d; j++) {
                    z += w[j] * row[j];
                }
                double p = sigmoid(z);
                double r = y[i] - p;
                double v = Math.max(1e-12, p * (1 - p));
                for (int j = 0; j < d; j++) {
                    gradient[j] += r * row[j];
                    double vj = v * row[j];
                    for (int k = 0; k <= j; k++) {
                        hessian[j * d + k] += vj * row[k];
                    }
                }
            }
            for (int j = 1; j < d; j++) {
                gradient[j] -= L2 * count * w[j];
                hessian[j * d + j] += L2 * count;
            }
            hessian[0] += 1e-9 * count;
            double[] step = solveSymmetric(hessian, gradient, d);
            double largest = 0;
            for (int j = 0; j < d; j++) {
                w[j] += step[j];
                largest = Math.max(largest, Math.abs(step[j]));
            }
            if (largest < 1e-8) {
                break;
            }
        }
        return new LogisticRegression(w);
    }

    /** P(y = 1) of feature row {@code x[offset, offset + features)}. */
    public double probability(double[] x, int offset) {
        double z = weights[0];
        for (int j = 1; j < weights.length; j++) {
            z += weights[j] * x[offset + j - 1];
        }
        return sigmoid(z);
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }

    /** Solves H s = g for the symmetric positive-definite H (lower triangle filled) by Cholesky. */
    private static double[] solveSymmetric(double[] h, double[] g, int d) {
        double[] l = new double[d * d];
        for (int j = 0; j < d; j++) {
            double sum = h[j * d + j];
            for (int k = 0; k < j; k++) {
                sum -= l[j * d + k] * l[j * d + k];
            }
            double diagonal = Math.sqrt(Math.max(sum, 1e-12));
            l[j * d + j] = diagonal;
            for (int i = j + 1; i < d; i++) {
                double off = h[i * d + j];
                for (int k = 0; k < j; k++) {
                    off -= l[i * d + k] * l[j * d + k];
                }
                l[i * d + j] = off / diagonal;
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double sum = g[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * d + k] * z[k];
            }
            z[i] = sum / l[i * d + i];
        }
        double[] s = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double sum = z[i];
            for (int k = i + 1; k < d; k++) {
                sum -= l[k * d + i] * s[k];
            }
            s[i] = sum / l[i * d + i];
        }
        return s;
    }
}
