package dev.weir.sim.trace;

import dev.weir.sim.scenario.ScenarioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a "cooked" throughput trace into a looping piecewise-constant capacity: one sample per line,
 * {@code time_s<TAB>Mbps} (any whitespace accepted), as used by Pensieve (Mao et al., "Neural
 * Adaptive Video Streaming with Pensieve", SIGCOMM 2017; pensieve/sim/load_trace.py) for the
 * Norway HSDPA, FCC and Puffer datasets.
 *
 * <p>Conversion: sample {@code i} holds from its time until the next sample's time. Times are
 * shifted so the first sample is at 0 (FCC traces start at e.g. 900 s). The last sample holds for
 * the trace's mean sample interval, so the looped trace keeps its sampling rhythm; the loop period
 * is therefore {@code (t_last - t_first) * n / (n - 1)}. Blank lines and lines starting with
 * {@code #} are skipped. (Pensieve's simulator applies a sample to the interval ending at its time;
 * holding it from its time on is the same capacity series shifted by one sample, and keeps the
 * first sample, which Pensieve skips.)
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class CookedTrace {
    private static final double US_PER_S = 1e6; // unit conversion
    private static final double BPS_PER_MBPS = 1e6; // unit conversion
    /** Highest accepted sample, Mbps (100 Gbps): anything above is a unit mistake. */
    static final double MAX_MBPS = 100_000;
    /** Latest accepted sample time, seconds (30 days): bounds the microsecond arithmetic. */
    static final double MAX_TIME_S = 30 * 86_400;
    /** Plain decimal or scientific notation; rejects NaN, Infinity, hex and Java suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String EXPECTED_LINE = "'time_s<TAB>Mbps' (two numbers separated by whitespace)";

    private CookedTrace() {
    }

    /**
     * Reads {@code file}.
     *
     * @throws ScenarioException naming the file, line and text when the file is missing, has fewer
     *     than two samples, a malformed line, a negative/NaN value or a time that does not increase
     */
    public static PiecewiseCapacity read(Path file) {
        long[] startUs = new long[256];
        long[] rateBps = new long[256];
        int samples = 0;
        double firstTimeS = 0;
        double previousTimeS = 0;
        int lineNumber = 0;
        try (BufferedReader reader = TraceInput.open(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] fields = text.split("\\s+");
                if (fields.length != 2) {
                    throw ScenarioException.badLine(file, lineNumber, text, EXPECTED_LINE + ", found "
                            + fields.length + " field(s)");
                }
                double timeS = parse(fields[0], "time in seconds", MAX_TIME_S, file, lineNumber, text);
                double mbps = parse(fields[1], "capacity in Mbps", MAX_MBPS, file, lineNumber, text);
                if (samples == 0) {
                    firstTimeS = timeS;
                } else if (!(timeS > previousTimeS)) {
                    throw ScenarioException.badLine(file, lineNumber, text, "a time greater than the previous line's "
                            + format(previousTimeS) + " s (times must strictly increase)");
                }
                previousTimeS = timeS;
                if (samples == startUs.length) {
                    startUs = Arrays.copyOf(startUs, samples * 2);
                    rateBps = Arrays.copyOf(rateBps, samples * 2);
                }
                startUs[samples] = Math.round((timeS - firstTimeS) * US_PER_S);
                if (samples > 0 && startUs[samples] <= startUs[samples - 1]) {
                    throw ScenarioException.badLine(file, lineNumber, text,
                            "a time at least 1 us after the previous sample");
                }
                rateBps[samples] = Math.round(mbps * BPS_PER_MBPS);
                samples++;
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "trace file not found");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), "cannot read trace: " + e);
        }
        return toSchedule(Arrays.copyOf(startUs, samples), Arrays.copyOf(rateBps, samples), file);
    }

    private static PiecewiseCapacity toSchedule(long[] startUs, long[] rateBps, Path file) {
        int samples = startUs.length;
        if (samples < 2) {
            throw new ScenarioException(file.toString(), (samples == 0 ? "empty trace" : "only one sample")
                    + ": expected at least two lines of " + EXPECTED_LINE + " to define the sample interval");
        }
        long spanUs = startUs[samples - 1];
        long periodUs = spanUs + Math.max(1, Math.round((double) spanUs / (samples - 1)));
        boolean anyPositive = false;
        double bitsTimesUs = 0;
        for (int i = 0; i < samples; i++) {
            anyPositive |= rateBps[i] > 0;
            long endUs = i + 1 < samples ? startUs[i + 1] : periodUs;
            bitsTimesUs += (double) rateBps[i] * (endUs - startUs[i]);
        }
        if (!anyPositive) {
            throw new ScenarioException(file.toString(), "every sample is 0 Mbps: expected some capacity > 0");
        }
        String description = String.format(Locale.ROOT, "cooked %s (mean %.2f Mbps, %.0f s loop)",
                file.getFileName(), bitsTimesUs / periodUs / 1e6, periodUs / US_PER_S);
        return new PiecewiseCapacity(startUs, rateBps, periodUs, description);
    }

    private static double parse(String field, String what, double max, Path file, int lineNumber, String text) {
        if (!DECIMAL.matcher(field).matches()) {
            throw ScenarioException.badLine(file, lineNumber, text, EXPECTED_LINE + "; '" + field
                    + "' is not a number (" + what + ")");
        }
        double value = Double.parseDouble(field);
        if (!(value >= 0 && value <= max)) {
            throw ScenarioException.badLine(file, lineNumber, text, "a " + what + " in [0, " + format(max)
                    + "], not " + field);
        }
        return value;
    }

    private static String format(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
