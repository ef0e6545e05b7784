package dev.weir.sim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallPlotTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @TempDir
    Path dir;

    /** A 60 s call sampled every 100 ms: capacity steps 2000 -> 500 -> 1500 kbps. */
    private static final class Call {
        final int n = 600;
        final double[] timeS = new double[n];
        final double[] capacityBps = new double[n];
        final double[] targetBps = new double[n];
        final double[] recvBps = new double[n];
        final double[] delayMs = new double[n];
        final double[] lossFraction = new double[n];

        Call() {
            double target = 300_000;
            for (int i = 0; i < n; i++) {
                double t = i * 0.1;
                timeS[i] = t;
                capacityBps[i] = t < 20 ? 2_000_000 : t < 40 ? 500_000 : 1_500_000;
                target = target < capacityBps[i] ? Math.min(target * 1.01, capacityBps[i] * 0.95)
                        : capacityBps[i] * 0.85;
                targetBps[i] = target;
                recvBps[i] = Math.min(target, capacityBps[i]) * (0.97 + 0.03 * Math.sin(i * 0.3));
                delayMs[i] = 40 + (t >= 20 && t < 22 ? 300 * (22 - t) / 2 : 5 * Math.sin(i * 0.2));
                lossFraction[i] = t >= 20 && t < 21 ? 0.08 : 0.002;
            }
        }
    }

    @Test
    void shouldWriteAReadablePngWithThreeStackedPanels() throws IOException {
        Call c = new Call();
        Path out = dir.resolve("plots/call.png");
        CallPlot.writePng(out, "wired step-down, gcc, seed 1", c.timeS, c.capacityBps, c.targetBps,
                c.recvBps, c.delayMs, c.lossFraction);
        byte[] bytes = Files.readAllBytes(out);
        assertTrue(bytes.length > 0);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(bytes, PNG_SIGNATURE.length));
        BufferedImage image = ImageIO.read(out.toFile());
        assertEquals(CallPlot.WIDTH_PX, image.getWidth());
        assertEquals(CallPlot.RATE_PANEL_HEIGHT_PX + CallPlot.DELAY_PANEL_HEIGHT_PX
                + CallPlot.LOSS_PANEL_HEIGHT_PX, image.getHeight());
        assertTrue(distinctColours(image) > 5, "the image should not be blank");
        try (Stream<Path> files = Files.list(out.getParent())) {
            assertEquals(List.of("call.png"),
                    files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void shouldDrawNonFiniteSamplesAsGaps() throws IOException {
        Call c = new Call();
        for (int i = 100; i < 150; i++) {
            c.delayMs[i] = Double.NaN;
            c.recvBps[i] = Double.POSITIVE_INFINITY;
        }
        Path out = dir.resolve("gaps.png");
        CallPlot.writePng(out, "gaps", "RTT", c.timeS, c.capacityBps, c.targetBps, c.recvBps,
                c.delayMs, c.lossFraction);
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(out), 8));
    }

    @Test
    void shouldPlotACallWithASingleSample() throws IOException {
        Path out = dir.resolve("one.png");
        CallPlot.writePng(out, "one sample", new double[] {0}, new double[] {1e6},
                new double[] {5e5}, new double[] {4e5}, new double[] {30}, new double[] {0});
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(Files.readAllBytes(out), 8));
    }

    @Test
    void shouldRejectSeriesOfMismatchedLengthOrNoSamples() {
        double[] three = {0, 1, 2};
        double[] two = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> CallPlot.writePng(dir.resolve("x.png"),
                "bad", three, three, three, two, three, three));
        double[] none = {};
        assertThrows(IllegalArgumentException.class, () -> CallPlot.writePng(dir.resolve("y.png"),
                "empty", none, none, none, none, none, none));
    }

    private static int distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
