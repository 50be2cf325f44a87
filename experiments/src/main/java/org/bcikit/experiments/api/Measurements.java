package org.bcikit.experiments.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run measured: named scalars and named curves, in the order they were added. A run
 * fills one and returns it; NaN is allowed (a metric a run could not reach, such as the
 * performance at step 500 of a run that went unstable at step 300) and is written as null.
 */
public final class Measurements {

    private final Map<String, Double> scalars = new LinkedHashMap<>();
    private final Map<String, Curve> curves = new LinkedHashMap<>();

    /** Records scalar {@code name}. Returns this. */
    public Measurements scalar(String name, double value) {
        scalars.put(name, value);
        return this;
    }

    /** Records curve {@code name}. Returns this. */
    public Measurements curve(String name, Curve curve) {
        curves.put(name, curve);
        return this;
    }

    /** Records curve {@code name} over x = 0, 1, 2, ... Returns this. */
    public Measurements curve(String name, double[] y) {
        return curve(name, Curve.of(y));
    }

    /** Records curve {@code name}. Returns this. */
    public Measurements curve(String name, double[] x, double[] y) {
        return curve(name, new Curve(x, y));
    }

    public Map<String, Double> scalars() {
        return Collections.unmodifiableMap(scalars);
    }

    public Map<String, Curve> curves() {
        return Collections.unmodifiableMap(curves);
    }
}
