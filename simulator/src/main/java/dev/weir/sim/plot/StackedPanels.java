package dev.weir.sim.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart panels stacked into one image on a shared time axis: the stacking every plot of the
 * simulator, the UDP path and the browser-stats import draws, and the plain panel and line style of
 * the last two (the simulator's own panels add tick handling, {@link CallPlot}). Callers set
 * {@code java.awt.headless} before they touch AWT.
 *
 * <p>Stateless; thread-safe (every call builds its own chart or image).
 */
public final class StackedPanels {
    /** Panel width, pixels: the simulator's plots' width. */
    public static final int WIDTH_PX = CallPlot.WIDTH_PX;

    private StackedPanels() {
    }

    /**
     * A panel {@link #WIDTH_PX} wide whose time axis runs from 0 s to the last of {@code timeS}
     * (not empty) and whose y axis starts at 0; with a title only when {@code title} is not null,
     * and the axis titled "time (s)" only when {@code timeTitle} (the bottom panel).
     */
    public static XYChart panel(String title, String yTitle, int heightPx, double[] timeS, boolean timeTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH_PX).height(heightPx).title(title == null ? "" : title)
                .xAxisTitle(timeTitle ? "time (s)" : "").yAxisTitle(yTitle).build();
        chart.getStyler().setChartTitleVisible(title != null).setLegendPosition(Styler.LegendPosition.InsideNE)
                .setChartBackgroundColor(Color.WHITE).setAntiAlias(true);
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setXAxisMin(0.0).setXAxisMax(timeS[timeS.length - 1]).setYAxisMin(0.0);
        return chart;
    }

    /** Adds {@code y} over {@code x} as a line without markers, in {@code color}; returns it to restyle. */
    public static XYSeries line(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        return series;
    }

    /** Draws {@code charts} top to bottom into one RGB image, {@link #WIDTH_PX} wide and as high as all of them. */
    public static BufferedImage image(List<XYChart> charts) {
        int heightPx = 0;
        for (XYChart chart : charts) {
            heightPx += chart.getHeight();
        }
        BufferedImage image = new BufferedImage(WIDTH_PX, heightPx, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            int y = 0;
            for (XYChart chart : charts) {
                g.drawImage(BitmapEncoder.getBufferedImage(chart), 0, y, null);
                y += chart.getHeight();
            }
        } finally {
            g.dispose();
        }
        return image;
    }
}
