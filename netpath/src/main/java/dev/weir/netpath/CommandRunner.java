package dev.weir.netpath;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one system command ({@code ip}, {@code tc}) and reports its exit code and output. The
 * namespace set-up goes through this interface so its order and its undo on failure can be tested
 * without root.
 *
 * <p>Implementations must be thread-safe: teardown may run from a shutdown hook.
 */
@FunctionalInterface
public interface CommandRunner {
    /**
     * Exit code and output (stdout and stderr merged) of one command; exit code -1 when it could
     * not be started or did not finish in time.
     */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    Result run(List<String> command);

    /** Runs commands as processes, waiting at most {@code timeoutMs} for each. Thread-safe. */
    static CommandRunner processes(long timeoutMs) {
        return command -> {
            Process process;
            try {
                process = new ProcessBuilder(command).redirectErrorStream(true).start();
            } catch (IOException e) {
                return new Result(-1, "cannot start " + command.get(0) + ": " + e.getMessage());
            }
            AtomicReference<String> output = new AtomicReference<>("");
            Thread reader = new Thread(() -> output.set(readAll(process.getInputStream())), "command-output");
            reader.setDaemon(true);
            reader.start();
            try {
                process.getOutputStream().close();
                if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    return new Result(-1, String.join(" ", command) + " did not finish within " + timeoutMs + " ms");
                }
                reader.join(timeoutMs);
                return new Result(process.exitValue(), output.get().strip());
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                return new Result(-1, "interrupted");
            } catch (IOException e) {
                process.destroyForcibly();
                return new Result(-1, e.getMessage());
            }
        };
    }

    private static String readAll(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
