package org.bcikit.experiments.calibration;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;

import org.bcikit.experiments.figures.Figures;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Figures of decoder calibration, rebuild and session design: trajectories (solid) against a
 * reference (dashed) per target, and predicted open-loop velocities per target as spokes from the
 * origin. One colour per target in trajectory figures, one per decoder in the velocity figure.
 */
public final class CalibrationFigures {

    private static final BasicStroke DASHED = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
            new float[] {6f, 5f}, 0f);

    /**
     * One trajectory pair per entry: {@code solid.get(i)} and {@code dashed.get(i)} (T x 2 positions)
     * drawn in colour {@code group[i]}; {@code targets} (K x 2) as hollow circles.
     */
    static JFreeChart trajectories(String title, String subtitle, String solidName, String dashedName,
            List<DMatrixRMaj> solid, List<DMatrixRMaj> dashed, int[] group, DMatrixRMaj targets) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        // one path per series, so the dash pattern runs along the trajectory instead of restarting every bin
        r.setDrawSeriesLineAsPath(true);
        int s = 0;
        for (int i = 0; i < solid.size(); i++) {
            for (int pass = 0; pass < 2; pass++) {
                DMatrixRMaj p = pass == 0 ? solid.get(i) : dashed.get(i);
                String name = pass == 0 ? solidName : dashedName;
                XYSeries series = new XYSeries(i == 0 ? name : name + " " + i, false, true);
                for (int t = 0; t < p.numRows; t++) {
                    series.add(p.get(t, 0), p.get(t, 1));
                }
                data.addSeries(series);
                r.setSeriesPaint(s, Figures.color(group[i]));
                r.setSeriesStroke(s, pass == 0 ? Figures.line() : DASHED);
                // the legend names the two line styles once, not every trial
                r.setSeriesVisibleInLegend(s, i == 0);
                s++;
            }
        }
        if (targets.numRows == 0) {
            return chart(title, subtitle, new XYPlot(data, new NumberAxis("x position"), new NumberAxis("y position"), r));
        }
        XYSeries t = new XYSeries("targets", false, true);
        for (int k = 0; k < targets.numRows; k++) {
            t.add(targets.get(k, 0), targets.get(k, 1));
        }
        data.addSeries(t);
        r.setSeriesLinesVisible(s, false);
        r.setSeriesShapesVisible(s, true);
        r.setSeriesShapesFilled(s, false);
        r.setSeriesShape(s, new Ellipse2D.Double(-8, -8, 16, 16));
        r.setSeriesPaint(s, Color.DARK_GRAY);
        XYPlot plot = new XYPlot(data, new NumberAxis("x position"), new NumberAxis("y position"), r);
        return chart(title, subtitle, plot);
    }

    /**
     * Predicted open-loop velocity per target (K x 2 each) of several decoders, as spokes from
     * the origin ending in a marker; {@code names} label the decoders.
     */
    static JFreeChart velocities(String title, String subtitle, List<String> names, List<DMatrixRMaj> velocities) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < names.size(); i++) {
            DMatrixRMaj v = velocities.get(i);
            XYSeries series = new XYSeries(names.get(i), false, true);
            for (int k = 0; k < v.numRows; k++) {
                series.add(0, 0);
                series.add(v.get(k, 0), v.get(k, 1));
            }
            data.addSeries(series);
            r.setSeriesPaint(i, i == 0 ? Color.BLACK : Figures.color(i - 1));
            r.setSeriesStroke(i, i == 0 ? Figures.line() : DASHED);
            r.setSeriesShape(i, new Ellipse2D.Double(-4, -4, 8, 8));
        }
        XYPlot plot = new XYPlot(data, new NumberAxis("predicted velocity x"), new NumberAxis("predicted velocity y"), r);
        return chart(title, subtitle, plot);
    }

    private static JFreeChart chart(String title, String subtitle, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        Figures.style(chart);
        return chart;
    }

    private CalibrationFigures() {
    }
}
