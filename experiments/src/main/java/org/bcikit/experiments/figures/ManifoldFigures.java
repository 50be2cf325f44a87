package org.bcikit.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Locale;

import org.bcikit.manifold.fa.Dimensionality;
import org.bcikit.manifold.fa.FactorModel;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Figures of a fitted intrinsic manifold: the cross-validation curve and the shared-variance spectrum. */
public final class ManifoldFigures {

    private ManifoldFigures() {
    }

    /** Held-out log-likelihood per sample against the number of factors, the chosen d marked. */
    public static JFreeChart crossValidation(Dimensionality dim) {
        XYSeries cv = new XYSeries("held-out log-likelihood");
        int[] d = dim.candidates();
        double[] ll = dim.crossValidatedLogLikelihood();
        for (int k = 0; k < d.length; k++) {
            cv.add(d[k], ll[k]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(Locale.ROOT, "%d-fold cross-validation: best d = %d", dim.folds(), dim.bestDims()),
                "number of factors d", "held-out log-likelihood per sample", new XYSeriesCollection(cv),
                PlotOrientation.VERTICAL, false, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(lineWithPoints(0));
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.addDomainMarker(marker(dim.bestDims()));
        return Figures.style(chart);
    }

    /**
     * Shared variance of each orthonormalised dimension as a fraction of the total, and its
     * cumulative sum with the 95% level and the dimension that reaches it.
     */
    public static JFreeChart sharedVariance(FactorModel model, double fraction) {
        double[] sv = model.sharedVariance();
        double[] cum = model.sharedVarianceExplained();
        double total = 0;
        for (double v : sv) {
            total += v;
        }
        XYSeries each = new XYSeries("each dimension");
        XYSeries running = new XYSeries("cumulative");
        for (int k = 0; k < sv.length; k++) {
            each.add(k + 1, total > 0 ? sv[k] / total : 0);
            running.add(k + 1, cum[k]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(each);
        data.addSeries(running);
        int reach = model.dimsForSharedVariance(fraction);
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format(Locale.ROOT, "Shared variance (d = %d): %.0f%% in %d dimension%s", model.dims(),
                        100 * fraction, reach, reach == 1 ? "" : "s"),
                "orthonormalised dimension", "fraction of shared variance", data,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYLineAndShapeRenderer r = lineWithPoints(0);
        r.setSeriesPaint(1, Figures.color(1));
        r.setSeriesStroke(1, Figures.line());
        r.setSeriesShapesVisible(1, true);
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 1.02);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        ValueMarker level = new ValueMarker(fraction, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        plot.addRangeMarker(level);
        plot.addDomainMarker(marker(reach));
        return Figures.style(chart);
    }

    private static XYLineAndShapeRenderer lineWithPoints(int colour) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, Figures.color(colour));
        r.setSeriesStroke(0, Figures.line());
        return r;
    }

    private static ValueMarker marker(double x) {
        return new ValueMarker(x, Color.GRAY, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                10f, new float[] {6f, 4f}, 0f));
    }
}
