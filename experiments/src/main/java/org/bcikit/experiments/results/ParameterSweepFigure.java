package org.bcikit.experiments.results;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

import com.fasterxml.jackson.databind.JsonNode;
import org.bcikit.experiments.api.ConditionSummary;
import org.bcikit.experiments.api.ExperimentResults;
import org.bcikit.experiments.figures.Figures;

/**
 * Results against a swept numeric parameter (such as the learning rate): one panel per metric,
 * stacked over a shared x axis, one line per group of the other swept settings (such as
 * {@code lazy/WMP}) with s.e.m. error bars. A group keeps the colour of its first condition's
 * position among the groups, in the spec's condition order.
 */
public final class ParameterSweepFigure {

    /** A metric to plot: its axis label and how to read mean and s.e.m. from a condition summary. */
    public record Panel(String yLabel, ToDoubleFunction<ConditionSummary> mean, ToDoubleFunction<ConditionSummary> sem) {
    }

    /** How a group's line looks: a colour index ({@link Figures#color}) and a dash pattern (null: solid). */
    public record LineStyle(int color, float[] dash) {
    }

    private final String title;
    private final String parameter;
    private java.util.function.Function<ConditionSummary, LineStyle> style;
    private final String xLabel;
    private final boolean logX;
    private final List<Panel> panels = new ArrayList<>();

    /**
     * @param parameter the swept parameter path on the x axis (as in the spec's sweep)
     * @param logX      logarithmic x axis (learning rates)
     */
    public ParameterSweepFigure(String title, String parameter, String xLabel, boolean logX) {
        this.title = title;
        this.parameter = parameter;
        this.xLabel = xLabel;
        this.logX = logX;
    }

    /** Adds a panel. Returns this. */
    public ParameterSweepFigure panel(String yLabel, ToDoubleFunction<ConditionSummary> mean,
            ToDoubleFunction<ConditionSummary> sem) {
        panels.add(new Panel(yLabel, mean, sem));
        return this;
    }

    /**
     * Styles each group's line from its first condition (by default group {@code g} gets colour
     * {@code g}, solid), e.g. colour by one swept setting and dashes by another when the groups
     * outnumber the palette. Returns this.
     */
    public ParameterSweepFigure style(java.util.function.Function<ConditionSummary, LineStyle> lineStyle) {
        this.style = lineStyle;
        return this;
    }

    /** The styled chart of {@code results}. */
    public JFreeChart chart(ExperimentResults results) {
        Map<String, List<ConditionSummary>> groups = new LinkedHashMap<>();
        for (ConditionSummary c : results.conditions()) {
            groups.computeIfAbsent(groupName(c), k -> new ArrayList<>()).add(c);
        }
        ValueAxis x = logX ? new LogAxis(xLabel) : new NumberAxis(xLabel);
        if (x instanceof LogAxis) {
            ((LogAxis) x).setSmallestValue(1e-12);
            ((LogAxis) x).setNumberFormatOverride(new java.text.DecimalFormat("0.#####"));
            // decades with minor ticks, the convention for learning-rate axes
            ((LogAxis) x).setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0));
            x.setMinorTickCount(9);
            x.setMinorTickMarksVisible(true);
        }
        CombinedDomainXYPlot combined = new CombinedDomainXYPlot(x);
        combined.setGap(12);
        for (Panel p : panels) {
            YIntervalSeriesCollection data = new YIntervalSeriesCollection();
            XYErrorRenderer r = new XYErrorRenderer();
            r.setDrawXError(false);
            r.setDefaultLinesVisible(true);
            r.setDefaultShapesVisible(true);
            int g = 0;
            for (Map.Entry<String, List<ConditionSummary>> e : groups.entrySet()) {
                YIntervalSeries s = new YIntervalSeries(e.getKey());
                for (ConditionSummary c : e.getValue()) {
                    JsonNode v = c.settings().get(parameter);
                    double m = p.mean().applyAsDouble(c);
                    double err = p.sem().applyAsDouble(c);
                    err = Double.isFinite(err) ? err : 0;
                    if (v != null && v.isNumber() && Double.isFinite(m)) {
                        s.add(v.asDouble(), m, m - err, m + err);
                    }
                }
                data.addSeries(s);
                LineStyle look = style == null ? new LineStyle(g, null) : style.apply(e.getValue().get(0));
                r.setSeriesPaint(g, Figures.color(look.color()));
                r.setSeriesStroke(g, look.dash() == null ? Figures.line() : new java.awt.BasicStroke(2.5f,
                        java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_ROUND, 1f, look.dash(), 0f));
                r.setErrorPaint(null);
                g++;
            }
            NumberAxis y = new NumberAxis(p.yLabel());
            y.setAutoRangeIncludesZero(false);
            XYPlot plot = new XYPlot(data, null, y, r);
            combined.add(plot, 1);
        }
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, combined, true);
        // one legend: every panel has the same series
        chart.removeLegend();
        org.jfree.chart.title.LegendTitle legend = new org.jfree.chart.title.LegendTitle(combined.getSubplots().isEmpty()
                ? combined : (XYPlot) combined.getSubplots().get(0));
        legend.setPosition(org.jfree.chart.ui.RectangleEdge.BOTTOM);
        chart.addSubtitle(legend);
        return Figures.style(chart);
    }

    private String groupName(ConditionSummary c) {
        List<String> parts = new ArrayList<>();
        c.settings().forEach((k, v) -> {
            if (!k.equals(parameter)) {
                parts.add(v.isTextual() ? v.asText() : k + "=" + v);
            }
        });
        return parts.isEmpty() ? c.name().split("/")[0].replaceAll("=.*", "") : String.join("/", parts);
    }
}
