package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;

/**
 * Mirror descent: a gradient step in the dual coordinates of a potential,
 * {@code grad phi(w') = grad phi(w) - eta g}, applied weight by weight (Pogodin et al. ICLR 2024,
 * "Synaptic weight distributions depend on the geometry of plasticity"). The potential sets the
 * geometry: the p-norm {@code phi = sum |w|^p / p} (p = 2 is plain gradient descent) or the
 * negative entropy {@code phi = sum |w| ln|w| - |w|} (exponentiated gradient, signs kept). The
 * paper's prediction, tested by {@link GaussianityScore}, is that the change in dual coordinates
 * over learning is close to Gaussian for the potential the brain actually uses.
 *
 * <p>Works on any parameter group; weights whose mask is 0 are untouched. Stateless.
 */
public final class MirrorDescent implements Optimizer {

    /** A separable potential, given by its mirror map (primal to dual) and its inverse. */
    public interface Potential {

        /** The dual coordinate {@code phi'(w)} of one weight. */
        double dual(double w);

        /**
         * The weight whose dual coordinate is {@code theta}; {@code previous} is the weight before
         * the step, for potentials whose mirror map needs the sign (negative entropy).
         */
        double primal(double theta, double previous);

        /** A short name for reports, such as {@code p-norm(3)}. */
        String name();

        /** Writes the dual coordinates of {@code w} into {@code out} (same shape; may be {@code w}). */
        default void dual(DMatrixRMaj w, DMatrixRMaj out) {
            out.reshape(w.numRows, w.numCols);
            for (int k = 0; k < w.getNumElements(); k++) {
                out.data[k] = dual(w.data[k]);
            }
        }
    }

    private final Potential potential;
    private final double learningRate;

    /** Mirror descent with {@code potential} and step size {@code learningRate} (> 0). */
    public MirrorDescent(Potential potential, double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("mirror descent: learning rate must be positive, got " + learningRate);
        }
        this.potential = potential;
        this.learningRate = learningRate;
    }

    /** The potential this rule descends in. */
    public Potential potential() {
        return potential;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            double[] w = p.value().data;
            double[] g = p.gradient().data;
            int n = p.value().getNumElements();
            for (int k = 0; k < n; k++) {
                if (p.plastic(k)) {
                    w[k] = potential.primal(potential.dual(w[k]) - learningRate * g[k], w[k]);
                }
            }
        }
    }

    /**
     * The p-norm potential {@code sum |w|^p / p}, p > 1: dual {@code sign(w)|w|^(p-1)}. Weights may
     * change sign. {@code p = 2} gives gradient descent; {@code p < 2} favours sparse changes of small weights,
     * {@code p > 2} of large ones.
     */
    public static Potential pNorm(double p) {
        if (!(p > 1.0) || Double.isInfinite(p)) {
            throw new IllegalArgumentException("p-norm potential needs finite p > 1, got " + p);
        }
        return new Potential() {
            @Override
            public double dual(double w) {
                return p == 2.0 ? w : Math.signum(w) * Math.pow(Math.abs(w), p - 1.0);
            }

            @Override
            public double primal(double theta, double previous) {
                return p == 2.0 ? theta : Math.signum(theta) * Math.pow(Math.abs(theta), 1.0 / (p - 1.0));
            }

            @Override
            public String name() {
                return "p-norm(" + p + ")";
            }
        };
    }

    /**
     * The (signed) negative entropy {@code sum |w| ln|w| - |w|}: dual {@code sign(w) ln|w|}. The step
     * {@code sign(w) ln|w'| = sign(w) ln|w| - eta g} is {@code |w'| = |w| exp(-eta sign(w) g)} with the
     * sign kept: exponentiated gradient. Zero weights have no dual coordinate and stay 0.
     */
    public static Potential negativeEntropy() {
        return new Potential() {
            @Override
            public double dual(double w) {
                return Math.signum(w) * Math.log(Math.abs(w));
            }

            @Override
            public double primal(double theta, double previous) {
                double s = Math.signum(previous);
                return s == 0.0 ? 0.0 : s * Math.exp(s * theta);
            }

            @Override
            public String name() {
                return "negative-entropy";
            }
        };
    }

    /** GD as mirror descent: the p = 2 potential. */
    public static MirrorDescent gradientDescent(double learningRate) {
        return new MirrorDescent(pNorm(2.0), learningRate);
    }
}
