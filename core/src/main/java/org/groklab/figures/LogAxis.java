package org.groklab.figures;

import org.knowm.xchart.XYChart;

/**
 * A y axis that is logarithmic only where that reads well. XChart labels a log axis at powers of ten alone, so data
 * within one decade would show one label or none: such data (max/min below {@value #MIN_RATIO}) gets a linear axis;
 * wider data a log axis stretched to the enclosing powers of ten, so that at least two are labelled.
 */
public final class LogAxis {
    /** The spread (max / min) below which the axis is linear. */
    public static final double MIN_RATIO = 10;

    private LogAxis() {
    }

    /** Sets the chart's y axis for the positive finite values given; returns true when it is logarithmic. */
    public static boolean applyY(XYChart chart, double[]... values) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double[] a : values) {
            for (double v : a) {
                if (Double.isFinite(v) && v > 0) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        boolean log = hi > 0 && hi / lo >= MIN_RATIO;
        chart.getStyler().setYAxisLogarithmic(log);
        if (log) {
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(lo))))
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(hi))));
        }
        return log;
    }

    /** As {@link #applyY(XYChart, double[]...)} over the y values of the series already in the chart. */
    public static boolean applyY(XYChart chart) {
        return applyY(chart, chart.getSeriesMap().values().stream().map(org.knowm.xchart.XYSeries::getYData)
                .toArray(double[][]::new));
    }
}
