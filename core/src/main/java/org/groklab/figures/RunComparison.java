package org.groklab.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Several runs' learning curves overlaid, one colour per run, on a log-scale step axis: accuracy (test solid, train
 * dashed) beside test loss (log scale). Written as one PNG.
 */
public final class RunComparison {
    static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf)};
    static final int WIDTH = 760;
    static final int HEIGHT = 560;

    /** One run: the label of its legend entry and its curves. */
    public record Run(String label, LearningCurves.Curves curves) {
    }

    private RunComparison() {
    }

    /** Writes {@code dir/name.png}; returns it. */
    public static Path write(Path dir, String name, List<Run> runs) throws IOException {
        return FigureFiles.saveGrid(dir, name, List.of(accuracy(runs), loss(runs)), 2, false).get(0);
    }

    static XYChart accuracy(List<Run> runs) {
        XYChart c = chart("accuracy (test solid, train dashed)", "accuracy", runs.size());
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        for (int i = 0; i < runs.size(); i++) {
            LearningCurves.Curves k = runs.get(i).curves();
            add(c, runs.get(i).label(), k.step(), k.testAcc(), color(i), false, true);
            add(c, runs.get(i).label() + " (train)", k.step(), k.trainAcc(), color(i), true, false);
        }
        return c;
    }

    static XYChart loss(List<Run> runs) {
        XYChart c = chart("test loss", "loss", runs.size());
        if (LogAxis.applyY(c, runs.stream().map(r -> r.curves().testLoss()).toArray(double[][]::new))) {
            c.setYAxisTitle("loss (log scale)");
        }
        for (int i = 0; i < runs.size(); i++) {
            LearningCurves.Curves k = runs.get(i).curves();
            add(c, runs.get(i).label(), k.step(), k.testLoss(), color(i), false, true);
        }
        return c;
    }

    /** A run's colour; past ten runs the colours repeat, dashed and solid alike. */
    static Color color(int i) {
        return COLORS[i % COLORS.length];
    }

    private static XYChart chart(String title, String yLabel, int runs) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("step (log scale)")
                .yAxisTitle(yLabel).build();
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Vertical);
        st.setLegendBorderColor(Color.WHITE);
        c.getStyler().setXAxisLogarithmic(true).setXAxisDecimalPattern("#,##0");
        return c;
    }

    /** Adds the points with step > 0 and a finite (for the log loss axis, positive) value. */
    private static void add(XYChart c, String name, double[] step, double[] v, Color color, boolean dashed,
                            boolean inLegend) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean logY = c.getStyler().isYAxisLogarithmic();
        for (int i = 0; i < step.length; i++) {
            if (step[i] > 0 && Double.isFinite(v[i]) && (!logY || v[i] > 0)) {
                xs.add(step[i]);
                ys.add(v[i]);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = c.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(dashed ? new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {5f, 4f}, 0f) : new BasicStroke(2f));
        s.setShowInLegend(inLegend);
    }
}
