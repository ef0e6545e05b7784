package dev.weir.spark;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Spark session ({@code local[2]}) for every test of the module: opened by the first test that
 * needs it and kept open, so the engines the tests' commands open share it instead of starting
 * Spark each time (Spark's shutdown hook stops it with the JVM). Also the paths of the fixtures.
 *
 * <p>Thread-safe.
 */
final class SharedSpark {
    /** The master every test uses: two worker threads in this JVM. */
    static final String MASTER = "local[2]";
    private static SparkEngine held;

    private SharedSpark() {
    }

    /** Starts the shared session if no test has yet. */
    static synchronized void start() {
        if (held == null) {
            held = SparkEngine.open(MASTER);
        }
    }

    /** {@code src/test/resources/spark}. */
    static Path fixtures() {
        try {
            return Path.of(SharedSpark.class.getResource("/spark").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The committed bundle (with the default model), found by walking up from the module. */
    static Path committedBundle() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path bundle = dir.resolve("configs").resolve("bundle");
            if (Files.isDirectory(bundle)) {
                return bundle;
            }
        }
        throw new IllegalStateException("configs/bundle not found above " + Path.of("").toAbsolutePath());
    }
}
