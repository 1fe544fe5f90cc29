package org.groklab.figures;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.groklab.io.AtomicFiles;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Writes one drawing as {@code NAME.png} and {@code NAME.svg}, each atomically. The drawing is Java2D code run
 * twice: on a bitmap and on a VectorGraphics2D canvas (the library XChart's own SVG export uses), so XChart
 * charts, text and raster heatmaps share one code path. Raster images (heatmaps) are embedded in the SVG as PNG,
 * the way plotting libraries export image plots.
 */
public final class FigureFiles {

    static {
        // Must happen before AWT initialises; surefire sets it too, the CLI might not.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Java2D code that draws a whole figure of the given size. */
    @FunctionalInterface
    public interface Painter {
        void paint(Graphics2D g, int width, int height);
    }

    private FigureFiles() {
    }

    /** Saves the drawing as {@code dir/name.png} and {@code dir/name.svg}; returns both paths. */
    public static List<Path> save(Path dir, String name, int width, int height, Painter painter) throws IOException {
        return save(dir, name, width, height, painter, true);
    }

    /** As above; without {@code vector}, the PNG only (the runs of a sweep). */
    public static List<Path> save(Path dir, String name, int width, int height, Painter painter, boolean vector)
            throws IOException {
        Files.createDirectories(dir);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        painter.paint(g, width, height);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        Path pngFile = dir.resolve(name + ".png");
        AtomicFiles.write(pngFile, png.toByteArray());
        if (!vector) {
            return List.of(pngFile);
        }

        VectorGraphics2D vg = new VectorGraphics2D();
        vg.setColor(Color.WHITE);
        vg.fillRect(0, 0, width, height);
        painter.paint(vg, width, height);
        ByteArrayOutputStream svg = new ByteArrayOutputStream();
        new SVGProcessor().getDocument(vg.getCommands(), new PageSize(0, 0, width, height)).writeTo(svg);
        Path svgFile = dir.resolve(name + ".svg");
        AtomicFiles.write(svgFile, svg.toByteArray());
        return List.of(pngFile, svgFile);
    }

    /** Saves one XChart chart at its own size. */
    public static List<Path> save(Path dir, String name, Chart<?, ?> chart) throws IOException {
        return save(dir, name, chart, true);
    }

    /** Saves one XChart chart at its own size; without {@code vector}, the PNG only. */
    public static List<Path> save(Path dir, String name, Chart<?, ?> chart, boolean vector) throws IOException {
        return save(dir, name, chart.getWidth(), chart.getHeight(), (g, w, h) -> chart.paint(g, w, h), vector);
    }

    /** Saves charts side by side, {@code columns} per row, each at its own size (the first one's). */
    public static List<Path> saveGrid(Path dir, String name, List<? extends Chart<?, ?>> charts, int columns)
            throws IOException {
        return saveGrid(dir, name, charts, columns, true);
    }

    /** As above; without {@code vector}, the PNG only. */
    public static List<Path> saveGrid(Path dir, String name, List<? extends Chart<?, ?>> charts, int columns,
                                      boolean vector) throws IOException {
        int cw = charts.get(0).getWidth();
        int ch = charts.get(0).getHeight();
        int cols = Math.min(columns, charts.size());
        int rows = (charts.size() + cols - 1) / cols;
        return save(dir, name, cw * cols, ch * rows, (g, w, h) -> {
            for (int i = 0; i < charts.size(); i++) {
                Graphics2D sub = (Graphics2D) g.create((i % cols) * cw, (i / cols) * ch, cw, ch);
                charts.get(i).paint(sub, cw, ch);
                sub.dispose();
            }
        }, vector);
    }

    /** The smallest title font {@link #fitTitle} shrinks to before it cuts the title. */
    static final int MIN_TITLE_POINTS = 9;

    /**
     * Fits a chart's title in its width: a title wider than the chart (less a margin) is drawn in a smaller font,
     * down to {@value #MIN_TITLE_POINTS} points, and only then cut with an ellipsis. Call after setting the title.
     */
    public static void fitTitle(Chart<?, ?> chart) {
        String title = chart.getTitle();
        if (title == null || title.isEmpty()) {
            return;
        }
        java.awt.Font font = chart.getStyler().getChartTitleFont();
        int room = chart.getWidth() - 24;
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        try {
            while (g.getFontMetrics(font).stringWidth(title) > room && font.getSize() > MIN_TITLE_POINTS) {
                font = font.deriveFont((float) (font.getSize() - 1));
            }
            String cut = title;
            for (int n = title.length() - 1; g.getFontMetrics(font).stringWidth(cut) > room && n > 4; n--) {
                cut = title.substring(0, n).stripTrailing() + "\u2026";
            }
            chart.getStyler().setChartTitleFont(font);
            chart.setTitle(cut);
        } finally {
            g.dispose();
        }
    }
}
