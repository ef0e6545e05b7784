package dev.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --traces-root} option: where {@code traces:} paths in scenarios resolve. Defaults to
 * {@code $WEIR_TRACES_ROOT}, else {@code ../shared/traces} when that directory exists; scenarios
 * that need traces fail with a message asking for the option when neither is set.
 */
final class TracesRoot {
    @Option(names = "--traces-root", paramLabel = "DIR",
            description = "Directory that 'traces:' scenario paths resolve against "
                    + "(default: $WEIR_TRACES_ROOT, else ../shared/traces if present).")
    Path tracesRoot;

    /** The resolved root, or null when none is configured. */
    Path resolve() {
        return resolve(tracesRoot);
    }

    /** The root {@code option} (null: not given) resolves to, or null when none is configured. */
    static Path resolve(Path tracesRoot) {
        if (tracesRoot != null) {
            if (!Files.isDirectory(tracesRoot)) {
                throw new BadInputException("--traces-root " + tracesRoot + " is not a directory");
            }
            return tracesRoot;
        }
        String env = System.getenv("WEIR_TRACES_ROOT");
        if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
            return Path.of(env);
        }
        Path shared = Path.of("..", "shared", "traces");
        return Files.isDirectory(shared) ? shared : null;
    }
}
