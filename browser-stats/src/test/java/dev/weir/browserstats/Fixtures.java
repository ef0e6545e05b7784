package dev.weir.browserstats;

import dev.weir.steer.Bundle;
import dev.weir.steer.BundleLoader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The hand-written dumps under src/test/resources and the committed bundle. */
final class Fixtures {
    private Fixtures() {
    }

    static Path dump(String name) {
        try {
            return Path.of(Fixtures.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
    }

    /** The committed bundle (configs/bundle), found by walking up from the module directory. */
    static Bundle committedBundle() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("configs").resolve("bundle"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("configs/bundle not found above " + Path.of("").toAbsolutePath());
        }
        return BundleLoader.load(dir.resolve("configs").resolve("bundle"));
    }
}
