package dev.weir.cli;

import dev.weir.sim.runner.StartupTrace;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The command lines that finish in less time than picocli takes to start (it reflects over the
 * command's annotations, which costs a simulate run a fifth of its time; its Java 5 classes
 * cannot be class-data shared either): the top-level help (the text picocli renders, rendered at
 * build time by {@link UsageText}), the version, and {@code scenarios} and {@code simulate} with
 * plain options. Anything else, including every malformed or unusual argument list (short or
 * repeated options, values starting with '-', numbers picocli might read differently, help
 * requests), returns null and goes to picocli, so errors, help texts and exit codes stay
 * picocli's; {@code FastPathTest} runs command lines both ways and compares.
 *
 * <p>Stateless; thread-safe.
 */
final class FastPath {
    /** Seeds both paths read the same way (picocli's long conversion agrees on plain decimals). */
    private static final Pattern PLAIN_LONG = Pattern.compile("-?[0-9]{1,18}");

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
        try {
            if ("scenarios".equals(args[0])) {
                return scenarios(args, out, err);
            }
            if ("simulate".equals(args[0])) {
                return simulate(args, out, err);
            }
        } catch (InvalidPathException e) {
            return null; // picocli names the option and the value
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

    /** {@code scenarios [--scenarios FILE|DIR...] [--traces-root DIR] [--allow-absolute-paths]}. */
    private static Integer scenarios(String[] args, PrintWriter out, PrintWriter err) {
        Map<String, List<String>> options = options(args, Set.of("--traces-root"), Set.of("--scenarios"),
                Set.of("--allow-absolute-paths"));
        if (options == null) {
            return null;
        }
        List<Path> paths = new ArrayList<>();
        for (String file : options.getOrDefault("--scenarios", List.of(ScenariosCommand.DEFAULT_SCENARIOS))) {
            paths.add(Path.of(file));
        }
        Path tracesRoot = path(options, "--traces-root");
        boolean allowAbsolutePaths = options.containsKey("--allow-absolute-paths");
        StartupTrace.mark(StartupTrace.WIRED);
        try {
            return ScenariosCommand.list(paths, TracesRoot.resolve(tracesRoot), allowAbsolutePaths, out);
        } catch (Exception e) {
            return Main.failure(e, err);
        }
    }

    /**
     * {@code simulate --scenario FILE --out DIR [--estimator NAME] [--seed N] [--plot] [--audio]
     * [--settings FILE] [--event-log FILE] [--bundle DIR|FILE] [--traces-root DIR] [--peers-root DIR]
     * [--allow-absolute-paths]}.
     */
    private static Integer simulate(String[] args, PrintWriter out, PrintWriter err) {
        Map<String, List<String>> options = options(args, Set.of("--scenario", "--out", "--estimator", "--seed",
                "--settings", "--event-log", "--bundle", "--traces-root", "--peers-root"), Set.of(),
                Set.of("--plot", "--audio", "--allow-absolute-paths"));
        if (options == null || !options.containsKey("--scenario") || !options.containsKey("--out")) {
            return null; // picocli names the missing option
        }
        String seed = options.getOrDefault("--seed", List.of("1")).get(0);
        if (!PLAIN_LONG.matcher(seed).matches()) {
            return null;
        }
        BundleOption bundle = new BundleOption();
        bundle.bundle = path(options, "--bundle");
        PeersRoot peers = new PeersRoot();
        peers.peersRoot = path(options, "--peers-root");
        SimulateCommand.Request request = new SimulateCommand.Request(path(options, "--scenario"),
                options.getOrDefault("--estimator", List.of(SimulateCommand.DEFAULT_ESTIMATOR)).get(0),
                Long.parseLong(seed), path(options, "--out"), options.containsKey("--plot"),
                options.containsKey("--audio"), path(options, "--settings"), path(options, "--event-log"));
        Path tracesRoot = path(options, "--traces-root");
        StartupTrace.mark(StartupTrace.WIRED);
        try {
            return SimulateCommand.run(request, bundle, TracesRoot.resolve(tracesRoot),
                    options.containsKey("--allow-absolute-paths"), peers.catalog(), out);
        } catch (Exception e) {
            return Main.failure(e, err);
        }
    }

    private static Path path(Map<String, List<String>> options, String name) {
        List<String> values = options.get(name);
        return values == null ? null : Path.of(values.get(0));
    }

    /**
     * Long options after the command name: {@code single} take one value ({@code --name VALUE} or
     * {@code --name=VALUE}) and may appear once, {@code multi} take one or more values and may
     * repeat, {@code flags} take none and may appear once. Values must not start with '-'. Null for
     * anything else, which picocli then handles.
     */
    private static Map<String, List<String>> options(String[] args, Set<String> single, Set<String> multi,
                                                     Set<String> flags) {
        Map<String, List<String>> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = equals > 0 ? arg.substring(0, equals) : arg;
            List<String> values = new ArrayList<>();
            if (equals > 0) {
                values.add(arg.substring(equals + 1));
            } else {
                while (i + 1 < args.length && !args[i + 1].startsWith("-")
                        && (multi.contains(name) || single.contains(name) && values.isEmpty())) {
                    values.add(args[++i]);
                }
            }
            boolean valid = flags.contains(name) ? equals < 0 && !options.containsKey(name)
                    : single.contains(name) ? values.size() == 1 && !options.containsKey(name)
                    : multi.contains(name) && !values.isEmpty();
            if (!valid || values.stream().anyMatch(value -> value.startsWith("-"))) {
                return null;
            }
            options.computeIfAbsent(name, key -> new ArrayList<>()).addAll(values);
        }
        return options;
    }
}
