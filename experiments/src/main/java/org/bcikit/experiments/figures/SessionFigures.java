package org.bcikit.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticSession;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** Figures that show what a session holds: a count raster and the units' directional tuning. */
public final class SessionFigures {

    private SessionFigures() {
    }

    /** Spike counts of the first {@code trials} trials, units by time, darker for more spikes. */
    public static JFreeChart raster(Recording r, int trials) {
        int n = Math.min(trials, r.trials().size());
        List<double[]> cells = new ArrayList<>();
        double max = 1;
        int offset = 0;
        for (int k = 0; k < n; k++) {
            Trial t = r.trials().get(k);
            for (int b = 0; b < t.bins(); b++) {
                for (int u = 0; u < t.units(); u++) {
                    double c = t.count(b, u);
                    cells.add(new double[] {(offset + b + 0.5) * r.binWidth(), u, c});
                    max = Math.max(max, c);
                }
            }
            offset += t.bins();
        }
        double[][] xyz = new double[3][cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            for (int j = 0; j < 3; j++) {
                xyz[j][i] = cells.get(i)[j];
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("counts", xyz);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setBlockWidth(r.binWidth());
        renderer.setBlockHeight(1);
        LookupPaintScale scale = new LookupPaintScale(0, max + 1, Color.WHITE);
        for (int c = 1; c <= max; c++) {
            int grey = (int) Math.round(225 * (1 - c / max));
            scale.add(c, new Color(grey, grey, grey));
        }
        renderer.setPaintScale(scale);
        NumberAxis time = new NumberAxis("time (s), first " + n + " trials");
        NumberAxis unit = new NumberAxis("unit");
        unit.setRange(-0.5, r.units() - 0.5);
        time.setRange(0, offset * r.binWidth());
        XYPlot plot = new XYPlot(data, time, unit, renderer);
        JFreeChart chart = new JFreeChart("Spike counts per " + Math.round(r.binWidth() * 1000) + " ms bin",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        NumberAxis countAxis = new NumberAxis("count");
        countAxis.setRange(0, max + 1);
        countAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        PaintScaleLegend legend = new PaintScaleLegend(scale, countAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        return Figures.style(chart);
    }

    /**
     * Mean count per bin against target angle for the {@code units} most modulated units:
     * points from the recording, lines from the model's expected counts over the same reaches.
     */
    public static JFreeChart tuning(SyntheticSession s, int units) {
        Recording r = s.recording();
        int k = s.config().targets();
        int q = r.units();
        double[][] recorded = new double[k][q];
        double[][] expected = new double[k][q];
        int[] bins = new int[k];
        boolean[] modelled = new boolean[k];
        double[] e = new double[q];
        for (Trial t : r.trials()) {
            int c = t.target().conditionId();
            DMatrixRMaj v = t.cursorVelocity();
            for (int b = 0; b < t.bins(); b++) {
                for (int u = 0; u < q; u++) {
                    recorded[c][u] += t.count(b, u);
                }
                if (!modelled[c]) {
                    s.expectedCounts(v.get(b, 0), v.get(b, 1), e);
                    for (int u = 0; u < q; u++) {
                        expected[c][u] += e[u] / t.bins();
                    }
                }
            }
            modelled[c] = true;
            bins[c] += t.bins();
        }
        Integer[] order = new Integer[q];
        double[] depth = new double[q];
        for (int u = 0; u < q; u++) {
            order[u] = u;
            double lo = Double.MAX_VALUE;
            double hi = 0;
            for (int c = 0; c < k; c++) {
                lo = Math.min(lo, expected[c][u]);
                hi = Math.max(hi, expected[c][u]);
            }
            depth[u] = (hi - lo) / (hi + lo);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(depth[b], depth[a]));
        XYSeriesCollection data = new XYSeriesCollection();
        int shown = Math.min(units, q);
        for (int i = 0; i < shown; i++) {
            int u = order[i];
            XYSeries rec = new XYSeries("unit " + r.unitIds().get(u));
            XYSeries model = new XYSeries("unit " + r.unitIds().get(u) + " model");
            for (int c = 0; c <= k; c++) {
                int cc = c % k;
                double angle = 360.0 * c / k;
                if (c < k && bins[cc] > 0) {
                    rec.add(angle, recorded[cc][u] / bins[cc]);
                }
                model.add(angle, expected[cc][u]);
            }
            data.addSeries(rec);
            data.addSeries(model);
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Directional tuning (points: recorded, lines: model)",
                "target direction (degrees)", "mean count per bin", data, PlotOrientation.VERTICAL, true, false, false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        for (int i = 0; i < shown; i++) {
            renderer.setSeriesPaint(2 * i, Figures.color(i));
            renderer.setSeriesLinesVisible(2 * i, false);
            renderer.setSeriesShapesVisible(2 * i, true);
            renderer.setSeriesPaint(2 * i + 1, Figures.color(i));
            renderer.setSeriesShapesVisible(2 * i + 1, false);
            renderer.setSeriesStroke(2 * i + 1, new BasicStroke(2f));
            renderer.setSeriesVisibleInLegend(2 * i + 1, false);
        }
        chart.getXYPlot().setRenderer(renderer);
        ((NumberAxis) chart.getXYPlot().getDomainAxis()).setRange(0, 360);
        return Figures.style(chart);
    }
}
