package dev.weir.sim.trace;

import dev.weir.sim.scenario.ScenarioException;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a Mahimahi {@code mm-link} packet-delivery trace into a looping piecewise-constant capacity.
 *
 * <p>Format (Netravali et al., "Mahimahi: Accurate Record-and-Replay for HTTP", USENIX ATC 2015;
 * mahimahi/src/packet/link_queue.cc): one line per delivery opportunity of one 1500-byte packet,
 * the integer millisecond since the trace start, non-decreasing, repeated when several packets fit
 * in one millisecond. The trace loops with period equal to its last timestamp, so an opportunity
 * at that last millisecond coincides with millisecond 0 of the next loop.
 *
 * <p>Conversion: opportunities are counted in fixed bins of {@link #DEFAULT_BIN_US} (10 ms) and each
 * bin becomes a constant capacity of {@code count * 12000 bits / bin}. Why 10 ms: it is fine enough
 * to keep the trace's sub-100 ms capacity swings that drive delay-based estimators (GCC groups
 * packets in 5 ms bursts and feeds back every 50-250 ms), yet coarse enough that single packet
 * opportunities do not turn into 1 ms on/off flicker (1 ms bins would alternate between 0 and
 * 12 Mbps on a 1 Mbps trace). The cost is a 1.2 Mbps quantum per bin, which averages out over a
 * few bins. Opportunities at the loop period itself are counted in bin 0 (they fall at the start
 * of the next loop), so the mean capacity is exactly {@code lines * 12000 bits / period}.
 *
 * <p>Immutable and thread-safe (static methods only).
 */
public final class MahimahiTrace {
    /** Bin width for counting delivery opportunities, microseconds (see class comment for why). */
    public static final long DEFAULT_BIN_US = 10_000;
    /** Bits per delivery opportunity: one MTU-sized (1500-byte) packet, as Mahimahi defines it. */
    static final long BITS_PER_OPPORTUNITY = 1500 * 8;
    /** Longest accepted trace, milliseconds (24 h): bounds the bin array for a typo'd timestamp. */
    static final long MAX_TIMESTAMP_MS = 86_400_000;
    private static final long US_PER_MS = 1000; // unit conversion
    private static final long US_PER_S = 1_000_000; // unit conversion

    private MahimahiTrace() {
    }

    /** Reads {@code file} with the default 10 ms bins. */
    public static PiecewiseCapacity read(Path file) {
        return read(file, DEFAULT_BIN_US);
    }

    /**
     * Reads {@code file}, counting opportunities in bins of {@code binUs} (a whole number of
     * milliseconds, 1..1000 ms).
     *
     * @throws ScenarioException naming the file, line and text when the file is missing, empty or
     *     malformed
     */
    public static PiecewiseCapacity read(Path file, long binUs) {
        if (binUs < US_PER_MS || binUs > 1000 * US_PER_MS || binUs % US_PER_MS != 0) {
            throw new IllegalArgumentException("bin must be a whole number of ms in [1, 1000] ms, got " + binUs + " us");
        }
        long binMs = binUs / US_PER_MS;
        // Non-empty bins only, in order (times never decrease): memory follows the file's lines,
        // not its last timestamp, so "0" then "86400000" costs two entries, not 86 million bins.
        long[] bins = new long[64];
        int[] counts = new int[64];
        int nonEmpty = 0;
        long lastMs = -1;
        int atLastMs = 0; // lines carrying the latest time seen; at the end, those at the period
        long lines = 0;
        int lineNumber = 0;
        try (BufferedReader reader = TraceInput.open(file, StandardCharsets.US_ASCII)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String text = line.strip();
                if (text.isEmpty()) {
                    continue; // a trailing newline or blank line carries no opportunity
                }
                long ms = parseMs(text, file, lineNumber);
                if (ms < lastMs) {
                    throw ScenarioException.badLine(file, lineNumber, text,
                            "a time >= the previous line's " + lastMs + " ms (times must not decrease)");
                }
                atLastMs = ms == lastMs ? atLastMs + 1 : 1;
                lastMs = ms;
                lines++;
                long bin = ms / binMs;
                if (nonEmpty == 0 || bins[nonEmpty - 1] != bin) {
                    if (nonEmpty == bins.length) {
                        bins = Arrays.copyOf(bins, nonEmpty * 2);
                        counts = Arrays.copyOf(counts, nonEmpty * 2);
                    }
                    bins[nonEmpty++] = bin;
                }
                counts[nonEmpty - 1]++;
            }
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file.toString(), "trace file not found");
        } catch (IOException e) {
            throw new ScenarioException(file.toString(), "cannot read trace: " + e);
        }
        if (lines == 0) {
            throw new ScenarioException(file.toString(),
                    "empty trace: expected one delivery time in ms per line");
        }
        if (lastMs == 0) {
            throw new ScenarioException(file.toString(), "line " + lineNumber
                    + ": every delivery time is 0 ms; expected the last time > 0 (it is the loop period)");
        }
        return toSchedule(Arrays.copyOf(bins, nonEmpty), Arrays.copyOf(counts, nonEmpty), lastMs, atLastMs, binMs,
                lines, file);
    }

    private static long parseMs(String text, Path file, int lineNumber) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw ScenarioException.badLine(file, lineNumber, text,
                        "a whole number of milliseconds >= 0 (one delivery opportunity per line)");
            }
        }
        final int maxDigits = 9; // 86,400,000 ms has 8 digits; 9 still fit a long and the range check below
        long ms = text.length() > maxDigits ? Long.MAX_VALUE : Long.parseLong(text);
        if (ms > MAX_TIMESTAMP_MS) {
            throw ScenarioException.badLine(file, lineNumber, text,
                    "a delivery time in ms between 0 and " + MAX_TIMESTAMP_MS + " (24 h)");
        }
        return ms;
    }

    /**
     * One segment per non-empty bin plus a 0-capacity segment wherever empty bins follow one.
     * {@code bins} holds the non-empty bins in increasing order, {@code counts} their lines.
     */
    private static PiecewiseCapacity toSchedule(long[] bins, int[] counts, long periodMs, int atPeriod, long binMs,
            long lines, Path file) {
        long lastBin = (periodMs - 1) / binMs; // bins cover [0, period)
        // Opportunities at the period itself fall at the start of the next loop: the last entry
        // holds them (it is the period's bin), and they move to bin 0.
        counts[counts.length - 1] -= atPeriod;
        if (bins[0] != 0) {
            bins = prepend(bins, 0);
            counts = prepend(counts);
        }
        counts[0] += atPeriod;
        int segments = 0;
        long[] startUs = new long[2 * bins.length + 1];
        long[] rateBps = new long[startUs.length];
        long nextBin = 0; // first bin not yet covered by a segment
        for (int i = 0; i < bins.length && bins[i] <= lastBin; i++) {
            if (bins[i] > nextBin) { // empty bins in between
                segments = add(startUs, rateBps, segments, nextBin * binMs * US_PER_MS, 0);
            }
            segments = add(startUs, rateBps, segments, bins[i] * binMs * US_PER_MS,
                    rate(counts[i], bins[i], binMs, periodMs));
            nextBin = bins[i] + 1;
        }
        if (nextBin <= lastBin) {
            segments = add(startUs, rateBps, segments, nextBin * binMs * US_PER_MS, 0);
        }
        double meanMbps = lines * BITS_PER_OPPORTUNITY / (periodMs / 1000.0) / 1e6;
        String description = String.format(Locale.ROOT, "mahimahi %s (mean %.2f Mbps, %.0f s loop)",
                file.getFileName(), meanMbps, periodMs / 1000.0);
        return new PiecewiseCapacity(Arrays.copyOf(startUs, segments), Arrays.copyOf(rateBps, segments),
                periodMs * US_PER_MS, description);
    }

    private static long[] prepend(long[] values, long first) {
        long[] out = new long[values.length + 1];
        out[0] = first;
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    private static int[] prepend(int[] values) {
        int[] out = new int[values.length + 1];
        System.arraycopy(values, 0, out, 1, values.length);
        return out;
    }

    private static int add(long[] startUs, long[] rateBps, int segments, long start, long rate) {
        startUs[segments] = start;
        rateBps[segments] = rate;
        return segments + 1;
    }

    /** Capacity of {@code count} opportunities spread over bin {@code bin} (the last one may be shorter). */
    private static long rate(int count, long bin, long binMs, long periodMs) {
        long binStartMs = bin * binMs;
        long binEndMs = Math.min(binStartMs + binMs, periodMs);
        return count * BITS_PER_OPPORTUNITY * US_PER_S / ((binEndMs - binStartMs) * US_PER_MS);
    }
}
