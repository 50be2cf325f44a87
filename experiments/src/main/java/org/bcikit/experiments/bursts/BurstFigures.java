package org.bcikit.experiments.bursts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;

import org.bcikit.data.bursts.BurstStatistics;
import org.bcikit.data.bursts.BurstTimeCourse;
import org.bcikit.experiments.figures.Figures;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Charts of the burst code (Naud &amp; Sprekeler, PNAS 115:E6329, 2018): ER(t) above BF(t) for one
 * condition, and each unit's burst fraction against its Poisson null.
 */
public final class BurstFigures {

    private BurstFigures() {
    }

    /** ER(t) (top) and BF(t) (bottom) of one condition; bins without events leave gaps in BF(t). */
    public static JFreeChart timeCourse(BurstTimeCourse c, double theta, String alignedTo) {
        double[] t = c.binCentres();
        double[] er = c.eventRate();
        double[] bf = c.burstFraction();
        XYSeries erSeries = new XYSeries("event rate", false, true);
        XYSeries bfSeries = new XYSeries("burst fraction", false, true);
        for (int k = 0; k < t.length; k++) {
            erSeries.add(t[k], er[k]);
            bfSeries.add(t[k], Double.isNaN(bf[k]) ? null : bf[k]);
        }
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(new NumberAxis("time from " + alignedTo + " (s)"));
        plot.add(panel(erSeries, "event rate (Hz per unit)", 0), 1);
        XYPlot bottom = panel(bfSeries, "burst fraction", 1);
        ((NumberAxis) bottom.getRangeAxis()).setRange(0, 1);
        plot.add(bottom, 1);
        String title = String.format(Locale.ROOT, "%s: %d trials, θ = %.1f ms, %.0f ms bins", c.condition(),
                c.trials(), 1000 * theta, 1000 * c.binWidth());
        return Figures.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false));
    }

    /** Burst fraction (y) against the Poisson null at each unit's rate (x), with the identity line. */
    public static JFreeChart versusNull(List<BurstStatistics> units, double theta) {
        XYSeries points = new XYSeries("units", false, true);
        for (BurstStatistics s : units) {
            if (!Double.isNaN(s.burstFraction()) && !Double.isNaN(s.poissonBurstFraction())) {
                points.add(s.poissonBurstFraction(), s.burstFraction());
            }
        }
        XYSeries identity = new XYSeries("Poisson (BF = null)", false, true);
        identity.add(0, 0);
        identity.add(1, 1);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(points);
        data.addSeries(identity);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        r.setSeriesLinesVisible(0, false);
        r.setSeriesShapesVisible(0, true);
        r.setSeriesPaint(0, Figures.color(0));
        r.setSeriesLinesVisible(1, true);
        r.setSeriesShapesVisible(1, false);
        r.setSeriesPaint(1, Color.GRAY);
        r.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        NumberAxis x = new NumberAxis("Poisson null 1 − exp(−rate θ)");
        NumberAxis y = new NumberAxis("burst fraction");
        x.setRange(0, 1);
        y.setRange(0, 1);
        XYPlot plot = new XYPlot(data, x, y, r);
        String title = String.format(Locale.ROOT, "Burst fraction vs Poisson null, %d units, θ = %.1f ms",
                points.getItemCount(), 1000 * theta);
        return Figures.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }

    private static XYPlot panel(XYSeries s, String label, int colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        r.setSeriesPaint(0, Figures.color(colour));
        r.setSeriesStroke(0, Figures.line());
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(true);
        return new XYPlot(new XYSeriesCollection(s), null, y, r);
    }
}
