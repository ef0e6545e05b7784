package dev.weir.bwe.model;

import java.util.Arrays;

/**
 * Per-feature scaling fitted on the training split: an optional variance-stabilising transform
 * ({@link Transform}), then {@code (transformed - centre) / scale}. Training and inference both go
 * through {@link #normaliseTs} and {@link #normaliseDense}, so the two apply exactly the same
 * float arithmetic, and the parameters travel in the model file.
 *
 * <p>Why a transform: rates, delays and counts are heavy-tailed (a delay above the minimum of a
 * few ms most of the time and seconds in an outage), so mean/std scaling lets the outliers set the
 * scale and squeezes the typical range into a sliver of it. A signed {@code log1p} makes their
 * ratios differences; the fitter ({@code NormalisationFit} in the models module) then centres on
 * the median and scales by the interquartile range (robust statistics: Huber and Ronchetti,
 * "Robust Statistics", 2009), falling back to the standard deviation where the IQR is 0.
 *
 * <p>A non-finite raw value (a feature the extractor could not compute) becomes 0 and normalised
 * values are bounded to +-{@link #MAX_NORMALISED}, so one bad input cannot turn every output into
 * NaN or overflow a layer.
 *
 * <p>Immutable and thread-safe.
 */
public final class Normalisation {
    /** Bound on a normalised value, in scales: no real feature sits further out. */
    public static final float MAX_NORMALISED = 1e4f;

    /** How a raw value is transformed before centring and scaling. */
    public enum Transform {
        /** The raw value. */
        LINEAR("linear"),
        /** {@code sign(x) * ln(1 + |x|)}: heavy-tailed magnitudes, ratios become differences. */
        SIGNED_LOG1P("signed_log1p");

        private final String id;

        Transform(String id) {
            this.id = id;
        }

        /** The name used in model headers. */
        public String id() {
            return id;
        }

        /** The transform named {@code id}, or null. */
        public static Transform byId(String id) {
            for (Transform transform : values()) {
                if (transform.id.equals(id)) {
                    return transform;
                }
            }
            return null;
        }

        /**
         * The transformed value of a finite {@code raw}; {@code log1p} to a few float ulps
         * ({@link FastMath#log1p}), the same function in training and at run time.
         */
        public float apply(float raw) {
            if (this == LINEAR) {
                return raw;
            }
            float magnitude = FastMath.log1p(Math.abs(raw));
            return raw < 0f ? -magnitude : magnitude;
        }
    }

    private final Transform[] tsTransform;
    private final float[] tsCentre;
    private final float[] tsScale;
    private final Transform[] denseTransform;
    private final float[] denseCentre;
    private final float[] denseScale;

    /**
     * Copies the arrays; every transform must be given, every centre finite and every scale
     * finite and positive, and the three arrays of each part equally long.
     */
    public Normalisation(Transform[] tsTransform, float[] tsCentre, float[] tsScale, Transform[] denseTransform,
            float[] denseCentre, float[] denseScale) {
        this.tsTransform = transforms("ts_transform", tsTransform);
        this.tsCentre = check("ts_centre", tsCentre, false);
        this.tsScale = check("ts_scale", tsScale, true);
        this.denseTransform = transforms("dense_transform", denseTransform);
        this.denseCentre = check("dense_centre", denseCentre, false);
        this.denseScale = check("dense_scale", denseScale, true);
        sameLength("ts", tsTransform.length, tsCentre.length, tsScale.length);
        sameLength("dense", denseTransform.length, denseCentre.length, denseScale.length);
    }

    /** Linear transforms with {@code mean} and {@code std} as centre and scale (plain standardisation). */
    public static Normalisation standard(float[] tsMean, float[] tsStd, float[] denseMean, float[] denseStd) {
        return new Normalisation(linear(tsMean.length), tsMean, tsStd, linear(denseMean.length), denseMean, denseStd);
    }

    /** Linear, centre 0, scale 1: inputs pass through unchanged (except non-finite values, which become 0). */
    public static Normalisation identity(int tsFeatures, int denseFeatures) {
        float[] tsOnes = new float[tsFeatures];
        float[] denseOnes = new float[denseFeatures];
        Arrays.fill(tsOnes, 1f);
        Arrays.fill(denseOnes, 1f);
        return standard(new float[tsFeatures], tsOnes, new float[denseFeatures], denseOnes);
    }

    /** {@code count} linear transforms. */
    public static Transform[] linear(int count) {
        Transform[] transforms = new Transform[count];
        Arrays.fill(transforms, Transform.LINEAR);
        return transforms;
    }

    /** Normalised value of time-series feature {@code feature}. */
    public float normaliseTs(int feature, float raw) {
        return scale(raw, tsTransform[feature], tsCentre[feature], tsScale[feature]);
    }

    /** Normalises a whole row of time-series features {@code raw[offset ..]} into {@code out[0 ..]}. */
    public void normaliseTs(float[] raw, int offset, float[] out) {
        for (int f = 0; f < tsCentre.length; f++) {
            out[f] = scale(raw[offset + f], tsTransform[f], tsCentre[f], tsScale[f]);
        }
    }

    /** Normalises a whole dense vector {@code raw} into {@code out}. */
    public void normaliseDense(float[] raw, float[] out) {
        for (int f = 0; f < denseCentre.length; f++) {
            out[f] = scale(raw[f], denseTransform[f], denseCentre[f], denseScale[f]);
        }
    }

    /** Normalised value of dense feature {@code feature}. */
    public float normaliseDense(int feature, float raw) {
        return scale(raw, denseTransform[feature], denseCentre[feature], denseScale[feature]);
    }

    private static float scale(float raw, Transform transform, float centre, float scale) {
        if (!Float.isFinite(raw)) {
            return 0f;
        }
        // Finite inputs can still overflow to +-Infinity here (never NaN); the bound catches both.
        float value = (transform.apply(raw) - centre) / scale;
        return value > MAX_NORMALISED ? MAX_NORMALISED : (value < -MAX_NORMALISED ? -MAX_NORMALISED : value);
    }

    public int tsFeatureCount() {
        return tsCentre.length;
    }

    public int denseFeatureCount() {
        return denseCentre.length;
    }

    /** A copy of the time-series transforms. */
    public Transform[] tsTransform() {
        return tsTransform.clone();
    }

    /** A copy of the time-series centres (in transformed units). */
    public float[] tsCentre() {
        return tsCentre.clone();
    }

    /** A copy of the time-series scales (in transformed units). */
    public float[] tsScale() {
        return tsScale.clone();
    }

    /** A copy of the dense transforms. */
    public Transform[] denseTransform() {
        return denseTransform.clone();
    }

    /** A copy of the dense centres (in transformed units). */
    public float[] denseCentre() {
        return denseCentre.clone();
    }

    /** A copy of the dense scales (in transformed units). */
    public float[] denseScale() {
        return denseScale.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Normalisation that
                && Arrays.equals(tsTransform, that.tsTransform) && Arrays.equals(tsCentre, that.tsCentre)
                && Arrays.equals(tsScale, that.tsScale) && Arrays.equals(denseTransform, that.denseTransform)
                && Arrays.equals(denseCentre, that.denseCentre) && Arrays.equals(denseScale, that.denseScale);
    }

    @Override
    public int hashCode() {
        int hash = Arrays.hashCode(tsTransform);
        hash = 31 * hash + Arrays.hashCode(tsCentre);
        hash = 31 * hash + Arrays.hashCode(tsScale);
        hash = 31 * hash + Arrays.hashCode(denseTransform);
        hash = 31 * hash + Arrays.hashCode(denseCentre);
        return 31 * hash + Arrays.hashCode(denseScale);
    }

    @Override
    public String toString() {
        return "Normalisation[ts=" + tsCentre.length + " features, dense=" + denseCentre.length + " features]";
    }

    private static Transform[] transforms(String field, Transform[] values) {
        if (values == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new IllegalArgumentException(field + "[" + i + "] is missing");
            }
        }
        return values.clone();
    }

    private static void sameLength(String part, int transforms, int centres, int scales) {
        if (transforms != centres || centres != scales) {
            throw new IllegalArgumentException(part + " has " + transforms + " transforms, " + centres
                    + " centres and " + scales + " scales: one each per feature");
        }
    }

    private static float[] check(String field, float[] values, boolean isScale) {
        if (values == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        for (int i = 0; i < values.length; i++) {
            float value = values[i];
            if (!Float.isFinite(value) || (isScale && value <= 0f)) {
                throw new IllegalArgumentException(field + "[" + i + "] = " + value
                        + (isScale ? ": must be finite and > 0" : ": must be finite"));
            }
        }
        return values.clone();
    }
}
