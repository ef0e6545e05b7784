package dev.weir.cli;

import dev.weir.sim.runner.StartupTrace;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code ./weir} command as picocli sees it; {@link Main} is the entry point and documents
 * the exit codes.
 *
 * <p>Start-up: picocli builds a command's model by reflection, which costs more than an empty JVM
 * start for each command, so only the subcommand a command line names is built
 * ({@link #SUBCOMMANDS}); the top-level help, the version, {@code scenarios} and {@code simulate}
 * with plain options do not build any
 * ({@link FastPath}). Help is plain text (no ANSI styles), so the help rendered at build time is
 * exactly what picocli prints.
 *
 * <p>One command line per instance, run on the calling thread; not thread-safe.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirCommand.Version.class,
        description = "Real-time bandwidth estimation for RTC: GCC steered by machine learning.")
public final class WeirCommand implements Runnable {
    /** {@code weir --version}: the version recorded in every output set. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {Main.versionLine()};
        }
    }

    /** A subcommand by name, built only when a command line names it (or help lists them all). */
    record Subcommand(String name, Supplier<Object> factory) {
    }

    /** The subcommands, in the order help lists them. */
    static final List<Subcommand> SUBCOMMANDS = List.of(
            new Subcommand("demo", DemoCommand::new),
            new Subcommand("simulate", SimulateCommand::new),
            new Subcommand("compare", CompareCommand::new),
            new Subcommand("replay", ReplayCommand::new),
            new Subcommand("overlay", OverlayCommand::new),
            new Subcommand("bench-sim", BenchSimCommand::new),
            new Subcommand("bench-startup", BenchStartupCommand::new),
            new Subcommand("dataset", DatasetCommand::new),
            new Subcommand("dataset-export", DatasetExportCommand::new),
            new Subcommand("train", TrainCommand::new),
            new Subcommand("calibration-study", CalibrationStudyCommand::new),
            new Subcommand("eval-model", EvalModelCommand::new),
            new Subcommand("model-info", ModelInfoCommand::new),
            new Subcommand("model-export", ModelExportCommand::new),
            new Subcommand("default-model", DefaultModelCommand::new),
            new Subcommand("network-type", NetworkTypeCommand::new),
            new Subcommand("soak", SoakCommand::new),
            new Subcommand("bundle", BundleCommand::new),
            new Subcommand("tune", TuneCommand::new),
            new Subcommand("udp-call", UdpCallCommand::new),
            new Subcommand("stats-import", StatsImportCommand::new),
            new Subcommand("gate", GateCommand::new),
            new Subcommand("scenarios", ScenariosCommand::new),
            new Subcommand("help", CommandLine.HelpCommand::new));

    /** Read before the command line is parsed ({@link Logging}); declared here for parsing and help. */
    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Log weir's set-up, bundle, route-change and model messages to standard error.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line as {@code ./weir} does (see {@link Main}). */
    public static void main(String[] args) {
        Main.main(args);
    }

    /**
     * Runs the command line with the given streams, fast paths first; returns the exit code (used
     * by tests, also the spark-runner module's).
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return Main.execute(args, out, err);
    }

    /** Runs the command line through picocli, whatever the fast paths could do (tests compare both). */
    static int executeWithPicocli(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(args.length > 0 ? args[0] : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parseResult -> {
            StartupTrace.mark(StartupTrace.WIRED); // parsed, command built: what follows is the command
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) ->
                Main.failure(exception, commandLine.getErr()));
        return cli.execute(args);
    }

    /**
     * The command model: the top level with the subcommand {@code first} names, or with every
     * subcommand when it names none (help, errors and suggestions list them all). Help is plain.
     */
    static CommandLine commandLine(String first) {
        CommandLine cli = new CommandLine(new WeirCommand());
        Subcommand named = null;
        for (Subcommand subcommand : SUBCOMMANDS) {
            if (subcommand.name().equals(first) && !"help".equals(first)) {
                named = subcommand;
            }
        }
        for (Subcommand subcommand : SUBCOMMANDS) {
            if (named == null || subcommand == named) {
                cli.addSubcommand(subcommand.name(), subcommand.factory().get());
            }
        }
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(Ansi.OFF));
        return cli;
    }
}
