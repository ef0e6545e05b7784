package dev.weir.sim.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

class StackedPanelsTest {
    @Test
    void stacksPanelsTopToBottomAtTheirOwnHeights() {
        double[] timeS = {0.1, 0.2, 0.3, 0.4};
        XYChart top = StackedPanels.panel("title", "rate (kbps)", 200, timeS, false);
        StackedPanels.line(top, "rate", timeS, new double[] {1, 2, 3, 2}, Color.RED);
        XYChart bottom = StackedPanels.panel(null, "loss (%)", 120, timeS, true);
        StackedPanels.line(bottom, "loss", timeS, new double[] {0, 0, 1, 0}, Color.BLUE);
        assertEquals(0.0, top.getStyler().getXAxisMin(), "the time axis starts at 0 s");
        assertEquals(0.4, top.getStyler().getXAxisMax());

        BufferedImage image = StackedPanels.image(List.of(top, bottom));
        assertEquals(StackedPanels.WIDTH_PX, image.getWidth());
        assertEquals(320, image.getHeight());
        assertArrayEquals(pixels(BitmapEncoder.getBufferedImage(top)), pixels(image.getSubimage(0, 0, 1200, 200)));
        assertArrayEquals(pixels(BitmapEncoder.getBufferedImage(bottom)),
                pixels(image.getSubimage(0, 200, 1200, 120)));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
