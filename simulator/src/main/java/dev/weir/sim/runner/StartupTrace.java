package dev.weir.sim.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Time-to-first-result marks for {@code ./weir bench-startup}: when the environment variable
 * {@value #ENV} names a file, the first occurrence of each phase ({@code main} entered, command
 * wired, inputs parsed, first simulated second, first training batch, first output, exit) is
 * stamped with {@link System#nanoTime()} and appended to that file as {@code phase nanos} lines
 * by {@link #flush}. On Linux {@code nanoTime} is {@code CLOCK_MONOTONIC}, shared by every process
 * of the machine, so the benchmark subtracts the instant it started the process.
 *
 * <p>Off (every method a no-op after one final-field test) unless the variable is set, so the
 * marks can stay in hot code such as the simulator's 100 ms sample. The file is the benchmark's
 * diagnostic scratch file, appended to, not an output of the command (so not written through
 * {@code AtomicFiles}); {@link #flush} also appends the peak resident memory.
 *
 * <p>Thread-safe: calls from a parallel run's workers are serialised while tracing.
 */
public final class StartupTrace {
    /** Environment variable naming the file the marks are appended to. */
    public static final String ENV = "WEIR_STARTUP_TRACE";
    /** Phase names, in the order a command normally reaches them. */
    public static final String MAIN = "main";
    public static final String WIRED = "wired";
    public static final String INPUTS = "inputs";
    public static final String FIRST_SIMULATED_SECOND = "first-simulated-second";
    public static final String FIRST_BATCH = "first-batch";
    public static final String FIRST_OUTPUT = "first-output";
    public static final String EXIT = "exit";
    /** Not a time: the process's peak resident memory at {@link #flush}, KiB (Linux only). */
    public static final String PEAK_RSS_KB = "peak-rss-kb";

    private static final Path FILE = file();
    private static final boolean ENABLED = FILE != null;
    private static final Map<String, Long> MARKS = ENABLED ? new LinkedHashMap<>() : null;

    private StartupTrace() {
    }

    /** VmHWM of /proc/self/status (the peak resident set so far), KiB, or -1 where there is none. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or an unexpected format: the benchmark shows no figure
        }
        return -1;
    }

    private static Path file() {
        String name = System.getenv(ENV);
        return name == null || name.isBlank() ? null : Path.of(name);
    }

    /** Whether marks are being recorded. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Stamps {@code phase} now, unless it was stamped before. */
    public static void mark(String phase) {
        if (ENABLED) {
            long nowNs = System.nanoTime();
            synchronized (MARKS) {
                MARKS.putIfAbsent(phase, nowNs);
            }
        }
    }

    /**
     * Appends the marks recorded so far to the file and forgets them.
     *
     * @throws UncheckedIOException when the file cannot be written
     */
    public static void flush() {
        if (!ENABLED) {
            return;
        }
        StringBuilder lines = new StringBuilder();
        synchronized (MARKS) {
            MARKS.forEach((phase, nanos) -> lines.append(phase).append(' ').append(nanos).append('\n'));
            MARKS.clear();
        }
        long peakRssKb = peakRssKb();
        if (peakRssKb >= 0) {
            lines.append(PEAK_RSS_KB).append(' ').append(peakRssKb).append('\n');
        }
        try {
            Files.writeString(FILE, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the startup trace " + FILE, e);
        }
    }
}
