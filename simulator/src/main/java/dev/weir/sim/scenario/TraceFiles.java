package dev.weir.sim.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Resolves the {@code file} of a trace-driven capacity: {@code traces:rel/path} against the traces
 * root (the CLI's {@code --traces-root}), anything else against the scenario file's directory.
 * The file must stay inside the traces root or the scenario's directory after symbolic links are
 * resolved ({@link Path#toRealPath}), so a scenario cannot make weir read (and quote in an error)
 * a file elsewhere; absolute paths are refused unless the caller allows them explicitly. Reports
 * unresolvable, escaping or missing files as problems that name the path, never its content.
 *
 * <p>Immutable and thread-safe.
 */
final class TraceFiles {
    /** Prefix of paths relative to the traces root. */
    static final String TRACES_PREFIX = "traces:";

    private final Path baseDir;
    private final Path tracesRoot;
    private final String scenarioName;
    private final boolean allowAbsolutePaths;

    TraceFiles(Path baseDir, Path tracesRoot, String scenarioName, boolean allowAbsolutePaths) {
        this.baseDir = baseDir;
        this.tracesRoot = tracesRoot;
        this.scenarioName = scenarioName;
        this.allowAbsolutePaths = allowAbsolutePaths;
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
        } catch (IOException | SecurityException e) {
            reader.unusable(field, "cannot resolve the trace file: " + e);
            return null;
        }
    }

    private Path resolve(FieldReader reader, String field, String name) throws IOException {
        Path root = tracesRoot == null || !Files.isDirectory(tracesRoot) ? null : tracesRoot.toRealPath();
        if (name.startsWith(TRACES_PREFIX)) {
            String relative = name.substring(TRACES_PREFIX.length());
            if (tracesRoot == null) {
                reader.unusable(field, "scenario " + scenarioName + " " + ScenarioException.NEEDS_TRACES_ROOT
                        + " for file " + name);
                return null;
            }
            if (root == null) {
                reader.unusable(field, "the traces root " + tracesRoot + " is not a directory");
                return null;
            }
            Path file = root.resolve(relative).normalize();
            if (relative.isEmpty() || Path.of(relative).isAbsolute() || !file.startsWith(root)) {
                reader.invalid(field, "a path inside the traces root " + root + " after 'traces:'");
                return null;
            }
            return contained(reader, field, file, root, null);
        }
        if (Path.of(name).isAbsolute()) {
            if (!allowAbsolutePaths) {
                reader.invalid(field, "a path relative to the scenario's directory or 'traces:...'"
                        + " (absolute paths are refused unless allowed: --allow-absolute-paths)");
                return null;
            }
            Path file = Path.of(name).normalize();
            if (!Files.isRegularFile(file)) {
                reader.invalid(field, "an existing trace file; file not found: " + file);
                return null;
            }
            return file;
        }
        if (baseDir == null) {
            reader.invalid(field, "an absolute path or 'traces:...': this scenario has no directory to resolve '"
                    + name + "' against");
            return null;
        }
        Path base = baseDir.toRealPath();
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base) && (root == null || !file.startsWith(root))) {
            reader.invalid(field, "a path inside the scenario's directory " + base
                    + (root == null ? "" : " or the traces root " + root));
            return null;
        }
        return contained(reader, field, file, base, root);
    }

    /** {@code file} if it exists and its real path is inside one of the roots (symbolic links followed). */
    private static Path contained(FieldReader reader, String field, Path file, Path root, Path otherRoot)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            reader.invalid(field, "an existing trace file; file not found: " + file);
            return null;
        }
        Path real = file.toRealPath();
        if (!real.startsWith(root) && (otherRoot == null || !real.startsWith(otherRoot))) {
            reader.invalid(field, "a file inside " + root + (otherRoot == null ? "" : " or " + otherRoot)
                    + "; " + file + " is a symbolic link to a file outside");
            return null;
        }
        return real;
    }
}
