package org.bcikit.experiments.api;

import java.util.Arrays;

/**
 * A measured curve: y against x (steps, trials, blocks). Arrays are copied in and must not be
 * changed by callers.
 */
public record Curve(double[] x, double[] y) {

    public Curve {
        if (x.length != y.length) {
            throw new IllegalArgumentException("curve x has " + x.length + " points, y has " + y.length);
        }
        x = x.clone();
        y = y.clone();
    }

    /** y against 0, 1, 2, ... */
    public static Curve of(double[] y) {
        double[] x = new double[y.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return new Curve(x, y);
    }

    public int size() {
        return x.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Curve && Arrays.equals(x, ((Curve) o).x) && Arrays.equals(y, ((Curve) o).y);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(x) + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Curve[" + x.length + " points]";
    }
}
