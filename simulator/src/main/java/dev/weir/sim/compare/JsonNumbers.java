package dev.weir.sim.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats doubles for reports with fixed, JDK-independent rules (Double.toString changed in JDK
 * 19), so identical results give identical bytes.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class JsonNumbers {
    /** Significant digits kept: far beyond the precision of any simulated metric. */
    static final int SIGNIFICANT_DIGITS = 9;
    /** Plain notation for decimal exponents in [-6, 15); scientific outside (short and valid JSON). */
    private static final int MIN_PLAIN_EXPONENT = -6;
    private static final int MAX_PLAIN_EXPONENT = 15;
    private static final MathContext CONTEXT =
            new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private JsonNumbers() {
    }

    /**
     * A JSON number for a finite {@code value}: 9 significant digits, no trailing zeros, "0" for
     * both zeros, e.g. {@code 0.25}, {@code 1234567.5}, {@code 3.1E-9}.
     */
    public static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        if (value == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(value).round(CONTEXT).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= MIN_PLAIN_EXPONENT && exponent < MAX_PLAIN_EXPONENT) {
            return rounded.toPlainString();
        }
        return rounded.toString();
    }
}
