package dev.weir.sim.plot;

import dev.weir.bwe.util.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Writes a rendered plot as a PNG file, atomically (the one writer every plot of the simulator,
 * the UDP path and the browser-stats import goes through).
 *
 * <p>Stateless; thread-safe.
 */
public final class Png {
    private Png() {
    }

    /** Writes {@code image} to {@code file} as PNG; the file appears whole or not at all. */
    public static void write(Path file, BufferedImage image) throws IOException {
        AtomicFiles.write(file, stream -> {
            if (!ImageIO.write(image, "png", stream)) {
                throw new IOException("no PNG writer available");
            }
        });
    }
}
