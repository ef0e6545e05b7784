package dev.weir.bwe.model;

import dev.weir.bwe.config.ConfigCheck;
import dev.weir.bwe.config.Validatable;
import java.util.Arrays;

/**
 * Post-hoc calibration of one head, fitted on the validation split after training: the head's
 * logits {@code z} become {@code z / temperature + bias} before the softmax. With a zero bias this
 * is temperature scaling (Guo, Pleiss, Sun and Weinberger, "On Calibration of Modern Neural
 * Networks", ICML 2017); for two classes the pair is Platt scaling of the logit difference
 * (Platt 1999), which also undoes the prior shift that class-weighted training leaves behind.
 * {@link #identity} leaves the outputs unchanged.
 *
 * <p>Bound from a model header and {@linkplain #validate validated}; immutable once built (the
 * bias array is copied in and out) and thread-safe.
 *
 * @param head        the head's name ({@link HeadSpec#name()})
 * @param temperature divides the logits, in [{@link #MIN_TEMPERATURE}, {@link #MAX_TEMPERATURE}]
 * @param bias        added per class after the division, one per class, finite
 */
public record Calibration(String head, float temperature, float[] bias) implements Validatable {
    /** Smallest temperature: sharpening a softmax more than 100-fold is a broken fit. */
    public static final float MIN_TEMPERATURE = 0.01f;
    /** Largest temperature: flattening more than 100-fold is a broken fit too. */
    public static final float MAX_TEMPERATURE = 100f;
    /** Largest bias magnitude: e^50 between classes is beyond any probability a float holds. */
    public static final float MAX_BIAS = 50f;

    public Calibration {
        bias = bias == null ? null : bias.clone();
    }

    /** Temperature 1, no bias: the head's own probabilities. */
    public static Calibration identity(HeadSpec head) {
        return new Calibration(head.name(), 1f, new float[head.classCount()]);
    }

    @Override
    public float[] bias() {
        return bias == null ? null : bias.clone();
    }

    /** Whether this calibration changes nothing. */
    public boolean changesNothing() {
        if (temperature != 1f) {
            return false;
        }
        for (float b : bias) {
            if (b != 0f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void validate(ConfigCheck check) {
        check.notNull("head", head);
        check.require(Float.isFinite(temperature) && temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE,
                "temperature", temperature, "must be in [" + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE + "]");
        check.notNull("bias", bias);
        if (bias != null) {
            for (int i = 0; i < bias.length; i++) {
                check.require(Float.isFinite(bias[i]) && Math.abs(bias[i]) <= MAX_BIAS, "bias[" + i + "]", bias[i],
                        "must be finite with magnitude at most " + MAX_BIAS);
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Calibration that && java.util.Objects.equals(head, that.head)
                && Float.compare(temperature, that.temperature) == 0 && Arrays.equals(bias, that.bias);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(head) + Float.hashCode(temperature)) + Arrays.hashCode(bias);
    }

    @Override
    public String toString() {
        return "Calibration[" + head + ", temperature " + temperature + ", bias " + Arrays.toString(bias) + "]";
    }
}
