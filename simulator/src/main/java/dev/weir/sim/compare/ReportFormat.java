package dev.weir.sim.compare;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * Number formatting shared by report.md, report.html and the console, so all three print a change
 * the same way: percent on the relative scale, signed metric units on the absolute scale.
 *
 * <p>Immutable and thread-safe (static functions only).
 */
public final class ReportFormat {
    /** p-values below this print in scientific notation. */
    private static final double SMALL_P = 1e-4;

    private ReportFormat() {
    }

    /** Human-scale number: integers from 1000, 2 decimals from 1, 3 significant digits below. */
    public static String value(Double v) {
        if (v == null || !Double.isFinite(v)) {
            return "-";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** The change of a comparison: {@code +4.7%} (relative) or {@code +0.20} (absolute). */
    public static String change(MetricComparison m) {
        return m.change() == null ? "-" : signed(m.change(), m.scale());
    }

    /** The interval of a comparison, {@code [+3.1%, +6.0%]}, or "-" when there is none. */
    public static String interval(MetricComparison m) {
        if (m.ci95Low() == null) {
            return "-";
        }
        return "[" + signed(m.ci95Low(), m.scale()) + ", " + signed(m.ci95High(), m.scale()) + "]";
    }

    /** A p-value with two significant digits (exact p-values are shown as they are, never as a bound). */
    public static String p(Double p) {
        if (p == null) {
            return "-";
        }
        if (p == 0) {
            return "0";
        }
        if (p < SMALL_P) {
            return String.format(Locale.ROOT, "%.1e", p);
        }
        return new BigDecimal(p).round(new MathContext(2, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
    }

    /** A mean with its interval: {@code 71.3 [69.0, 73.5]}. */
    public static String meanWithInterval(Leaderboard.MetricSummary s) {
        if (s == null || s.mean() == null) {
            return "-";
        }
        return value(s.mean()) + (s.ci95Low() == null ? "" : " [" + value(s.ci95Low()) + ", " + value(s.ci95High())
                + "]");
    }

    private static String signed(double v, Scale scale) {
        if (scale == Scale.RELATIVE) {
            return String.format(Locale.ROOT, "%+.1f%%", 100 * v);
        }
        return (v > 0 ? "+" : "") + value(v);
    }
}
