package dev.weir.sim.loss;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats probabilities as short percentages for descriptions. Immutable and thread-safe. */
final class Percent {
    private Percent() {
    }

    /** {@code 0.05} gives {@code "5"}, {@code 0.005} gives {@code "0.5"}; at most 4 significant digits. */
    static String format(double probability) {
        final int significantDigits = 4; // enough for any rate a scenario file states
        return new BigDecimal(probability * 100).round(new MathContext(significantDigits))
                .stripTrailingZeros().toPlainString();
    }
}
