package org.bcikit.experiments.internalmodel;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Locale;

import org.bcikit.data.Trial;
import org.bcikit.decoders.internalmodel.AngularErrors;
import org.bcikit.decoders.internalmodel.Whisker;
import org.bcikit.experiments.figures.Figures;
import org.ejml.data.DMatrixRMaj;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The two figures of internal model estimation users know from Golub, Yu &amp; Chase 2015
 * (eLife 4:e10015): the angular errors of the cursor and of the internal model (Fig. 3C), and one
 * trial's cursor trajectory with the subject's internal predictions at every step (the
 * "whiskers" of Fig. 4A,B).
 */
public final class InternalModelFigures {

    private static final Font SUBTITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

    private InternalModelFigures() {
    }

    /** Per-trial errors (small points, paired trials side by side) and mean ± s.e.m. (large marker, bar). */
    public static JFreeChart angularErrors(AngularErrors e, String subtitle) {
        XYSeriesCollection points = new XYSeriesCollection();
        XYSeries cursor = new XYSeries("cursor, per trial");
        XYSeries model = new XYSeries("internal model, per trial");
        double[] c = e.cursor();
        double[] m = e.internalModel();
        for (int k = 0; k < c.length; k++) {
            // a deterministic spread so points of one column do not sit on top of each other
            double jitter = 0.25 * (((k * 0.6180339887) % 1.0) - 0.5);
            if (Double.isFinite(c[k])) {
                cursor.add(1 + jitter, c[k]);
            }
            if (Double.isFinite(m[k])) {
                model.add(2 + jitter, m[k]);
            }
        }
        points.addSeries(cursor);
        points.addSeries(model);
        XYLineAndShapeRenderer pr = new XYLineAndShapeRenderer(false, true);
        for (int s = 0; s < 2; s++) {
            Color col = Figures.color(s);
            pr.setSeriesPaint(s, new Color(col.getRed(), col.getGreen(), col.getBlue(), 110));
            pr.setSeriesShape(s, new Ellipse2D.Double(-3, -3, 6, 6));
        }
        YIntervalSeriesCollection means = new YIntervalSeriesCollection();
        YIntervalSeries ms = new YIntervalSeries("mean \u00b1 s.e.m. over trials");
        ms.add(1, e.cursorMean(), e.cursorMean() - e.cursorSem(), e.cursorMean() + e.cursorSem());
        ms.add(2, e.internalModelMean(), e.internalModelMean() - e.internalModelSem(),
                e.internalModelMean() + e.internalModelSem());
        means.addSeries(ms);
        XYErrorRenderer er = new XYErrorRenderer();
        er.setDrawXError(false);
        er.setErrorPaint(Color.BLACK);
        er.setErrorStroke(new BasicStroke(2.5f));
        er.setCapLength(14);
        er.setSeriesPaint(0, Color.BLACK);
        er.setSeriesShape(0, new Ellipse2D.Double(-7, -7, 14, 14));
        er.setSeriesLinesVisible(0, false);

        SymbolAxis x = new SymbolAxis(null, new String[] {"", "cursor", "internal model"});
        x.setRange(0.4, 2.6);
        x.setGridBandsVisible(false);
        NumberAxis y = new NumberAxis("absolute angular error (degrees)");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(means, x, y, er);
        plot.setDataset(1, points);
        plot.setRenderer(1, pr);
        JFreeChart chart = new JFreeChart("Angular aiming errors: cursor vs internal model",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle + String.format(Locale.ROOT,
                "; cursor %.2f \u00b1 %.2f, internal model %.2f \u00b1 %.2f degrees (n = %d trials)", e.cursorMean(),
                e.cursorSem(), e.internalModelMean(), e.internalModelSem(), e.validTrials()), SUBTITLE));
        return Figures.style(chart);
    }

    /**
     * One trial: the target (filled, radius {@code targetRadius}) in its acceptance circle (radius
     * cursor + target), the cursor trajectory, and at each step the whisker of internal position
     * predictions from the last seen position to p̃_t (marked), with the intended step p̃_t + ṽ_t.
     */
    public static JFreeChart whiskers(Trial trial, List<Whisker> whiskers, double cursorRadius, double targetRadius,
            String subtitle) {
        XYSeriesCollection data = new XYSeriesCollection(); // autoSort off below keeps paths in order
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
        int s = 0;
        double gx = trial.target().x();
        double gy = trial.target().y();
        XYSeries target = circle("target", gx, gy, targetRadius);
        data.addSeries(target);
        Color green = new Color(0, 158, 115);
        r.setSeriesPaint(s, green);
        r.setSeriesStroke(s, new BasicStroke(3f));
        s++;
        data.addSeries(circle("acceptance zone (cursor + target radius)", gx, gy, cursorRadius + targetRadius));
        r.setSeriesPaint(s, green);
        r.setSeriesStroke(s, new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                new float[] {5f, 4f}, 0f));
        s++;
        XYSeries path = new XYSeries("cursor", false, true);
        DMatrixRMaj p = trial.cursorPosition();
        for (int t = 0; t < p.numRows; t++) {
            path.add(p.get(t, 0), p.get(t, 1));
        }
        data.addSeries(path);
        r.setSeriesPaint(s, Color.BLACK);
        r.setSeriesStroke(s, new BasicStroke(2f));
        r.setSeriesShapesVisible(s, true);
        r.setSeriesShape(s, new Ellipse2D.Double(-3.5, -3.5, 7, 7));
        r.setSeriesShapesFilled(s, false);
        s++;
        Color red = new Color(213, 94, 0);
        boolean first = true;
        for (Whisker w : whiskers) {
            XYSeries chain = new XYSeries(first ? "internal predictions p\u0303 (whiskers)" : "whisker " + w.step(),
                    false, true);
            int last = w.states() - 1;
            for (int k = 0; k <= last; k++) {
                chain.add(w.positionX(k), w.positionY(k));
            }
            data.addSeries(chain);
            r.setSeriesPaint(s, red);
            r.setSeriesStroke(s, new BasicStroke(1.5f));
            r.setSeriesShapesVisible(s, true);
            r.setSeriesShape(s, new Ellipse2D.Double(-2, -2, 4, 4));
            r.setSeriesVisibleInLegend(s, first);
            s++;
            XYSeries aim = new XYSeries(first ? "intended step p\u0303 + \u1e7d" : "aim " + w.step(), false, true);
            aim.add(w.positionX(last), w.positionY(last));
            aim.add(w.positionX(last) + w.velocityX(last), w.positionY(last) + w.velocityY(last));
            data.addSeries(aim);
            r.setSeriesPaint(s, red);
            r.setSeriesStroke(s, new BasicStroke(1f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[] {3f, 3f}, 0f));
            r.setSeriesVisibleInLegend(s, first);
            s++;
            first = false;
        }
        NumberAxis x = new NumberAxis("x position");
        NumberAxis y = new NumberAxis("y position");
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, r);
        JFreeChart chart = new JFreeChart("Internal predictions of the cursor along one trial",
                JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        Figures.style(chart);
        equalScale(plot, data);
        return chart;
    }

    /** Held-out log-likelihood and angular errors over candidate TAUs. */
    public static JFreeChart tauSweep(List<InternalModelAnalysis.Candidate> candidates, String subtitle) {
        XYSeriesCollection ll = new XYSeriesCollection();
        XYSeries lls = new XYSeries("log-likelihood of the targets");
        XYSeriesCollection err = new XYSeriesCollection();
        XYSeries cs = new XYSeries("cursor angular error");
        XYSeries ms = new XYSeries("internal model angular error");
        for (InternalModelAnalysis.Candidate c : candidates) {
            lls.add(c.tau(), c.heldOutLogLikelihood());
            cs.add(c.tau(), c.cursorError());
            ms.add(c.tau(), c.internalModelError());
        }
        ll.addSeries(lls);
        err.addSeries(cs);
        err.addSeries(ms);
        XYLineAndShapeRenderer r0 = new XYLineAndShapeRenderer(true, true);
        r0.setSeriesPaint(0, Figures.color(2));
        r0.setSeriesStroke(0, Figures.line());
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, true);
        r1.setSeriesPaint(0, Figures.color(0));
        r1.setSeriesPaint(1, Figures.color(1));
        r1.setSeriesStroke(0, Figures.line());
        r1.setSeriesStroke(1, Figures.line());
        NumberAxis x = new NumberAxis("TAU (feedback delay, steps)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y0 = new NumberAxis("log-likelihood");
        y0.setAutoRangeIncludesZero(false);
        NumberAxis y1 = new NumberAxis("angular error (degrees)");
        XYPlot plot = new XYPlot(ll, x, y0, r0);
        plot.setRangeAxis(1, y1);
        plot.setDataset(1, err);
        plot.setRenderer(1, r1);
        plot.mapDatasetToRangeAxis(1, 1);
        JFreeChart chart = new JFreeChart("Choosing the feedback delay TAU", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.addSubtitle(new TextTitle(subtitle, SUBTITLE));
        return Figures.style(chart);
    }

    private static XYSeries circle(String name, double cx, double cy, double radius) {
        XYSeries c = new XYSeries(name, false, true);
        for (int k = 0; k <= 72; k++) {
            double a = 2 * Math.PI * k / 72;
            c.add(cx + radius * Math.cos(a), cy + radius * Math.sin(a));
        }
        return c;
    }

    /** The same scale on both axes, so that circles stay round and angles true ("axis image"). */
    private static void equalScale(XYPlot plot, XYSeriesCollection data) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XYSeries series = data.getSeries(s);
            x0 = Math.min(x0, series.getMinX());
            x1 = Math.max(x1, series.getMaxX());
            y0 = Math.min(y0, series.getMinY());
            y1 = Math.max(y1, series.getMaxY());
        }
        // the default figure is 3:2; give the y range 2/3 of the x span
        double span = Math.max(x1 - x0, 1.5 * (y1 - y0)) * 1.08;
        double cx = (x0 + x1) / 2;
        double cy = (y0 + y1) / 2;
        plot.getDomainAxis().setRange(cx - span / 2, cx + span / 2);
        plot.getRangeAxis().setRange(cy - span / 3, cy + span / 3);
    }
}
