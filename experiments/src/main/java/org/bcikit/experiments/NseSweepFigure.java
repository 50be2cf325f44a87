package org.bcikit.experiments;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The dale-spectrum summary: NSE (top) and the final adding-problem loss of the trained sizes
 * (bottom) against the inhibitory fraction, mean +/- s.e.m. over seeds, one line per structure and
 * size: colour says the structure, the dash pattern the size (nine lines would run out of the
 * palette's distinguishable colours).
 */
final class NseSweepFigure {

    private static final float[][] DASHES = {null, {8f, 5f}, {2f, 4f}, {12f, 4f, 2f, 4f}};

    private NseSweepFigure() {
    }

    static JFreeChart chart(ExperimentResults results) {
        Map<String, List<ConditionSummary>> lines = new LinkedHashMap<>();
        List<Integer> sizes = new ArrayList<>();
        for (ConditionSummary c : results.conditions()) {
            DaleSpectrumExperiment.Params p = DaleSpectrumExperiment.parameters(results, c);
            lines.computeIfAbsent(p.structure() + " N=" + p.units(), k -> new ArrayList<>()).add(c);
            if (!sizes.contains(p.units())) {
                sizes.add(p.units());
            }
        }
        LogAxis x = new LogAxis("inhibitory fraction nI / (nE + nI) (log scale)");
        x.setSmallestValue(1e-6);
        x.setTickUnit(new NumberTickUnit(1.0));
        x.setNumberFormatOverride(new java.text.DecimalFormat("0.###"));
        x.setMinorTickCount(9);
        x.setMinorTickMarksVisible(true);
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        combined.add(panel(results, lines, sizes, "NSE", "nse"), 3);
        combined.add(panel(results, lines, sizes, "final loss (MSE / var)", "finalLoss"), 2);
        JFreeChart chart = new JFreeChart("Normalised SVD entropy and learning vs inhibitory fraction ("
                + results.plan().name() + ")", JFreeChart.DEFAULT_TITLE_FONT, combined, false);
        LegendTitle legend = new LegendTitle((XYPlot) combined.getSubplots().get(0));
        legend.setPosition(RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        return Figures.style(chart);
    }

    private static XYPlot panel(ExperimentResults results, Map<String, List<ConditionSummary>> lines,
            List<Integer> sizes, String label, String metric) {
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setDefaultLinesVisible(true);
        r.setDefaultShapesVisible(true);
        int i = 0;
        for (Map.Entry<String, List<ConditionSummary>> e : lines.entrySet()) {
            YIntervalSeries s = new YIntervalSeries(e.getKey());
            DaleSpectrumExperiment.Params first = null;
            for (ConditionSummary c : e.getValue()) {
                DaleSpectrumExperiment.Params p = DaleSpectrumExperiment.parameters(results, c);
                first = first == null ? p : first;
                double m = c.metric(metric);
                double sem = c.metric(metric + "Sem");
                if (Double.isFinite(m)) {
                    sem = Double.isFinite(sem) ? sem : 0.0;
                    s.add(p.inhibitoryFraction(), m, m - sem, m + sem);
                }
            }
            data.addSeries(s);
            r.setSeriesPaint(i, Figures.color(DaleSpectrumExperiment.STRUCTURES.indexOf(first.structure())));
            float[] dash = DASHES[sizes.indexOf(first.units()) % DASHES.length];
            r.setSeriesStroke(i, dash == null ? Figures.line()
                    : new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, dash, 0f));
            i++;
        }
        r.setErrorPaint(null);
        NumberAxis y = new NumberAxis(label);
        y.setAutoRangeIncludesZero(false);
        return new XYPlot(data, null, y, r);
    }
}
