package org.bcikit.experiments.results;

import java.awt.Color;
import java.util.Arrays;

import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.api.ScalarStats;
import org.bcikit.experiments.figures.Figures;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.statistics.HistogramDataset;
import org.jfree.data.statistics.HistogramType;

/**
 * The distribution of one per-run scalar across seeds (sessions), one translucent histogram per
 * condition in its condition colour, on shared bins; the legend gives each condition's mean
 * +/- s.e.m. and n. Used for amount-of-learning distributions (Sadtler et al. 2014, Fig. 2).
 */
public final class DistributionFigure {

    private DistributionFigure() {
    }

    /** Histograms of scalar {@code name} for every condition of {@code results}. */
    public static JFreeChart of(ExperimentResults results, String name, String title, String xLabel, int bins) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (ConditionSummary c : results.conditions()) {
            ScalarStats s = c.scalars().get(name);
            if (s == null) {
                continue;
            }
            for (double v : s.values()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(lo <= hi)) {
            lo = 0;
            hi = 1;
        }
        if (hi - lo < 1e-9) {
            lo -= 0.5;
            hi += 0.5;
        }
        HistogramDataset data = new HistogramDataset();
        data.setType(HistogramType.FREQUENCY);
        XYBarRenderer r = new XYBarRenderer(0.05);
        r.setBarPainter(new StandardXYBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(true);
        int series = 0;
        for (ConditionSummary c : results.conditions()) {
            ScalarStats s = c.scalars().get(name);
            if (s == null) {
                continue;
            }
            double[] finite = Arrays.stream(s.values()).filter(Double::isFinite).toArray();
            if (finite.length == 0) {
                continue;
            }
            String label = String.format("%s: %.2f \u00b1 %.2f (n = %d)", c.name(), s.mean(),
                    Double.isFinite(s.sem()) ? s.sem() : 0, s.n());
            data.addSeries(label, finite, bins, lo, hi);
            Color col = Figures.color(c.index());
            r.setSeriesPaint(series, new Color(col.getRed(), col.getGreen(), col.getBlue(), 110));
            r.setSeriesOutlinePaint(series, col);
            series++;
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("sessions");
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYPlot plot = new XYPlot(data, x, y, r);
        return Figures.style(new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true));
    }
}
