package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
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
 * Counting step by step catches weights that flip and flip back. Parameters are matched by name,
 * so {@link #update(List)} can follow the same parameters in a copy of the network (one that an
 * experiment protocol trains), and {@link #counting(Optimizer)} counts inside any training loop.
 */
public final class SignFlipCounter {

    private final List<Parameter> parameters;
    private final String[] names;
    private final double[][] signs;
    private long total;

    /** Records the current signs of {@code parameters} (names unique). */
    public SignFlipCounter(List<Parameter> parameters) {
        this.parameters = List.copyOf(parameters);
        this.names = new String[this.parameters.size()];
        this.signs = new double[this.parameters.size()][];
        for (int i = 0; i < signs.length; i++) {
            DMatrixRMaj v = this.parameters.get(i).value();
            names[i] = this.parameters.get(i).name();
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    throw new IllegalArgumentException("sign flips: two parameters are named " + names[i]);
                }
            }
            signs[i] = new double[v.getNumElements()];
            for (int k = 0; k < signs[i].length; k++) {
                signs[i][k] = Math.signum(v.data[k]);
            }
        }
    }

    /**
     * Flips of the parameters given at construction since the last call (or construction); adds
     * them to the total and records the signs.
     */
    public long update() {
        return update(parameters);
    }

    /**
     * As {@link #update()}, reading the current values from {@code current}: the parameters given
     * at construction or a copy's, matched by name (every tracked name must be there; others are
     * ignored).
     */
    public long update(List<Parameter> current) {
        long flips = 0;
        for (int i = 0; i < signs.length; i++) {
            double[] w = find(current, i).value().data;
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

    /**
     * {@code inner}, counting the flips of the previous update and projection before each of its
     * steps (from the parameters it is given). The last step's flips are counted by a final
     * {@link #update(List)} after training.
     */
    public Optimizer counting(Optimizer inner) {
        return stepped -> {
            update(stepped);
            inner.step(stepped);
        };
    }

    private Parameter find(List<Parameter> current, int i) {
        for (Parameter p : current) {
            if (p.name().equals(names[i])) {
                if (p.value().getNumElements() != signs[i].length) {
                    throw new IllegalArgumentException("sign flips: parameter " + names[i] + " changed shape");
                }
                return p;
            }
        }
        throw new IllegalArgumentException("sign flips: parameter " + names[i] + " is not among the "
                + current.size() + " given");
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
