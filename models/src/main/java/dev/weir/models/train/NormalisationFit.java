package dev.weir.models.train;

import dev.weir.bwe.model.Normalisation;
import dev.weir.models.data.Dataset;

/**
 * Fits the per-feature standardisation on training samples: mean and population standard
 * deviation of each time-series feature over every step of every window, and of each dense
 * feature, with Welford's running update in double precision (Welford 1962, "Note on a method for
 * calculating corrected sums of squares and products"). Non-finite raw values are skipped, because
 * {@link Normalisation} maps them to 0 at inference. Deviations are floored so constant features
 * stay finite.
 *
 * <p>Stateless and thread-safe.
 */
public final class NormalisationFit {
    private NormalisationFit() {
    }

    /** Normalisation fitted on {@code samples} of {@code dataset} (indices; use the training split only). */
    public static Normalisation fit(Dataset dataset, int[] samples, double stdFloor) {
        int steps = dataset.tsSteps();
        int tsFeatures = dataset.tsFeatures();
        int denseFeatures = dataset.denseFeatures();
        Welford[] ts = Welford.array(tsFeatures);
        Welford[] dense = Welford.array(denseFeatures);
        float[] window = new float[steps * tsFeatures];
        float[] denseRow = new float[denseFeatures];
        for (int i : samples) {
            dataset.tsWindow(i, window);
            for (int t = 0; t < steps; t++) {
                for (int f = 0; f < tsFeatures; f++) {
                    ts[f].add(window[t * tsFeatures + f]);
                }
            }
            dataset.denseFeatures(i, denseRow);
            for (int f = 0; f < denseFeatures; f++) {
                dense[f].add(denseRow[f]);
            }
        }
        return new Normalisation(means(ts), stds(ts, stdFloor), means(dense), stds(dense, stdFloor));
    }

    private static float[] means(Welford[] stats) {
        float[] out = new float[stats.length];
        for (int i = 0; i < stats.length; i++) {
            out[i] = (float) stats[i].mean;
        }
        return out;
    }

    private static float[] stds(Welford[] stats, double floor) {
        float[] out = new float[stats.length];
        for (int i = 0; i < stats.length; i++) {
            Welford s = stats[i];
            double std = s.count > 0 ? Math.sqrt(s.squares / s.count) : 1.0;
            // The float cast must not round a tiny deviation to 0 either.
            out[i] = (float) Math.max(std, floor);
            if (!(out[i] > 0f) || !Float.isFinite(out[i])) {
                out[i] = (float) Math.max(floor, Float.MIN_NORMAL);
            }
        }
        return out;
    }

    /** Running mean and sum of squared deviations of one feature. */
    private static final class Welford {
        long count;
        double mean;
        double squares;

        static Welford[] array(int n) {
            Welford[] out = new Welford[n];
            for (int i = 0; i < n; i++) {
                out[i] = new Welford();
            }
            return out;
        }

        void add(float value) {
            if (!Float.isFinite(value)) {
                return;
            }
            count++;
            double delta = value - mean;
            mean += delta / count;
            squares += delta * (value - mean);
        }
    }
}
