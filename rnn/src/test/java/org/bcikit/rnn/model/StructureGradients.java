package org.bcikit.rnn.model;

import org.ejml.data.DMatrixRMaj;

/** A smooth scalar loss of W_eff and a central finite-difference check of a structure's backward pass. */
public final class StructureGradients {

    private StructureGradients() {
    }

    /** {@code L(W) = sum C_ij sin(W_ij) + 1/2 |W|_F^2}. */
    static double loss(DMatrixRMaj w, DMatrixRMaj c) {
        double l = 0.0;
        for (int k = 0; k < w.data.length; k++) {
            l += c.data[k] * Math.sin(w.data[k]) + 0.5 * w.data[k] * w.data[k];
        }
        return l;
    }

    /** dL/dW = C . cos(W) + W. */
    static DMatrixRMaj lossGradient(DMatrixRMaj w, DMatrixRMaj c) {
        DMatrixRMaj g = new DMatrixRMaj(w.numRows, w.numCols);
        for (int k = 0; k < w.data.length; k++) {
            g.data[k] = c.data[k] * Math.cos(w.data[k]) + w.data[k];
        }
        return g;
    }

    /**
     * Largest relative error between the backpropagated gradient of every parameter entry and a
     * central difference {@code (L(p + h) - L(p - h)) / 2h}, relative to the gradient's max norm.
     * Entries within 2h of 0 are skipped: they sit on the boundary of the non-negative set, where
     * {@code refresh()}'s projection makes the difference one-sided.
     */
    public static double maxRelativeError(RecurrentWeights weights, DMatrixRMaj c, double h) {
        weights.backpropagate(lossGradient(weights.effective(), c));
        double worst = 0.0;
        for (Parameter p : weights.parameters()) {
            double[] analytic = p.gradient().data.clone();
            double scale = 0.0;
            for (double v : analytic) {
                scale = Math.max(scale, Math.abs(v));
            }
            double[] w = p.value().data;
            for (int k = 0; k < w.length; k++) {
                double saved = w[k];
                if (saved < 2 * h) {
                    continue;
                }
                w[k] = saved + h;
                weights.refresh();
                double up = loss(weights.effective(), c);
                w[k] = saved - h;
                weights.refresh();
                double down = loss(weights.effective(), c);
                w[k] = saved;
                weights.refresh();
                double numeric = (up - down) / (2 * h);
                worst = Math.max(worst, Math.abs(numeric - analytic[k]) / Math.max(scale, 1e-12));
            }
        }
        return worst;
    }
}
