package dev.weir.bwe.model;

import java.util.Arrays;

/**
 * Per-feature standardisation {@code (raw - mean) / std} fitted on the training split. Training
 * and inference both go through {@link #normaliseTs} and {@link #normaliseDense}, so the two apply
 * exactly the same float arithmetic.
 *
 * <p>A non-finite raw value (a feature the extractor could not compute) becomes 0, the training
 * mean, and normalised values are bounded to +-{@link #MAX_NORMALISED}, so one bad input cannot
 * turn every output into NaN or overflow a layer.
 *
 * <p>Immutable and thread-safe.
 */
public final class Normalisation {
    /** Bound on a normalised value, in standard deviations: no real feature sits further out. */
    public static final float MAX_NORMALISED = 1e4f;
    private final float[] tsMean;
    private final float[] tsStd;
    private final float[] denseMean;
    private final float[] denseStd;

    /** Copies the arrays; every mean must be finite and every std finite and positive. */
    public Normalisation(float[] tsMean, float[] tsStd, float[] denseMean, float[] denseStd) {
        this.tsMean = check("ts_mean", tsMean, false);
        this.tsStd = check("ts_std", tsStd, true);
        this.denseMean = check("dense_mean", denseMean, false);
        this.denseStd = check("dense_std", denseStd, true);
        if (tsMean.length != tsStd.length) {
            throw new IllegalArgumentException("ts_mean has " + tsMean.length + " values but ts_std has "
                    + tsStd.length);
        }
        if (denseMean.length != denseStd.length) {
            throw new IllegalArgumentException("dense_mean has " + denseMean.length
                    + " values but dense_std has " + denseStd.length);
        }
    }

    /** Mean 0, std 1: inputs pass through unchanged (except non-finite values, which become 0). */
    public static Normalisation identity(int tsFeatures, int denseFeatures) {
        float[] tsOnes = new float[tsFeatures];
        float[] denseOnes = new float[denseFeatures];
        Arrays.fill(tsOnes, 1f);
        Arrays.fill(denseOnes, 1f);
        return new Normalisation(new float[tsFeatures], tsOnes, new float[denseFeatures], denseOnes);
    }

    /** Normalised value of time-series feature {@code feature}. */
    public float normaliseTs(int feature, float raw) {
        return standardise(raw, tsMean[feature], tsStd[feature]);
    }

    /** Normalised value of dense feature {@code feature}. */
    public float normaliseDense(int feature, float raw) {
        return standardise(raw, denseMean[feature], denseStd[feature]);
    }

    private static float standardise(float raw, float mean, float std) {
        if (!Float.isFinite(raw)) {
            return 0f;
        }
        // Finite inputs can still overflow to +-Infinity here (never NaN); the bound catches both.
        float value = (raw - mean) / std;
        return value > MAX_NORMALISED ? MAX_NORMALISED : (value < -MAX_NORMALISED ? -MAX_NORMALISED : value);
    }

    public int tsFeatureCount() {
        return tsMean.length;
    }

    public int denseFeatureCount() {
        return denseMean.length;
    }

    /** A copy of the time-series means. */
    public float[] tsMean() {
        return tsMean.clone();
    }

    /** A copy of the time-series standard deviations. */
    public float[] tsStd() {
        return tsStd.clone();
    }

    /** A copy of the dense means. */
    public float[] denseMean() {
        return denseMean.clone();
    }

    /** A copy of the dense standard deviations. */
    public float[] denseStd() {
        return denseStd.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalisation that
                && Arrays.equals(tsMean, that.tsMean) && Arrays.equals(tsStd, that.tsStd)
                && Arrays.equals(denseMean, that.denseMean) && Arrays.equals(denseStd, that.denseStd);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Arrays.hashCode(tsMean) + Arrays.hashCode(tsStd)) + Arrays.hashCode(denseMean))
                + Arrays.hashCode(denseStd);
    }

    @Override
    public String toString() {
        return "Normalisation[ts=" + tsMean.length + " features, dense=" + denseMean.length + " features]";
    }

    private static float[] check(String field, float[] values, boolean isStd) {
        if (values == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            if (!Float.isFinite(value) || (isStd && value <= 0f)) {
                throw new IllegalArgumentException(field + "[" + i + "] = " + value
                        + (isStd ? ": must be finite and > 0" : ": must be finite"));
            }
        }
        return values.clone();
    }
}
