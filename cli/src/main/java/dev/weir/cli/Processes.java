package dev.weir.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Child processes of the gate (git, Maven, another revision's CLI): output to a log file or
 * captured, never inherited, so a child cannot interleave with the gate's report on the console.
 *
 * <p>Stateless; thread-safe.
 */
final class Processes {
    private Processes() {
    }

    /**
     * A finished process.
     *
     * @param exitCode its exit code
     * @param output standard output and error, merged
     */
    record Result(int exitCode, String output) {
        /** The last {@code lines} lines of the output, for error messages. */
        String tail(int lines) {
            String[] all = output.strip().split("\n");
            return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
        }
    }

    /** Runs {@code command} in {@code dir}, captures its output (merged) and waits for it. */
    static Result run(List<String> command, Path dir) throws IOException, InterruptedException {
        return run(command, dir, Map.of());
    }

    /** As {@link #run(List, Path)}, with extra environment variables. */
    static Result run(List<String> command, Path dir, Map<String, String> environment)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("weir-gate-", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            try {
                int code = process.waitFor();
                return new Result(code, Files.readString(log, StandardCharsets.UTF_8));
            } finally {
                process.destroyForcibly();
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The same, failing with the output's tail when the exit code is not 0. */
    static Result check(List<String> command, Path dir, String what) throws IOException, InterruptedException {
        Result r = run(command, dir);
        if (r.exitCode() != 0) {
            throw new IOException(what + " failed (exit " + r.exitCode() + "): " + String.join(" ", command) + "\n"
                    + r.tail(20));
        }
        return r;
    }

    /** The java launcher of this JVM, so children run on the same JDK. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
