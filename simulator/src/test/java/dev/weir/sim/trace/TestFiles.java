package dev.weir.sim.trace;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Locates test fixtures under src/test/resources. */
public final class TestFiles {
    private TestFiles() {
    }

    /** The directory holding the trace fixtures. */
    public static Path tracesDir() {
        return resource("/traces/tiny.up").getParent();
    }

    /** A fixture trace by file name. */
    public static Path trace(String name) {
        return tracesDir().resolve(name);
    }

    /** Any classpath resource as a file path. */
    public static Path resource(String name) {
        URL url = TestFiles.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
