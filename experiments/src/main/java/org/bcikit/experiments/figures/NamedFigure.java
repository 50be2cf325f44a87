package org.bcikit.experiments.figures;

import org.jfree.chart.JFreeChart;

/**
 * A chart and the file name it is saved under (without extension; PNG and SVG are written).
 *
 * @param name  file base name, such as {@code learning-curves}
 * @param chart the chart, already styled with {@link Figures#style}
 */
public record NamedFigure(String name, JFreeChart chart) {
}
