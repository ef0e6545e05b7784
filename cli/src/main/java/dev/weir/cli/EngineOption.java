package dev.weir.cli;

import dev.weir.sim.runner.CallEngine;
import dev.weir.sim.runner.CallEngineProvider;
import dev.weir.sim.runner.ParallelRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import picocli.CommandLine.Option;

/**
 * The {@code --engine} and {@code --master} options of the commands whose calls can run on a
 * cluster (compare, dataset, tune). {@code local}, the default, runs them on threads of this
 * process; any other name is a {@link CallEngineProvider} found with {@link ServiceLoader}, which
 * is how {@code spark} appears when the CLI runs from the {@code spark-runner} module's shaded jar.
 * The default CLI carries no Spark: asking it for {@code --engine spark} is bad input that says how
 * to run it instead. The engine never changes the output.
 *
 * <p>A picocli mixin: one instance per command line; not thread-safe.
 */
final class EngineOption {
    /** The in-process engine's name. */
    static final String LOCAL = "local";
    /** The cluster engine of the spark-runner module. */
    static final String SPARK = "spark";

    @Option(names = "--engine", defaultValue = LOCAL, paramLabel = "local|spark",
            description = "Where the calls run: local (threads of this process; default) or spark (a Spark"
                    + " cluster; needs spark-runner/target/weir-spark.jar, see docs/cluster.md). Never changes"
                    + " the output.")
    String engine;
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master for --engine spark: local[N], spark://HOST:PORT, yarn or k8s://URL"
                    + " (default: spark-submit's --master).")
    String master;

    /**
     * Opens the engine the options name; the caller closes it.
     *
     * @param threads {@code --threads} (local engine only), or null for one thread per core
     * @throws BadInputException for an unknown engine, an engine not on the class path, options
     *     that do not apply to the engine, or a master the engine refuses
     */
    CallEngine open(Integer threads) {
        if (LOCAL.equals(engine)) {
            if (master != null) {
                throw new BadInputException("--master " + master + " applies only to --engine " + SPARK
                        + " (the local engine runs on --threads)");
            }
            int count = threads != null ? threads : Runtime.getRuntime().availableProcessors();
            if (count < 1) {
                throw new BadInputException("--threads must be at least 1, got " + count);
            }
            return new ParallelRunner(count);
        }
        if (threads != null) {
            throw new BadInputException("--threads applies only to --engine " + LOCAL + ": with --engine " + engine
                    + " the master sets the parallelism (e.g. local[N], or the cluster's executors)");
        }
        CallEngineProvider provider = provider(engine);
        try {
            return provider.open(master);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--engine " + engine + ": " + e.getMessage());
        }
    }

    /** The provider named {@code name} on the class path. */
    private static CallEngineProvider provider(String name) {
        List<String> found = new ArrayList<>();
        for (CallEngineProvider provider : ServiceLoader.load(CallEngineProvider.class)) {
            if (provider.name().equals(name)) {
                return provider;
            }
            found.add(provider.name());
        }
        if (SPARK.equals(name)) {
            throw new BadInputException("the Spark engine is not on the class path: run with spark-submit of"
                    + " spark-runner/target/weir-spark.jar (or scripts/weir-spark on one machine); see"
                    + " docs/cluster.md");
        }
        List<String> known = new ArrayList<>(List.of(LOCAL, SPARK));
        found.stream().filter(n -> !known.contains(n)).forEach(known::add);
        throw new BadInputException("--engine '" + name + "' is not an engine: use " + String.join(" or ", known));
    }
}
