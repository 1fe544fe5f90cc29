package org.groklab.kinds.modular.figures;

import org.groklab.figures.FigureFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Raster heatmaps (weight matrices, activation maps, spectra over training), drawn as images with vector text
 * around them and saved through {@link FigureFiles}. Cells are scaled up by whole pixels (nearest neighbour), so
 * every cell stays sharp in the PNG and in the SVG's embedded image.
 */
public final class Heatmaps {
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font SMALL = new Font(Font.SANS_SERIF, Font.PLAIN, 10);

    /** Colour scales: diverging (blue, white, red; symmetric around 0) or sequential (dark blue to yellow). */
    public enum Scale {
        DIVERGING, SEQUENTIAL
    }

    /**
     * One matrix to draw: {@code values[row][column]}. Optional {@code rowGroups}: the first row of each group and
     * its label (e.g. neurons sorted by frequency), drawn as separating lines; {@code columnLabels} label every
     * k-th column when given.
     */
    public record Panel(String title, double[][] values, String xLabel, String yLabel, Scale scale,
                        int[] rowGroupStarts, String[] rowGroupLabels, String[] columnLabels) {

        public Panel(String title, double[][] values, String xLabel, String yLabel, Scale scale) {
            this(title, values, xLabel, yLabel, scale, null, null, null);
        }

        int rows() {
            return values.length;
        }

        int columns() {
            return values.length == 0 ? 0 : values[0].length;
        }
    }

    private Heatmaps() {
    }

    /**
     * Panels side by side under a title, each with axes labels and its own colour bar; each panel's cells are
     * scaled to about {@code targetHeight} pixels of height.
     */
    public static List<Path> panels(Path dir, String name, String title, List<Panel> panels, int targetHeight)
            throws IOException {
        int maxRows = panels.stream().mapToInt(Panel::rows).max().orElse(1);
        int cell = Math.max(1, targetHeight / Math.max(1, maxRows));
        int top = 40;
        int gap = 110;
        int[] widths = new int[panels.size()];
        int total = 40;
        for (int i = 0; i < panels.size(); i++) {
            int cw = Math.max(1, Math.max(cell, 240 / Math.max(1, panels.get(i).columns())));
            widths[i] = cw;
            total += panels.get(i).columns() * cw + gap;
        }
        int height = top + 30 + maxRows * cell + 60;
        int width = Math.max(total, 400);
        return FigureFiles.save(dir, name, width, height, (g, w, h) -> {
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            g.drawString(title, 20, 25);
            int x = 60;
            for (int i = 0; i < panels.size(); i++) {
                Panel p = panels.get(i);
                drawPanel(g, p, x, top + 30, widths[i], cell);
                x += p.columns() * widths[i] + gap;
            }
        });
    }

    /**
     * Many small maps in a grid (one per hidden neuron), each scaled to its own range, with a short label above.
     */
    public static List<Path> grid(Path dir, String name, String title, List<double[][]> maps, List<String> labels,
                                  Scale scale, String note) throws IOException {
        int n = maps.size();
        int cols = (int) Math.ceil(Math.sqrt(n));
        int rows = (n + cols - 1) / cols;
        int side = maps.isEmpty() ? 1 : maps.get(0).length;
        int cell = Math.max(1, Math.min(4, 96 / Math.max(1, side)));
        int tile = side * cell;
        int labelH = 13;
        int pad = 6;
        int top = 50;
        int width = Math.max(500, 20 + cols * (tile + pad));
        int height = top + rows * (tile + labelH + pad) + 10;
        return FigureFiles.save(dir, name, width, height, (g, w, h) -> {
            g.setColor(Color.BLACK);
            g.setFont(TITLE);
            g.drawString(title, 10, 20);
            g.setFont(LABEL);
            g.drawString(note, 10, 38);
            g.setFont(SMALL);
            for (int i = 0; i < n; i++) {
                int x = 10 + (i % cols) * (tile + pad);
                int y = top + (i / cols) * (tile + labelH + pad);
                g.setColor(Color.DARK_GRAY);
                g.drawString(labels.get(i), x, y + 10);
                double[] range = range(maps.get(i), scale);
                g.drawImage(raster(maps.get(i), scale, range, cell, cell), x, y + labelH, null);
            }
        });
    }

    private static void drawPanel(Graphics2D g, Panel p, int x0, int y0, int cw, int ch) {
        double[] range = range(p.values(), p.scale());
        BufferedImage img = raster(p.values(), p.scale(), range, cw, ch);
        int w = p.columns() * cw;
        int h = p.rows() * ch;
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        g.drawString(p.title(), x0, y0 - 8);
        g.drawImage(img, x0, y0, null);
        g.setColor(Color.GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, y0, w, h);
        g.setFont(SMALL);
        FontMetrics fm = g.getFontMetrics();
        if (p.rowGroupStarts() != null) {
            g.setColor(new Color(0, 0, 0, 140));
            for (int i = 0; i < p.rowGroupStarts().length; i++) {
                int y = y0 + p.rowGroupStarts()[i] * ch;
                if (i > 0 && p.rowGroupStarts().length < p.rows()) {
                    g.drawLine(x0, y, x0 + w, y);
                }
                int next = i + 1 < p.rowGroupStarts().length ? p.rowGroupStarts()[i + 1] : p.rows();
                if ((next - p.rowGroupStarts()[i]) * ch >= fm.getAscent()) {
                    String label = p.rowGroupLabels()[i];
                    g.drawString(label, x0 - fm.stringWidth(label) - 4, y + ((next - p.rowGroupStarts()[i]) * ch
                            + fm.getAscent()) / 2);
                }
            }
        }
        if (p.columnLabels() != null) {
            g.setColor(Color.DARK_GRAY);
            int every = Math.max(1, (int) Math.ceil(40.0 / cw));
            for (int c = 0; c < p.columns(); c += every) {
                String label = p.columnLabels()[c];
                g.drawString(label, x0 + c * cw + cw / 2 - fm.stringWidth(label) / 2, y0 + h + 12);
            }
        }
        g.setColor(Color.BLACK);
        g.setFont(LABEL);
        g.drawString(p.xLabel(), x0 + w / 2 - g.getFontMetrics().stringWidth(p.xLabel()) / 2, y0 + h + 28);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(p.yLabel(), -(y0 + h / 2 + r.getFontMetrics().stringWidth(p.yLabel()) / 2),
                x0 - (p.rowGroupStarts() != null ? 34 : 8));
        r.dispose();
        // colour bar
        int bx = x0 + w + 8;
        int bh = Math.max(40, Math.min(h, 200));
        double[][] bar = new double[bh][1];
        for (int i = 0; i < bh; i++) {
            bar[i][0] = range[1] - (range[1] - range[0]) * i / (bh - 1.0);
        }
        g.drawImage(raster(bar, p.scale(), range, 10, 1), bx, y0, null);
        g.setFont(SMALL);
        g.setColor(Color.DARK_GRAY);
        g.drawString(format(range[1]), bx + 13, y0 + 8);
        g.drawString(format(range[0]), bx + 13, y0 + bh);
    }

    static String format(double v) {
        double a = Math.abs(v);
        return a != 0 && (a < 1e-2 || a >= 1e4) ? String.format(Locale.ROOT, "%.1e", v)
                : String.format(Locale.ROOT, "%.3g", v);
    }

    /** [lo, hi]: symmetric +-max|v| for the diverging scale, min..max for the sequential one. */
    static double[] range(double[][] v, Scale scale) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : v) {
            for (double x : row) {
                if (Double.isFinite(x)) {
                    lo = Math.min(lo, x);
                    hi = Math.max(hi, x);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        if (scale == Scale.DIVERGING) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            return m == 0 ? new double[] {-1, 1} : new double[] {-m, m};
        }
        return hi == lo ? new double[] {lo, lo + 1} : new double[] {lo, hi};
    }

    static BufferedImage raster(double[][] v, Scale scale, double[] range, int cw, int ch) {
        int rows = v.length;
        int cols = rows == 0 ? 0 : v[0].length;
        BufferedImage img = new BufferedImage(Math.max(1, cols * cw), Math.max(1, rows * ch),
                BufferedImage.TYPE_INT_RGB);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double t = (v[r][c] - range[0]) / (range[1] - range[0]);
                int rgb = Double.isFinite(t) ? color(scale, Math.max(0, Math.min(1, t))) : 0xdddddd;
                for (int y = 0; y < ch; y++) {
                    for (int x = 0; x < cw; x++) {
                        img.setRGB(c * cw + x, r * ch + y, rgb);
                    }
                }
            }
        }
        return img;
    }

    private static final int[][] DIVERGING = {{0x3b, 0x4c, 0xc0}, {0x8d, 0xb0, 0xfe}, {0xf7, 0xf7, 0xf7},
            {0xf4, 0x98, 0x7a}, {0xb4, 0x04, 0x26}};
    private static final int[][] SEQUENTIAL = {{0x44, 0x01, 0x54}, {0x3b, 0x52, 0x8b}, {0x21, 0x90, 0x8c},
            {0x5d, 0xc8, 0x63}, {0xfd, 0xe7, 0x25}};

    /** t in [0, 1] to an RGB colour, by linear interpolation between five anchors. */
    static int color(Scale scale, double t) {
        int[][] anchors = scale == Scale.DIVERGING ? DIVERGING : SEQUENTIAL;
        double pos = t * (anchors.length - 1);
        int i = Math.min(anchors.length - 2, (int) pos);
        double f = pos - i;
        int rgb = 0;
        for (int ch = 0; ch < 3; ch++) {
            int value = (int) Math.round(anchors[i][ch] + f * (anchors[i + 1][ch] - anchors[i][ch]));
            rgb = (rgb << 8) | value;
        }
        return rgb;
    }
}
