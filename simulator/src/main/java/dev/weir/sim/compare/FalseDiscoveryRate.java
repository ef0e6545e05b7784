package dev.weir.sim.compare;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Benjamini-Hochberg adjusted p-values ("q-values" in the step-up sense): rejecting every
 * hypothesis whose adjusted p is at most q controls the false discovery rate at q (Benjamini and
 * Hochberg 1995, JRSS B 57(1)), under independence or positive regression dependence (Benjamini
 * and Yekutieli 2001). When every hypothesis is true, as in an A-vs-A comparison, the FDR equals
 * the chance of any false rejection, so that is held at q as well.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class FalseDiscoveryRate {
    private FalseDiscoveryRate() {
    }

    /**
     * adjusted[i] = min over j with rank(j) >= rank(i) of (m / rank(j)) p[j], capped at 1, where
     * rank is the position in ascending p order (1-based) and m the number of p-values.
     */
    public static double[] benjaminiHochberg(double[] p) {
        int m = p.length;
        for (double v : p) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("p-values must be in [0, 1], got " + v);
            }
        }
        // Stable order: equal p-values keep their input order, so the result is deterministic.
        Integer[] order = IntStream.range(0, m).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 1;
        for (int rank = m; rank >= 1; rank--) {
            int i = order[rank - 1];
            running = Math.min(running, p[i] * m / rank);
            adjusted[i] = running;
        }
        return adjusted;
    }
}
