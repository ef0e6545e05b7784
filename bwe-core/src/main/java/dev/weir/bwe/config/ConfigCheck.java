package dev.weir.bwe.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects every broken constraint of a settings object, as libwebrtc's {@code IsConfigValid}
 * logs each one rather than stopping at the first. Each settings type validates all its fields in
 * one method through this class.
 *
 * <p>Not thread-safe; use one instance per validation.
 */
public final class ConfigCheck {
    private final String prefix;
    private final List<String> problems;

    private ConfigCheck(String prefix, List<String> problems) {
        this.prefix = prefix;
        this.problems = problems;
    }

    /** Starts a check for the settings named {@code what} (e.g. {@code "trendline"}). */
    public static ConfigCheck of(String what) {
        return new ConfigCheck(what, new ArrayList<>());
    }

    /** A check whose problems are reported under {@code prefix.child}, sharing this one's list. */
    public ConfigCheck child(String child) {
        return new ConfigCheck(prefix + "." + child, problems);
    }

    /** Requires {@code min <= value <= max} and a finite value. */
    public ConfigCheck range(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            problems.add(prefix + "." + field + " = " + format(value) + ": must be in [" + format(min) + ", "
                    + format(max) + "]");
        }
        return this;
    }

    /** Requires {@code min <= value <= max}. */
    public ConfigCheck range(String field, long value, long min, long max) {
        if (value < min || value > max) {
            problems.add(prefix + "." + field + " = " + value + ": must be in [" + min + ", " + max + "]");
        }
        return this;
    }

    /** Records {@code requirement} as broken when {@code ok} is false. */
    public ConfigCheck require(boolean ok, String field, Object value, String requirement) {
        if (!ok) {
            problems.add(prefix + "." + field + " = " + value + ": " + requirement);
        }
        return this;
    }

    /** Requires a non-null value. */
    public ConfigCheck notNull(String field, Object value) {
        if (value == null) {
            problems.add(prefix + "." + field + " is missing");
        }
        return this;
    }

    /**
     * An unmodifiable copy of {@code list} that keeps null elements (null for a null list): what a
     * record bound from JSON stores, so {@code validate} can name a null element instead of the
     * binding failing on it.
     */
    public static <T> List<T> copyOf(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    public boolean isValid() {
        return problems.isEmpty();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link InvalidSettingsException} listing every problem, if any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(prefix, problems);
        }
    }

    private static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
