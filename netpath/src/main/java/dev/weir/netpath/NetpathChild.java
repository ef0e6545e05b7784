package dev.weir.netpath;

import dev.weir.sim.estimators.EstimatorContext;
import dev.weir.sim.estimators.EstimatorRegistry;
import dev.weir.sim.scenario.Scenario;
import dev.weir.sim.scenario.ScenarioLoader;
import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of the sender and receiver processes, which the parent starts inside their
 * namespaces ({@code ip netns exec NS java -cp ... MAIN sender|receiver --key value ...}). Both
 * exit when the parent goes away (their stdin, a pipe from the parent, reaches end of file), so a
 * killed run leaves no process behind; the receiver prints {@value #READY} once its socket is bound.
 *
 * <p>Exit codes: 0 done, 1 failed (the reason on stderr), 2 bad arguments.
 *
 * <p>Stateless; each process runs one role once.
 */
public final class NetpathChild {
    /** The receiver's line on stdout once it listens. */
    public static final String READY = "READY";
    static final Set<String> SENDER_KEYS = Set.of("t0-nanos", "local", "remote", "duration-us", "scenario",
            "estimator", "bundle", "seed", "log-dir");
    static final Set<String> RECEIVER_KEYS = Set.of("t0-nanos", "local", "feedback-delay-us", "deadline-us", "seed",
            "log-dir");

    private NetpathChild() {
    }

    /** Runs a role with the simulator's built-in estimators. */
    public static void main(String[] args) {
        System.exit(run(args, EstimatorRegistry.withBuiltIns()));
    }

    /** Runs the role {@code args[0]} with estimators from {@code registry}; returns the exit code. */
    public static int run(String[] args, EstimatorRegistry registry) {
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("expected a role: sender or receiver");
            }
            String role = args[0];
            if (!role.equals("sender") && !role.equals("receiver")) {
                throw new IllegalArgumentException("unknown role '" + role + "': sender or receiver");
            }
            Map<String, String> options = parse(List.of(args).subList(1, args.length),
                    role.equals("sender") ? SENDER_KEYS : RECEIVER_KEYS);
            // Only a child whose arguments are complete watches stdin (in a test JVM stdin is the runner's).
            ParentWatch parent = ParentWatch.start(System.in);
            if (role.equals("sender")) {
                runSender(options, registry, parent);
            } else {
                runReceiver(options, parent);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("netpath child: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            System.err.println("netpath child failed: " + e);
            e.printStackTrace(System.err);
            return 1;
        }
    }

    private static void runSender(Map<String, String> options, EstimatorRegistry registry, ParentWatch parent)
            throws IOException {
        Scenario scenario = ScenarioLoader.load(Path.of(options.get("scenario")), null);
        String bundlePath = options.get("bundle");
        Bundle bundle = bundlePath.equals("-") ? Bundle.gccDefaults() : BundleLoader.load(Path.of(bundlePath));
        String estimator = options.get("estimator");
        UdpSender.Config config = new UdpSender.Config(address(options, "local"), address(options, "remote"),
                number(options, "t0-nanos"), number(options, "duration-us"), scenario,
                registry.create(estimator, new EstimatorContext(scenario, bundle)), number(options, "seed"),
                Path.of(options.get("log-dir")));
        new UdpSender(config).run(parent::gone);
    }

    private static void runReceiver(Map<String, String> options, ParentWatch parent) throws IOException {
        long t0Nanos = number(options, "t0-nanos");
        long deadlineUs = number(options, "deadline-us");
        UdpReceiver receiver = new UdpReceiver(t0Nanos, number(options, "feedback-delay-us"), number(options, "seed"),
                Path.of(options.get("log-dir")));
        receiver.run(address(options, "local"), () -> {
            System.out.println(READY);
            System.out.flush();
        }, () -> parent.gone() || (System.nanoTime() - t0Nanos) / 1_000 > deadlineUs);
    }

    /** {@code --key value} pairs; every key of {@code required} exactly once, nothing else. */
    static Map<String, String> parse(List<String> args, Set<String> required) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
            String key = args.get(i);
            if (!key.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --key value pairs, found '" + key + "'");
            }
            String name = key.substring(2);
            if (!required.contains(name)) {
                throw new IllegalArgumentException("unknown option " + key + "; expected " + required);
            }
            if (options.put(name, args.get(i + 1)) != null) {
                throw new IllegalArgumentException("option " + key + " given twice");
            }
        }
        if (!options.keySet().equals(required)) {
            Set<String> missing = new java.util.TreeSet<>(required);
            missing.removeAll(options.keySet());
            throw new IllegalArgumentException("missing options " + missing);
        }
        return options;
    }

    static long number(Map<String, String> options, String key) {
        try {
            return Long.parseLong(options.get(key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " " + options.get(key) + " is not an integer");
        }
    }

    static InetSocketAddress address(Map<String, String> options, String key) {
        String value = options.get(key);
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--" + key + " " + value + ": expected HOST:PORT");
        }
        try {
            return new InetSocketAddress(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + " " + value + ": expected HOST:PORT", e);
        }
    }

    /** Notices the parent's end: its pipe to our stdin closes. Thread-safe. */
    static final class ParentWatch {
        private volatile boolean gone;

        static ParentWatch start(InputStream stdin) {
            ParentWatch watch = new ParentWatch();
            Thread thread = new Thread(() -> {
                try {
                    while (stdin.read() >= 0) {
                        // the parent writes nothing; any byte is ignored
                    }
                } catch (IOException e) {
                    // a broken pipe is a gone parent too
                }
                watch.gone = true;
            }, "parent-watch");
            thread.setDaemon(true);
            thread.start();
            return watch;
        }

        boolean gone() {
            return gone;
        }
    }
}
