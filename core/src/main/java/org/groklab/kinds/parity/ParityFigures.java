package org.groklab.kinds.parity;

import org.groklab.run.EventUnits;
import org.groklab.run.MetricsTable;
import org.groklab.figures.FigureFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.groklab.measure.Kde;
import org.groklab.measure.Tsne;
import org.groklab.run.RunDirectory;
import org.groklab.spec.RunSpec;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The thesis's figures of a parity run or of several seeds (shared/seeds/003), each as PNG and SVG:
 * <ul>
 *   <li>{@code norms}: spectral norms of W1 and W2 against the epoch (log scale), the memorization and
 *       generalization epochs marked (Figure 2.4);</li>
 *   <li>{@code relevant-share}: the share of |W1| on the k relevant bits against the epoch;</li>
 *   <li>{@code kde}: densities of the output weights at five epochs from memorization to generalization and at the
 *       last snapshot, one panel each (Figure 2.3);</li>
 *   <li>{@code tsne}: t-SNE maps of the hidden activations on the training set at the same epochs, coloured by the
 *       first k bits, 2^k colours (Figure 2.2);</li>
 *   <li>across seeds ({@link #seedFigures}): mean ± std of loss, accuracy and spectral norms against the epoch on a
 *       log axis (Figures 2.1, 3.1, 3.2, A.1, A.2).</li>
 * </ul>
 */
public final class ParityFigures {

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    static final int PANEL = 380;
    /** Panels of the density and t-SNE figures: five epochs from memorization to generalization, and the last. */
    public static final int SPAN_PANELS = 5;

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf)};

    private ParityFigures() {
    }

    /**
     * Every figure of one parity run into its figures/ directory, PNG and (when {@code svg}) SVG: norms and the
     * relevant share from metrics.csv, densities and t-SNE maps from the panels its analysis wrote (none without
     * snapshots).
     */
    public static List<Path> runFigures(Path runDir, RunSpec spec, String title, RunMetrics m,
                                        List<ParityPanels.Panel> panels, boolean svg) {
        Path out = runDir.resolve("figures");
        List<Path> written = new ArrayList<>();
        try {
            if (m.rows() > 0 && m.has("sn_W1")) {
                double mem = m.memorizationEpoch(spec);
                double gen = m.generalizationEpoch(spec);
                written.addAll(FigureFiles.save(out, "norms", norms(title, m, mem, gen), svg));
                written.addAll(FigureFiles.save(out, "relevant-share", relevantShare(title, m, mem, gen), svg));
                if (!panels.isEmpty()) {
                    written.addAll(densities(out, panels, svg));
                    written.addAll(tsne(out, panels, svg));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /**
     * The steps of the thesis's panels (its plot_weights / plot_tsne): {@value #SPAN_PANELS} epochs evenly from the
     * memorization to the generalization epoch (the last epoch when it never generalized; memorization + 20 when
     * they are less than 10 apart), then the last epoch.
     */
    public static List<Long> spanSteps(double memEpoch, double genEpoch, double lastEpoch, long stepsPerEpoch) {
        double mem = memEpoch < 0 ? 0 : memEpoch;
        double gen = genEpoch < 0 ? lastEpoch : genEpoch;
        if (gen - mem < 10) {
            gen = Math.min(lastEpoch, mem + 20);
        }
        List<Long> steps = new ArrayList<>();
        for (int i = 0; i < SPAN_PANELS; i++) {
            double e = mem + (gen - mem) * i / (SPAN_PANELS - 1);
            steps.add(Math.round(e) * stepsPerEpoch);
        }
        steps.add(Math.round(lastEpoch * stepsPerEpoch));
        return steps;
    }

    static XYChart norms(String title, RunMetrics m, double mem, double gen) {
        XYChart c = chart(title + ": spectral norms", "epoch (log scale)", "largest singular value", WIDTH, HEIGHT);
        c.getStyler().setXAxisLogarithmic(true);
        double[] e = m.epochs();
        line(c, "W1 (first layer)", e, m.get("sn_W1"), PALETTE[0]);
        line(c, "W2 (output layer)", e, m.get("sn_W2"), PALETTE[1]);
        marks(c, m, mem, gen, 0, Math.max(max(m.get("sn_W1")), max(m.get("sn_W2"))));
        return c;
    }

    static XYChart relevantShare(String title, RunMetrics m, double mem, double gen) {
        XYChart c = chart(title + ": share of |W1| on the k relevant bits", "epoch (log scale)", "relevant share",
                WIDTH, HEIGHT);
        c.getStyler().setXAxisLogarithmic(true).setYAxisMin(0.0).setYAxisMax(1.0);
        line(c, "relevant / all", m.epochs(), m.get("relevant_share"), PALETTE[2]);
        marks(c, m, mem, gen, 0, 1);
        return c;
    }

    /** Dashed vertical lines at the memorization and generalization epochs (when they happened after epoch 0). */
    private static void marks(XYChart c, RunMetrics m, double mem, double gen, double lo, double hi) {
        MetricsTable t = new MetricsTable(m.columns(), m.rows());
        if (mem > 0) {
            vertical(c, "memorization (" + EventUnits.atEpoch(t, mem) + ")", mem, lo, hi, new Color(0xff7f0e));
        }
        if (gen > 0) {
            vertical(c, "generalization (" + EventUnits.atEpoch(t, gen) + ")", gen, lo, hi, new Color(0x2ca02c));
        }
    }

    private static void vertical(XYChart c, String name, double x, double lo, double hi, Color color) {
        XYSeries s = c.addSeries(name, new double[] {x, x}, new double[] {lo, hi});
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f},
                0f));
    }

    /** One density panel per snapshot: the output weights' Gaussian KDE (Scott's bandwidth). */
    static List<Path> densities(Path out, List<ParityPanels.Panel> panels, boolean svg) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        double[] range = densityRange(panels);
        for (ParityPanels.Panel p : panels) {
            XYChart c = chart("output weights, epoch " + fmt(p.epoch()), "weight value", "density", PANEL, PANEL);
            c.getStyler().setLegendVisible(false);
            // one scale for every panel, so that densities compare across epochs; few, short x labels
            c.getStyler().setXAxisMin(range[0]).setXAxisMax(range[1]).setYAxisMin(0.0).setYAxisMax(range[2]);
            c.getStyler().setXAxisDecimalPattern("0.0").setXAxisTickMarkSpacingHint(80);
            XYSeries series = c.addSeries("density", p.kdeX(), p.kdeDensity());
            series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
            series.setMarker(SeriesMarkers.NONE);
            series.setLineColor(PALETTE[0]);
            series.setFillColor(new Color(0x1f, 0x77, 0xb4, 80));
            charts.add(c);
        }
        return FigureFiles.saveGrid(out, "kde", charts, charts.size(), svg);
    }

    /** The x range and the largest density over every panel: {min x, max x, max density}. */
    static double[] densityRange(List<ParityPanels.Panel> panels) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        double top = 0;
        for (ParityPanels.Panel p : panels) {
            for (double x : p.kdeX()) {
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            for (double d : p.kdeDensity()) {
                top = Math.max(top, d);
            }
        }
        return new double[] {lo, hi, top * 1.05};
    }

    /** One t-SNE panel per snapshot, points coloured by the first k bits of their input. */
    static List<Path> tsne(Path out, List<ParityPanels.Panel> panels, boolean svg) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (ParityPanels.Panel p : panels) {
            XYChart c = chart("t-SNE of hidden activations, epoch " + fmt(p.epoch()), "component 1", "component 2",
                    PANEL, PANEL);
            c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(5);
            c.getStyler().setXAxisDecimalPattern("0").setYAxisDecimalPattern("0");
            int classes = 1 << p.k();
            for (int cls = 0; cls < classes; cls++) {
                List<Double> xs = new ArrayList<>();
                List<Double> ys = new ArrayList<>();
                for (int i = 0; i < p.pattern().length; i++) {
                    if (p.pattern()[i] == cls) {
                        xs.add(p.tsne()[2 * i]);
                        ys.add(p.tsne()[2 * i + 1]);
                    }
                }
                if (xs.isEmpty()) {
                    continue;
                }
                XYSeries series = c.addSeries(patternLabel(cls, p.k()), xs, ys);
                series.setMarker(SeriesMarkers.CIRCLE);
                series.setMarkerColor(PALETTE[cls % PALETTE.length]);
            }
            charts.add(c);
        }
        return FigureFiles.saveGrid(out, "tsne", charts, charts.size(), svg);
    }

    /** "+-" style label of a pattern of the first k bits ('+' = positive bit). */
    static String patternLabel(int cls, int k) {
        StringBuilder b = new StringBuilder();
        for (int j = k - 1; j >= 0; j--) {
            b.append(((cls >>> j) & 1) == 1 ? '+' : '-');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------------------------------------- across seeds

    /** A set of runs drawn together (the seeds of one setting), with a label. */
    public record Group(String label, List<RunMetrics> runs) {
    }

    /**
     * Mean ± std across the runs of each group, against the epoch on a log axis: {@code NAME-loss},
     * {@code NAME-accuracy} (train and test) and {@code NAME-norms} (W1 and W2). With several groups, one line
     * per group and metric (test metrics and W1 only, to stay readable). Runs of a group share their evaluation
     * epochs; rows are matched by index, up to the shortest run.
     */
    public static List<Path> seedFigures(Path out, String name, String title, List<Group> groups) throws IOException {
        List<Path> written = new ArrayList<>();
        boolean single = groups.size() == 1;
        XYChart loss = chart(title + ": loss, mean ± std over seeds", "epoch (log scale)", "loss", WIDTH, HEIGHT);
        XYChart acc = chart(title + ": accuracy, mean ± std over seeds", "epoch (log scale)", "accuracy", WIDTH,
                HEIGHT);
        XYChart norms = chart(title + ": spectral norm, mean ± std over seeds", "epoch (log scale)",
                "largest singular value", WIDTH, HEIGHT);
        for (XYChart c : List.of(loss, acc, norms)) {
            c.getStyler().setXAxisLogarithmic(true);
        }
        acc.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (int g = 0; g < groups.size(); g++) {
            Group group = groups.get(g);
            if (group.runs().isEmpty()) {
                continue;
            }
            String prefix = single ? "" : group.label() + " ";
            Color c1 = single ? PALETTE[0] : PALETTE[g % PALETTE.length];
            Color c2 = single ? PALETTE[1] : c1;
            double[] epochs = group.runs().get(0).epochs();
            if (single) {
                meanBand(loss, prefix + "train", epochs, group.runs(), "train_loss", c1, true);
                meanBand(acc, prefix + "train", epochs, group.runs(), "train_acc", c1, false);
            }
            meanBand(loss, prefix + "test", epochs, group.runs(), "test_loss", c2, true);
            meanBand(acc, prefix + "test", epochs, group.runs(), "test_acc", c2, false);
            if (group.runs().get(0).has("sn_W1")) {
                meanBand(norms, prefix + "W1", epochs, group.runs(), "sn_W1", c1, false);
                if (single) {
                    meanBand(norms, prefix + "W2", epochs, group.runs(), "sn_W2", c2, false);
                }
            }
        }
        if (org.groklab.figures.LogAxis.applyY(loss)) {
            loss.setYAxisTitle("loss (log scale)");
        }
        written.addAll(FigureFiles.save(out, name + "-loss", loss));
        written.addAll(FigureFiles.save(out, name + "-accuracy", acc));
        if (!norms.getSeriesMap().isEmpty()) {
            written.addAll(FigureFiles.save(out, name + "-norms", norms));
        }
        return written;
    }

    /** Mean line and a translucent ± std band of {@code column} across runs (epoch 0 left out of the log axis). */
    static void meanBand(XYChart c, String name, double[] epochs, List<RunMetrics> runs, String column, Color color,
                         boolean logY) {
        int n = Integer.MAX_VALUE;
        for (RunMetrics r : runs) {
            n = Math.min(n, r.rows());
        }
        n = Math.min(n, epochs.length);
        List<Double> xs = new ArrayList<>();
        List<Double> mean = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(epochs[i] > 0)) {
                continue;
            }
            double s = 0;
            double ss = 0;
            for (RunMetrics r : runs) {
                double v = r.get(column)[i];
                s += v;
                ss += v * v;
            }
            double m = s / runs.size();
            double sd = runs.size() > 1 ? Math.sqrt(Math.max(0, (ss - runs.size() * m * m) / (runs.size() - 1))) : 0;
            if (!Double.isFinite(m) || (logY && m <= 0)) {
                continue;
            }
            xs.add(epochs[i]);
            mean.add(m);
            double up = m + sd;
            double down = m - sd;
            if (logY && down <= 0) {
                down = m * 0.01;
            }
            hi.add(up);
            lo.add(down);
        }
        if (xs.isEmpty()) {
            return;
        }
        if (runs.size() > 1 && xs.size() > 1) {
            List<Double> px = new ArrayList<>(xs);
            List<Double> py = new ArrayList<>(hi);
            for (int i = xs.size() - 1; i >= 0; i--) {
                px.add(xs.get(i));
                py.add(lo.get(i));
            }
            XYSeries band = c.addSeries(name + " ± std", px, py);
            band.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            band.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 48));
            band.setLineColor(new Color(0, 0, 0, 0));
            band.setMarker(SeriesMarkers.NONE);
            band.setShowInLegend(false);
        }
        XYSeries s = c.addSeries(name, xs, mean);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.8f));
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static void line(XYChart c, String name, double[] x, double[] y, Color color) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (x[i] > 0 && Double.isFinite(y[i])) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.8f));
    }

    private static double max(double[] v) {
        double m = 0;
        for (double x : v) {
            if (Double.isFinite(x)) {
                m = Math.max(m, x);
            }
        }
        return m;
    }

    static XYChart chart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FigureFiles.fitTitle(c);
        return c;
    }

    static String fmt(double epoch) {
        return epoch == Math.rint(epoch) ? Long.toString((long) epoch) : String.format("%.1f", epoch);
    }
}
