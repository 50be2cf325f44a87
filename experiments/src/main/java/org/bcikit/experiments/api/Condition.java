package org.bcikit.experiments.api;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One point of the sweep grid.
 *
 * @param index      position in the spec's condition order (also its colour, {@link org.bcikit.experiments.figures.Figures#color})
 * @param name       axis labels joined by {@code /}, such as {@code lr=0.01/lazy/WMP}
 * @param settings   the swept parameter paths and their values at this point, in axis order
 * @param parameters the full, validated parameters of this condition
 * @param <P>        the experiment's parameter record
 */
public record Condition<P>(int index, String name, Map<String, JsonNode> settings, P parameters) {
}
