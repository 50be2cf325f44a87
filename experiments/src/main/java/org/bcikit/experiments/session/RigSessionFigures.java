package org.bcikit.experiments.session;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;

import org.bcikit.data.mat.RigSession;
import org.bcikit.decoders.rig.RigProgress;
import org.bcikit.experiments.figures.Figures;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedRangeXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The figures of a real-session analysis (Golub et al. 2018, Nat Neurosci 21:607, Figs. 2-3):
 * progress per target under each mapping before and after learning, and the per-target clouds
 * of population activity in the first two orthonormalised factor dimensions, before vs after.
 */
public final class RigSessionFigures {

    private RigSessionFigures() {
    }

    /** Mean progress per target: intuitive and perturbed mapping, dashed before and solid after learning. */
    public static JFreeChart progress(RigSessionAnalysis a) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        int s = 0;
        for (String mapping : List.of("intuitive", "perturbed")) {
            for (String epoch : List.of("before", "after")) {
                RigProgress p = a.progress(mapping, epoch);
                XYSeries series = new XYSeries(mapping + " mapping, " + epoch + " learning (mean "
                        + String.format(java.util.Locale.ROOT, "%.1f", p.mean()) + ")");
                for (int k = 0; k < p.perTarget().length; k++) {
                    series.add(p.anglesDegrees()[k], p.perTarget()[k]);
                }
                data.addSeries(series);
                Color c = Figures.color(mapping.equals("intuitive") ? 0 : 1);
                r.setSeriesPaint(s, c);
                r.setSeriesStroke(s, epoch.equals("before")
                        ? new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f)
                        : Figures.line());
                r.setSeriesShape(s, new Ellipse2D.Double(-4, -4, 8, 8));
                r.setSeriesShapesFilled(s, epoch.equals("after"));
                s++;
            }
        }
        NumberAxis x = new NumberAxis("target direction (degrees)");
        x.setRange(-10, 325);
        x.setTickUnit(new NumberTickUnit(45));
        NumberAxis y = new NumberAxis("progress toward target (mm/s)");
        XYPlot plot = new XYPlot(data, x, y, r);
        RigSession session = a.session();
        JFreeChart chart = new JFreeChart("Progress per target, before vs after learning",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle(session) + "; raw decoded velocity . cursor-to-target direction",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        return Figures.style(chart);
    }

    /**
     * The per-target clouds of orthonormalised factor activity (dimensions 1 and 2), before
     * learning on the left and after on the right; large markers are the cloud means (the right
     * panel also shows the before-learning means, hollow).
     */
    public static JFreeChart factorClouds(RigSessionAnalysis a) {
        RigSession session = a.session();
        List<RigSession.Cloud> before = session.before().clouds();
        double[][] beforeMeans = new double[before.size()][];
        NumberAxis y = new NumberAxis("orthonormalised factor 2");
        CombinedRangeXYPlot plot = new CombinedRangeXYPlot(y);
        plot.setGap(12);
        double[] xRange = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (RigSession.Epoch e : List.of(session.before(), session.after())) {
            boolean isBefore = e.name().equals("before");
            XYSeriesCollection data = new XYSeriesCollection();
            XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
            List<RigSession.Cloud> clouds = e.clouds();
            int s = 0;
            for (int k = 0; k < clouds.size(); k++) {
                RigSession.Cloud c = clouds.get(k);
                DMatrixRMaj z = a.decoders().orthonormalisedFactors(c.spikes());
                XYSeries pts = new XYSeries(e.name() + " " + k + " points");
                double mx = 0;
                double my = 0;
                for (int t = 0; t < z.numRows; t++) {
                    pts.add(z.get(t, 0), z.get(t, 1));
                    xRange[0] = Math.min(xRange[0], z.get(t, 0));
                    xRange[1] = Math.max(xRange[1], z.get(t, 0));
                    mx += z.get(t, 0) / z.numRows;
                    my += z.get(t, 1) / z.numRows;
                }
                Color col = Figures.color(k);
                data.addSeries(pts);
                Color light = new Color(col.getRed(), col.getGreen(), col.getBlue(), 90);
                r.setSeriesPaint(s, light);
                r.setSeriesOutlinePaint(s, light);
                r.setSeriesShape(s, new Ellipse2D.Double(-2.5, -2.5, 5, 5));
                r.setSeriesVisibleInLegend(s, false);
                s++;
                XYSeries mean = new XYSeries(fmtAngle(c.angleDegrees()));
                mean.add(mx, my);
                data.addSeries(mean);
                r.setSeriesPaint(s, col);
                r.setSeriesShape(s, new Ellipse2D.Double(-7, -7, 14, 14));
                r.setSeriesOutlinePaint(s, Color.BLACK);
                r.setSeriesVisibleInLegend(s, isBefore);
                s++;
                if (isBefore) {
                    beforeMeans[k] = new double[] {mx, my};
                } else if (k < beforeMeans.length && beforeMeans[k] != null) {
                    XYSeries old = new XYSeries(fmtAngle(c.angleDegrees()) + " before");
                    old.add(beforeMeans[k][0], beforeMeans[k][1]);
                    data.addSeries(old);
                    r.setSeriesPaint(s, col);
                    r.setSeriesShape(s, new Ellipse2D.Double(-7, -7, 14, 14));
                    r.setSeriesShapesFilled(s, false);
                    r.setSeriesOutlinePaint(s, col);
                    r.setSeriesOutlineStroke(s, new BasicStroke(2f));
                    r.setSeriesStroke(s, new BasicStroke(2f));
                    r.setSeriesVisibleInLegend(s, false);
                    s++;
                }
            }
            r.setUseOutlinePaint(true);
            XYPlot sub = new XYPlot(data, new NumberAxis("orthonormalised factor 1, " + e.name() + " learning"), null, r);
            Figures.styleXY(sub);
            plot.add(sub, 1);
        }
        JFreeChart chart = new JFreeChart("Factor activity per target, before vs after learning",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle(session) + "; large markers: cloud means (hollow: before learning)",
                new Font(Font.SANS_SERIF, Font.PLAIN, 13)));
        Figures.style(chart);
        double pad = 0.04 * (xRange[1] - xRange[0]);
        for (Object sub : plot.getSubplots()) {
            XYPlot xy = Figures.styleXY((XYPlot) sub);
            // the same scale in both panels, so a shift of the clouds is visible
            xy.getDomainAxis().setRange(xRange[0] - pad, xRange[1] + pad);
        }
        y.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        y.setTickLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }

    private static String subtitle(RigSession s) {
        return "monkey " + s.monkey() + ", " + s.date() + ", " + s.intuitive().units() + " units, "
                + s.before().clouds().get(0).bins() + " bins per target";
    }

    private static String fmtAngle(double deg) {
        return (deg == Math.rint(deg) ? Long.toString((long) deg) : Double.toString(deg)) + "\u00b0";
    }
}
