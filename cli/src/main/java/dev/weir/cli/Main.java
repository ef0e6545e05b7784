package dev.weir.cli;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.model.ModelFormatException;
import dev.weir.models.data.DatasetFormatException;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.runner.StartupTrace;
import dev.weir.sim.runner.TaskFailedException;
import dev.weir.sim.scenario.ScenarioException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;

/**
 * The entry point of {@code ./weir}: the {@link FastPath} command lines first, everything else
 * through picocli ({@link WeirCommand}). Kept free of picocli and of the commands, so a fast
 * command line loads neither.
 *
 * <p>Exit codes: 0 success, 1 an unexpected failure (a bug: stack trace printed), 2 bad input (a
 * scenario, trace, settings, model or dataset file, or bad arguments), with a message naming what
 * was wrong and where, 3 a regression the gate confirmed ({@code ./weir gate}).
 *
 * <p>Stateless; thread-safe.
 */
public final class Main {
    /** Exit code for bad input. */
    static final int EXIT_BAD_INPUT = 2;

    private Main() {
    }

    public static void main(String[] args) {
        StartupTrace.mark(StartupTrace.MAIN);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush(); // print() without a newline is not auto-flushed, and System.exit would drop it
        err.flush();
        StartupTrace.mark(StartupTrace.EXIT);
        StartupTrace.flush();
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Logging.configure(Logging.verboseRequested(args));
        Integer code = FastPath.run(args, out, err);
        return code != null ? code : WeirCommand.executeWithPicocli(args, out, err);
    }

    /** {@code weir <version>}, as {@code --version} prints it. */
    static String versionLine() {
        return "weir " + RunInfo.currentVersion();
    }

    /** Prints a command's failure and returns its exit code: 2 for bad input, 1 for a bug. */
    static int failure(Exception exception, PrintWriter err) {
        Throwable cause = exception instanceof TaskFailedException && exception.getCause() != null
                ? exception.getCause() : exception;
        if (isBadInput(cause)) {
            err.println("weir: error: " + cause.getMessage());
            return EXIT_BAD_INPUT;
        }
        err.println("weir: internal error (please report): " + cause);
        cause.printStackTrace(err);
        return 1;
    }

    private static boolean isBadInput(Throwable error) {
        return error instanceof ScenarioException || error instanceof InvalidSettingsException
                || error instanceof BadInputException || error instanceof NoSuchFileException
                || error instanceof UncheckedIOException || error instanceof ModelFormatException
                || error instanceof dev.weir.steer.BundleException
                || error instanceof DatasetFormatException
                || error instanceof dev.weir.bwe.eventlog.EventLogFormatException
                || error instanceof dev.weir.sim.tune.TuningJournalException
                || error instanceof dev.weir.peers.PeerException
                || error instanceof dev.weir.netpath.NetpathException
                || error instanceof dev.weir.browserstats.StatsFormatException;
    }
}
