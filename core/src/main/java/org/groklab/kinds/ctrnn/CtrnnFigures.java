package org.groklab.kinds.ctrnn;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groklab.figures.FigureFiles;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Murray's Figure 1 for one network, drawn from its {@link CtrnnAnalysis.Report} only: the outputs z(t) of
 * noise-free trials (valid and invalid), the rate trajectories in the first two principal components coloured by
 * the running sum mod 3 (0 green, 1 purple, 2 red, the paper's colours) with the fixed points (f.p.) and the limit
 * cycle, and the extracted automaton as a table.
 */
public final class CtrnnFigures {

    static {
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    static final int PANEL = 520;
    /** Running sum 0, 1, 2 in the paper's colours green, purple, red. */
    static final Color[] RESIDUE = {new Color(0x2c, 0xa0, 0x2c), new Color(0x94, 0x67, 0xbd), new Color(0xd6, 0x27, 0x28)};
    /** Trials drawn per relation (the analysis may hold more). */
    static final int PER_RELATION = 3;

    private CtrnnFigures() {
    }

    /** Writes {@code figure1.png} (and .svg) into {@code figuresDir}; returns the files. */
    public static List<Path> figure1(Path figuresDir, String title, CtrnnAnalysis.Report report, boolean svg)
            throws IOException {
        XYChart outputs = outputs(report.outputs());
        XYChart pca = pca(report.pca(), report.outputs().relations(), report.landmarks(),
                report.mechanism().label());
        List<String> lines = dfaLines(report);
        int height = PANEL + 40;
        return FigureFiles.save(figuresDir, "figure1", 3 * PANEL, height, (g, w, h) -> {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
            g.drawString(title, 12, 24);
            paint(g, outputs, 0, 40);
            paint(g, pca, PANEL, 40);
            g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
            g.setColor(Color.BLACK);
            int y = 70;
            for (String line : lines) {
                g.drawString(line, 2 * PANEL + 16, y);
                y += 18;
            }
        }, svg);
    }

    private static void paint(Graphics2D g, XYChart c, int x, int y) {
        Graphics2D sub = (Graphics2D) g.create(x, y, PANEL, PANEL);
        c.paint(sub, PANEL, PANEL);
        sub.dispose();
    }

    static XYChart outputs(CtrnnAnalysis.Outputs o) {
        XYChart c = chart("outputs z(t) of noise-free trials", "step", "z");
        int[] drawn = new int[Relation.COUNT];
        boolean[] legend = new boolean[2];
        for (int i = 0; i < o.z().length; i++) {
            if (drawn[o.relations()[i]]++ >= PER_RELATION) {
                continue;
            }
            double[] t = new double[o.z()[i].length];
            for (int s = 0; s < t.length; s++) {
                t[s] = s;
            }
            boolean valid = o.labels()[i] > 0;
            int k = valid ? 0 : 1;
            String name = legend[k] ? "trial " + i : valid ? "valid (label +1)" : "invalid (label -1)";
            XYSeries s = c.addSeries(name, t, o.z()[i]);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(valid ? new Color(0x1f, 0x77, 0xb4, 150) : new Color(0xff, 0x7f, 0x0e, 150));
            s.setLineStyle(new java.awt.BasicStroke(1f));
            s.setShowInLegend(!legend[k]);
            legend[k] = true;
        }
        return c;
    }

    static XYChart pca(RatePca pca, int[] relations, CtrnnAnalysis.Landmarks marks, Mechanism label) {
        String axes = String.format(Locale.ROOT, "PC1 (%.0f%%)", 100 * pca.explainedRatio()[0]);
        String yAxis = pca.explainedRatio().length > 1
                ? String.format(Locale.ROOT, "PC2 (%.0f%%)", 100 * pca.explainedRatio()[1]) : "PC2";
        XYChart c = chart("rates in PCA, by running sum mod 3: " + label.name().toLowerCase(Locale.ROOT), axes,
                yAxis);
        List<List<Double>> xs = new ArrayList<>();
        List<List<Double>> ys = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        int[] perRelation = new int[Relation.COUNT];
        double[][][] proj = pca.projections();
        for (int t = 0; t < proj.length; t++) {
            if (perRelation[relations[t]]++ >= PER_RELATION) {
                continue;
            }
            for (int s = 0; s < proj[t].length; s++) {
                int sum = pca.runningSum()[t][s];
                xs.get(sum).add(proj[t][s][0]);
                ys.get(sum).add(proj[t][s].length > 1 ? proj[t][s][1] : 0);
            }
        }
        for (int r = 0; r < 3; r++) {
            if (xs.get(r).isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries("sum " + r, xs.get(r), ys.get(r));
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(new Color(RESIDUE[r].getRed(), RESIDUE[r].getGreen(), RESIDUE[r].getBlue(), 90));
        }
        if (marks.cycle() != null) {
            double[] cx = new double[marks.cycle().length];
            double[] cy = new double[cx.length];
            for (int i = 0; i < cx.length; i++) {
                cx[i] = marks.cycle()[i][0];
                cy[i] = marks.cycle()[i].length > 1 ? marks.cycle()[i][1] : 0;
            }
            XYSeries s = c.addSeries("limit cycle", cx, cy);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(Color.BLACK);
            s.setLineStyle(new java.awt.BasicStroke(1.5f));
        }
        for (String kind : new String[] {"stable", "saddle", "unstable"}) {
            List<Double> fx = new ArrayList<>();
            List<Double> fy = new ArrayList<>();
            for (int i = 0; i < marks.fixedPoints().length; i++) {
                if (marks.stability()[i].equals(kind)) {
                    fx.add(marks.fixedPoints()[i][0]);
                    fy.add(marks.fixedPoints()[i].length > 1 ? marks.fixedPoints()[i][1] : 0);
                }
            }
            if (fx.isEmpty()) {
                continue;
            }
            XYSeries s = c.addSeries(kind + " f.p.", fx, fy);
            s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            s.setMarker(kind.equals("stable") ? SeriesMarkers.CIRCLE : kind.equals("saddle") ? SeriesMarkers.DIAMOND
                    : SeriesMarkers.SQUARE);
            s.setMarkerColor(kind.equals("stable") ? Color.BLACK : Color.DARK_GRAY);
        }
        c.getStyler().setMarkerSize(5);
        return c;
    }

    /** The automaton as text: states, transitions by colour, acceptance, and how it compares with mod 3. */
    static List<String> dfaLines(CtrnnAnalysis.Report report) {
        ExtractedDfa d = report.dfa();
        Dfa m = d.minimal();
        List<String> out = new ArrayList<>();
        MechanismReport mech = report.mechanism();
        out.add("mechanism: " + mech.label().name().toLowerCase(Locale.ROOT));
        if (mech.cycle() != null && mech.phaseShifts() != null) {
            double[][] sh = mech.phaseShifts();
            out.add(String.format(Locale.ROOT, "limit cycle: period %.1f steps", mech.cycle().periodSteps()));
            out.add(String.format(Locale.ROOT, "phase shift (rad): green %+.2f, purple %+.2f, red %+.2f",
                    sh[0][0], sh[1][0], sh[2][0]));
            out.add("  (Appendix C: 0 and +-2.09 = +-2 pi/3)");
        } else if (mech.endsProbed() > 0) {
            out.add(String.format(Locale.ROOT, "%d of %d end states settle on a stable fixed point", mech.endsAtStable(),
                    mech.endsProbed()));
        }
        out.add("");
        out.add(String.format(Locale.ROOT, "automaton: %d states (minimal)", m.states()));
        out.add("state  green purple red  accept");
        for (int s = 0; s < m.states() && s < 20; s++) {
            out.add(String.format(Locale.ROOT, "%s%-4d  %-5d %-6d %-4d %s", s == m.start() ? ">" : " ", s,
                    m.next()[s][0], m.next()[s][1], m.next()[s][2], m.accepting()[s] ? "yes" : ""));
        }
        if (m.states() > 20) {
            out.add("  ... (" + (m.states() - 20) + " more)");
        }
        out.add("");
        out.add(String.format(Locale.ROOT, "agrees with mod 3 on %.0f%% of the 27 words", 100 * d.wordAgreement()));
        out.add("equivalent to the mod-3 automaton: " + (d.equivalentToMod3() ? "yes" : "no"));
        out.add("discrete states hold one running sum: " + (d.residuePure() ? "yes" : "no"));
        out.add(String.format(Locale.ROOT, "on three-colour words: %d states,", d.taskMinimal().states()));
        out.add("  " + (d.equivalentOnTaskWords() ? "equivalent" : "not equivalent")
                + " to mod 3 read for three colours");
        return out;
    }

    private static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(PANEL).height(PANEL).title(title).xAxisTitle(x).yAxisTitle(y).build();
        Styler st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.WHITE);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return c;
    }
}
