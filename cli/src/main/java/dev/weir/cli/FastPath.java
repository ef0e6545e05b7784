package dev.weir.cli;

import dev.weir.sim.runner.StartupTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command lines that finish in less time than picocli takes to start (it reflects over the
 * commands, and its Java 5 classes cannot be class-data shared): the top-level help (the text
 * picocli renders, rendered at build time by {@link UsageText}), the version, and
 * {@code scenarios} with plain options. Anything else, including every malformed or unusual
 * argument list, returns null and goes to picocli, so errors, help texts and exit codes stay
 * picocli's (tests run both ways and compare).
 *
 * <p>Stateless; thread-safe.
 */
final class FastPath {
    private FastPath() {
    }

    /** Runs {@code args} when it is one of the fast command lines and returns the exit code, else null. */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        if (args.length == 0 || args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            String usage = usage();
            if (usage == null) {
                return null;
            }
            StartupTrace.mark(StartupTrace.WIRED);
            out.print(usage);
            out.flush();
            StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
            return 0;
        }
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            StartupTrace.mark(StartupTrace.WIRED);
            out.println(Main.versionLine());
            StartupTrace.mark(StartupTrace.FIRST_OUTPUT);
            return 0;
        }
        if ("scenarios".equals(args[0])) {
            return scenarios(args, out, err);
        }
        return null;
    }

    /** The top-level help rendered at build time, with this platform's line separators, or null when absent. */
    static String usage() {
        try (InputStream in = FastPath.class.getResourceAsStream(UsageText.RESOURCE)) {
            if (in == null) {
                return null; // classes compiled without the build's process-classes step (an IDE)
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\n", System.lineSeparator());
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code scenarios [--dir FILE|DIR...] [--traces-root DIR] [--allow-absolute-paths]}, each
     * option at most once (as picocli requires for the single-valued ones), values not starting
     * with '-', no other argument; anything else is left to picocli.
     */
    private static Integer scenarios(String[] args, PrintWriter out, PrintWriter err) {
        List<Path> paths = new ArrayList<>();
        Path tracesRoot = null;
        boolean allowAbsolutePaths = false;
        try {
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if ("--dir".equals(arg)) {
                    int first = i + 1;
                    while (i + 1 < args.length && !args[i + 1].startsWith("-")) {
                        paths.add(Path.of(args[++i]));
                    }
                    if (i < first) {
                        return null;
                    }
                } else if (arg.startsWith("--dir=") && !arg.substring(6).startsWith("-")) {
                    paths.add(Path.of(arg.substring(6)));
                } else if ("--traces-root".equals(arg) && tracesRoot == null && i + 1 < args.length
                        && !args[i + 1].startsWith("-")) {
                    tracesRoot = Path.of(args[++i]);
                } else if ("--allow-absolute-paths".equals(arg) && !allowAbsolutePaths) {
                    allowAbsolutePaths = true;
                } else {
                    return null;
                }
            }
        } catch (InvalidPathException e) {
            return null; // picocli names the option and the value
        }
        if (paths.isEmpty()) {
            paths.add(Path.of(ScenariosCommand.DEFAULT_DIR));
        }
        StartupTrace.mark(StartupTrace.WIRED);
        try {
            return ScenariosCommand.list(paths, TracesRoot.resolve(tracesRoot), allowAbsolutePaths, out);
        } catch (Exception e) {
            return Main.failure(e, err);
        }
    }
}
