package dev.weir.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code weir overlay}: one PNG of several estimators' calls on one time axis. */
class OverlayCommandTest {
    private static final String ALTERNATING = """
            {"name": "alt", "duration_s": 8,
             "link": {"capacity": {"type": "alternating", "high_kbps": 500, "low_kbps": 100, "period_s": 2},
                      "one_way_delay_ms": 50, "queue_ms": 300},
             "media": {"start_kbps": 300, "min_kbps": 30, "max_kbps": 3000}}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return WeirCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void drawsEveryEstimatorOnOneImageWithTheSameBytesForTheSameSeed(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("alt.json");
        Files.writeString(scenario, ALTERNATING);
        Path png = dir.resolve("fig.png");
        assertEquals(0, run("overlay", "--scenario", scenario.toString(), "--estimators", "gcc,gcc-classic",
                "--seed", "3", "--out", png.toString()), err.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1200, image.getWidth());
        assertTrue(image.getHeight() >= 360 + 2 * 220, "rates, delay and loss panels: " + image.getHeight());
        assertTrue(out.toString().contains("gcc-classic"), out.toString());

        byte[] first = Files.readAllBytes(png);
        assertEquals(0, run("overlay", "--scenario", scenario.toString(), "--estimators", "gcc,gcc-classic",
                "--seed", "3", "--out", png.toString()), err.toString());
        assertArrayEquals(first, Files.readAllBytes(png));
    }

    @Test
    void refusesRepeatedOrUnknownEstimatorsWritingNothing(@TempDir Path dir) throws Exception {
        Path scenario = dir.resolve("alt.json");
        Files.writeString(scenario, ALTERNATING);
        Path png = dir.resolve("fig.png");
        assertEquals(2, run("overlay", "--scenario", scenario.toString(), "--estimators", "gcc,gcc",
                "--out", png.toString()));
        assertTrue(err.toString().contains("different names"), err.toString());
        assertEquals(2, run("overlay", "--scenario", scenario.toString(), "--estimators", "gcc,bbr",
                "--out", png.toString()));
        assertTrue(err.toString().contains("bbr"), err.toString());
        assertFalse(Files.exists(png));
    }
}
