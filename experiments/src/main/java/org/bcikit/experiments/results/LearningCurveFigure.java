package org.bcikit.experiments.results;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.CurveStats;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.figures.Figures;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Learning curves, one line per condition with a mean +/- s.e.m. band, each in its condition's
 * colour ({@link Figures#color} of the condition index, so a condition looks the same in every
 * figure of a sweep).
 */
public final class LearningCurveFigure {

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Line> series = new ArrayList<>();
    private record Line(String name, int color, CurveStats curve) {
    }

    private Double yMin;
    private Double yMax;

    /** A figure with a title that says what was run and axis labels with units. */
    public LearningCurveFigure(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a condition's curve as {@code name} in colour {@code colorIndex}. Returns this. */
    public LearningCurveFigure add(String name, int colorIndex, CurveStats curve) {
        series.add(new Line(name, colorIndex, curve));
        return this;
    }

    /** Fixes the y range (otherwise automatic). Returns this. */
    public LearningCurveFigure yRange(double lo, double hi) {
        yMin = lo;
        yMax = hi;
        return this;
    }

    /** Every condition's curve {@code curveName} in {@code results}. */
    public static LearningCurveFigure of(ExperimentResults results, String curveName, String title, String xLabel,
            String yLabel) {
        LearningCurveFigure f = new LearningCurveFigure(title, xLabel, yLabel);
        for (ConditionSummary c : results.conditions()) {
            CurveStats s = c.curves().get(curveName);
            if (s != null) {
                f.add(c.name(), c.index(), s);
            }
        }
        return f;
    }

    /** The styled chart. */
    public JFreeChart chart() {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        DeviationRenderer r = new DeviationRenderer(true, false);
        r.setAlpha(0.22f);
        for (int i = 0; i < series.size(); i++) {
            String name = series.get(i).name();
            int color = series.get(i).color();
            CurveStats s = series.get(i).curve();
            YIntervalSeries ys = new YIntervalSeries(name, false, true);
            for (int k = 0; k < s.x().length; k++) {
                double m = s.mean()[k];
                if (!Double.isFinite(m)) {
                    continue;
                }
                double e = Double.isFinite(s.sem()[k]) ? s.sem()[k] : 0;
                ys.add(s.x()[k], m, m - e, m + e);
            }
            data.addSeries(ys);
            r.setSeriesPaint(i, Figures.color(color));
            r.setSeriesFillPaint(i, Figures.color(color));
            r.setSeriesStroke(i, Figures.line());
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        if (yMin != null) {
            y.setRange(yMin, yMax);
        }
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        return Figures.style(chart);
    }
}
