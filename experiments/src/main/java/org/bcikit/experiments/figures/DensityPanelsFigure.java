package org.bcikit.experiments.figures;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Distributions drawn as density lines in stacked panels over a shared x axis: histograms (as
 * step outlines normalised to unit area, so samples of different sizes compare) and fitted
 * densities (dashed). Every panel should hold the same series names (such as one line per
 * inhibitory fraction in a panel per network structure), distinct within a panel: the single
 * legend is the first panel's.
 */
public final class DensityPanelsFigure {

    private record Line(String name, int color, double[] x, double[] y, boolean dashed) {
    }

    private record Panel(String label, List<Line> lines) {
    }

    private final String title;
    private final String xLabel;
    private final List<Panel> panels = new ArrayList<>();

    public DensityPanelsFigure(String title, String xLabel) {
        this.title = title;
        this.xLabel = xLabel;
    }

    /** Starts a new panel whose y axis is labelled {@code label}; later lines go into it. Returns this. */
    public DensityPanelsFigure panel(String label) {
        panels.add(new Panel(label, new ArrayList<>()));
        return this;
    }

    /**
     * Adds the histogram of {@code values} over {@code bins} equal bins on [lo, hi] (values outside
     * are left out), normalised to unit area over the values inside. Returns this.
     */
    public DensityPanelsFigure histogram(String name, int color, double[] values, double lo, double hi, int bins) {
        double[] count = new double[bins];
        double width = (hi - lo) / bins;
        int inside = 0;
        for (double v : values) {
            if (v >= lo && v <= hi && Double.isFinite(v)) {
                count[Math.min(bins - 1, (int) ((v - lo) / width))]++;
                inside++;
            }
        }
        double[] x = new double[2 * bins + 2];
        double[] y = new double[2 * bins + 2];
        x[0] = lo;
        for (int b = 0; b < bins; b++) {
            double density = inside == 0 ? 0.0 : count[b] / (inside * width);
            x[2 * b + 1] = lo + b * width;
            y[2 * b + 1] = density;
            x[2 * b + 2] = lo + (b + 1) * width;
            y[2 * b + 2] = density;
        }
        x[2 * bins + 1] = hi;
        return add(new Line(name, color, x, y, false));
    }

    /** Adds a density curve {@code y(x)}, dashed when {@code dashed}. Returns this. */
    public DensityPanelsFigure curve(String name, int color, double[] x, double[] y, boolean dashed) {
        return add(new Line(name, color, x.clone(), y.clone(), dashed));
    }

    private DensityPanelsFigure add(Line line) {
        if (panels.isEmpty()) {
            panel("density");
        }
        panels.get(panels.size() - 1).lines().add(line);
        return this;
    }

    /** The styled chart. */
    public JFreeChart chart() {
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(10);
        for (Panel p : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
            for (int i = 0; i < p.lines().size(); i++) {
                Line l = p.lines().get(i);
                XYSeries s = new XYSeries(l.name(), false, true);
                for (int k = 0; k < l.x().length; k++) {
                    s.add(l.x()[k], l.y()[k]);
                }
                data.addSeries(s);
                r.setSeriesPaint(i, Figures.color(l.color()));
                r.setSeriesStroke(i, l.dashed()
                        ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 4f}, 0f)
                        : Figures.line());
            }
            NumberAxis y = new NumberAxis(p.label());
            combined.add(new XYPlot(data, null, y, r), 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        if (!combined.getSubplots().isEmpty()) {
            LegendTitle legend = new LegendTitle((XYPlot) combined.getSubplots().get(0));
            legend.setPosition(RectangleEdge.BOTTOM);
            chart.addSubtitle(legend);
        }
        return Figures.style(chart);
    }
}
