package dev.weir.cli;

import dev.weir.bwe.config.InvalidSettingsException;
import dev.weir.bwe.model.ModelFormatException;
import dev.weir.models.data.DatasetFormatException;
import dev.weir.sim.runner.RunInfo;
import dev.weir.sim.runner.TaskFailedException;
import dev.weir.sim.scenario.ScenarioException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code ./weir} command. Exit codes: 0 success, 1 an unexpected failure (a bug: stack trace
 * printed), 2 bad input (a scenario, trace, settings, model or dataset file, or bad arguments),
 * with a message naming what was wrong and where, 3 a regression the gate confirmed.
 *
 * <p>One command line per instance, run on the calling thread; not thread-safe.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirCommand.Version.class,
        description = "Real-time bandwidth estimation for RTC: GCC steered by machine learning.",
        subcommands = {DemoCommand.class, SimulateCommand.class, CompareCommand.class, ReplayCommand.class,
                OverlayCommand.class, BenchSimCommand.class, DatasetCommand.class, DatasetExportCommand.class,
                TrainCommand.class, EvalModelCommand.class, ModelInfoCommand.class, ModelExportCommand.class,
                DefaultModelCommand.class, SoakCommand.class, BundleCommand.class, TuneCommand.class,
                UdpCallCommand.class, StatsImportCommand.class, GateCommand.class, ScenariosCommand.class, CommandLine.HelpCommand.class})
public final class WeirCommand implements Runnable {
    /** {@code weir --version}: the version recorded in every output set. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"weir " + RunInfo.currentVersion()};
        }
    }

    /** Exit code for bad input. */
    static final int EXIT_BAD_INPUT = 2;

    /** Read before the command line is parsed ({@link Logging}); declared here for parsing and help. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log weir's set-up, bundle, route-change and model messages to standard error.")
    boolean verbose;

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        int code = execute(args, out, err);
        out.flush(); // print() without a newline is not auto-flushed, and System.exit would drop it
        err.flush();
        System.exit(code);
    }

    /**
     * Runs the command line with the given streams; returns the exit code (used by tests, also the
     * spark-runner module's).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        Logging.configure(Logging.verboseRequested(args));
        CommandLine cli = new CommandLine(new WeirCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> {
            Throwable cause = exception instanceof TaskFailedException && exception.getCause() != null
                    ? exception.getCause() : exception;
            if (isBadInput(cause)) {
                commandLine.getErr().println("weir: error: " + cause.getMessage());
                return EXIT_BAD_INPUT;
            }
            commandLine.getErr().println("weir: internal error (please report): " + cause);
            cause.printStackTrace(commandLine.getErr());
            return 1;
        });
        return cli.execute(args);
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
