package org.bcikit.experiments.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bcikit.data.io.AtomicFiles;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;

import java.awt.Rectangle;

/**
 * Saves charts as publication-sized PNG and SVG pairs in one house style, so every figure bcikit
 * writes looks the same: white background, light grid, readable fonts, and one colour per
 * condition that stays the same across figures ({@link #color(int)}).
 */
public final class Figures {

    /** Default size in pixels: a single-column figure at 2x for slides. */
    public static final int WIDTH = 900;
    public static final int HEIGHT = 600;

    /** Colour-blind-safe palette (Okabe and Ito 2008), in the order conditions are listed. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(240, 228, 66), new Color(0, 0, 0),
    };

    private Figures() {
    }

    /** The colour of the {@code i}-th condition; the same index always gets the same colour. */
    public static Color color(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /** Applies the house style to a chart made by JFreeChart's factory methods. Returns it. */
    public static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        Font axisLabel = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
        Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        if (plot instanceof org.jfree.chart.plot.CombinedDomainXYPlot) {
            for (Object sub : ((org.jfree.chart.plot.CombinedDomainXYPlot) plot).getSubplots()) {
                styleXY((XYPlot) sub);
            }
        }
        if (plot instanceof XYPlot) {
            styleXY((XYPlot) plot);
        } else if (plot instanceof CategoryPlot) {
            CategoryPlot cp = (CategoryPlot) plot;
            cp.setRangeGridlinePaint(new Color(225, 225, 225));
            cp.getDomainAxis().setLabelFont(axisLabel);
            cp.getDomainAxis().setTickLabelFont(tick);
            cp.getRangeAxis().setLabelFont(axisLabel);
            cp.getRangeAxis().setTickLabelFont(tick);
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        }
        return chart;
    }

    /**
     * The house style for one XY plot: light grid and readable axis fonts. {@link #style} applies it
     * to a chart's plot; call it for each sub-plot of a combined plot.
     */
    public static XYPlot styleXY(XYPlot xy) {
        Font axisLabel = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
        Font tick = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
        xy.setBackgroundPaint(Color.WHITE);
        xy.setOutlinePaint(Color.GRAY);
        xy.setDomainGridlinePaint(new Color(225, 225, 225));
        xy.setRangeGridlinePaint(new Color(225, 225, 225));
        xy.setDomainGridlineStroke(new BasicStroke(1f));
        xy.setRangeGridlineStroke(new BasicStroke(1f));
        for (int i = 0; i < xy.getDomainAxisCount(); i++) {
            if (xy.getDomainAxis(i) != null) {
                xy.getDomainAxis(i).setLabelFont(axisLabel);
                xy.getDomainAxis(i).setTickLabelFont(tick);
            }
        }
        for (int i = 0; i < xy.getRangeAxisCount(); i++) {
            if (xy.getRangeAxis(i) != null) {
                xy.getRangeAxis(i).setLabelFont(axisLabel);
                xy.getRangeAxis(i).setTickLabelFont(tick);
            }
        }
        return xy;
    }

    /** The translucent fill of a mean +/- s.e.m. band in the colour of condition {@code i}. */
    public static Color band(int i) {
        Color c = color(i);
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), 56);
    }

    /** The stroke of a condition's line. */
    public static BasicStroke line() {
        return new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    /**
     * Writes {@code base + ".png"} and {@code base + ".svg"} atomically at the default size.
     * {@code base} is a path without extension, such as {@code out/learning-curves}.
     */
    public static void save(JFreeChart chart, Path base) throws IOException {
        save(chart, base, WIDTH, HEIGHT);
    }

    /** As {@link #save(JFreeChart, Path)} at a chosen size in pixels. */
    public static void save(JFreeChart chart, Path base, int width, int height) throws IOException {
        Path png = base.resolveSibling(base.getFileName() + ".png");
        Path svg = base.resolveSibling(base.getFileName() + ".svg");
        AtomicFiles.write(png, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // JFreeSVG prefixes its clip ids with System.nanoTime(); a fixed prefix makes the same
        // chart give the same file (the HTML report renames ids per figure, so they cannot clash).
        g.setDefsKeyPrefix("bcikit");
        chart.draw(g, new Rectangle(0, 0, width, height));
        byte[] bytes = g.getSVGDocument().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(svg, out -> out.write(bytes));
    }
}
