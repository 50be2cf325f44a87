package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Counts weights that changed sign (strictly positive to strictly negative or back) over learning,
 * the direct test of Dale's law under an update rule: exponentiated gradient and the projected
 * rules ({@link SignConstrained}, {@link org.bcikit.rnn.dale.ColEiWeights}, {@link org.bcikit.rnn.dale.DannWeights}) must give 0; plain
 * gradient descent on a {@link org.bcikit.rnn.model.DenseWeights} usually does not. Moving to exactly 0 is not a flip;
 * passing through 0 to the other sign (over several steps) is.
 *
 * <p>Use it as a tracker: construct with the parameters (their signs are recorded), call
 * {@link #update()} after each step to add the flips since the previous call to {@link #total()}.
 * Counting step by step catches weights that flip and flip back.
 */
public final class SignFlipCounter {

    private final List<Parameter> parameters;
    private final double[][] signs;
    private long total;

    /** Records the current signs of {@code parameters}. */
    public SignFlipCounter(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.signs = new double[this.parameters.size()][];
        for (int i = 0; i < signs.length; i++) {
            DMatrixRMaj v = this.parameters.get(i).value();
            signs[i] = new double[v.getNumElements()];
            for (int k = 0; k < signs[i].length; k++) {
                signs[i][k] = Math.signum(v.data[k]);
            }
        }
    }

    /** Flips since the last call (or construction); adds them to the total and records the signs. */
    public long update() {
        long flips = 0;
        for (int i = 0; i < signs.length; i++) {
            double[] w = parameters.get(i).value().data;
            for (int k = 0; k < signs[i].length; k++) {
                double s = Math.signum(w[k]);
                if (s * signs[i][k] < 0) {
                    flips++;
                }
                if (s != 0.0) {
                    signs[i][k] = s;
                }
            }
        }
        total += flips;
        return flips;
    }

    /** All flips counted by {@link #update()} so far. */
    public long total() {
        return total;
    }

    /** Number of entries whose sign is strictly opposite in {@code before} and {@code after}. */
    public static int count(DMatrixRMaj before, DMatrixRMaj after) {
        if (before.getNumElements() != after.getNumElements()) {
            throw new IllegalArgumentException("sign flips: before has " + before.getNumElements()
                    + " weights, after has " + after.getNumElements());
        }
        int flips = 0;
        for (int k = 0; k < before.getNumElements(); k++) {
            if (Math.signum(before.data[k]) * Math.signum(after.data[k]) < 0) {
                flips++;
            }
        }
        return flips;
    }
}
