package org.bcikit.experiments.api;

import java.util.Map;

/**
 * The stored result of one run, as in {@code runs/*.json}: who it was ({@link RunContext}) and
 * what it measured. Timing is kept apart ({@code seconds}) so that results never depend on it.
 */
public record RunRecord(RunContext context, Map<String, Double> scalars, Map<String, Curve> curves, double seconds) {

    public RunRecord {
        scalars = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scalars));
        curves = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(curves));
    }

    /** Scalar {@code name}, or NaN when this run did not record it. */
    public double scalar(String name) {
        Double v = scalars.get(name);
        return v == null ? Double.NaN : v;
    }

    /** Curve {@code name}, or null. */
    public Curve curve(String name) {
        return curves.get(name);
    }
}
