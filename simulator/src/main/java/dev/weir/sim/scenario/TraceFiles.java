package dev.weir.sim.scenario;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves the {@code file} of a trace-driven capacity: {@code traces:rel/path} against the traces
 * root (the CLI's {@code --traces-root}), anything else against the scenario file's directory
 * (absolute paths as given). Reports unresolvable or missing files as problems.
 *
 * <p>Immutable and thread-safe.
 */
final class TraceFiles {
    /** Prefix of paths relative to the traces root. */
    static final String TRACES_PREFIX = "traces:";

    private final Path baseDir;
    private final Path tracesRoot;
    private final String scenarioName;

    TraceFiles(Path baseDir, Path tracesRoot, String scenarioName) {
        this.baseDir = baseDir;
        this.tracesRoot = tracesRoot;
        this.scenarioName = scenarioName;
    }

    /** The existing file named by {@code reader}'s {@code field}, or null after recording a problem. */
    Path resolve(FieldReader reader, String field) {
        String name = reader.text(field, null);
        if (name == null) {
            return null;
        }
        try {
            return resolve(reader, field, name);
        } catch (InvalidPathException e) {
            reader.invalid(field, "a valid file path (" + e.getReason() + ")");
            return null;
        }
    }

    private Path resolve(FieldReader reader, String field, String name) {
        Path file;
        if (name.startsWith(TRACES_PREFIX)) {
            String relative = name.substring(TRACES_PREFIX.length());
            if (tracesRoot == null) {
                reader.unusable(field, "scenario " + scenarioName + " needs --traces-root for file " + name);
                return null;
            }
            Path root = tracesRoot.toAbsolutePath().normalize();
            file = root.resolve(relative).normalize();
            if (relative.isEmpty() || Path.of(relative).isAbsolute() || !file.startsWith(root)) {
                reader.invalid(field, "a path inside the traces root " + root + " after 'traces:'");
                return null;
            }
        } else if (Path.of(name).isAbsolute()) {
            file = Path.of(name);
        } else if (baseDir == null) {
            reader.invalid(field, "an absolute path or 'traces:...': this scenario has no directory to resolve '"
                    + name + "' against");
            return null;
        } else {
            file = baseDir.resolve(name).normalize();
        }
        if (!Files.isRegularFile(file)) {
            reader.invalid(field, "an existing trace file; file not found: " + file);
            return null;
        }
        return file;
    }
}
