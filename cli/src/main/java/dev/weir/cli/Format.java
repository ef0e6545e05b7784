package dev.weir.cli;

import java.util.Locale;

/** Console number formatting: fixed, locale-independent. */
final class Format {
    private Format() {
    }

    static String value(Object value) {
        if (value instanceof Double d) {
            double abs = Math.abs(d);
            return abs >= 1000 ? String.format(Locale.ROOT, "%.0f", d) : String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(value);
    }
}
