package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * Exponentiated gradient (EG): {@code w <- w . exp(-eta sign(w) . d)}, where d is the gradient
 * (plain EG), a heavy-ball momentum of it, or Adam's bias-corrected ratio {@code m^/(sqrt(v^)+eps)}
 * (Cornford et al. 2024, "Brain-like learning with exponentiated gradients", bioRxiv
 * 2024.10.25.620272). The update is multiplicative, so a weight never changes sign (Dale's law
 * for free) and a weight at exactly 0 stays 0; under random gradients weights drift towards a
 * log-normal distribution. EG is mirror descent with the negative-entropy potential
 * ({@link MirrorDescent#negativeEntropy}).
 *
 * <p>Works on any parameter group and leaves weights whose plasticity mask is 0 untouched. State
 * (momenta, moments) is kept per parameter name and allocated on the first step.
 */
public final class ExponentiatedGradient implements Optimizer {

    private enum Kind { PLAIN, MOMENTUM, ADAM }

    private final Kind kind;
    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final RuleBuffers first = new RuleBuffers();
    private final RuleBuffers second = new RuleBuffers();
    private long steps;

    private ExponentiatedGradient(Kind kind, double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("EG: learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("EG: momentum coefficients must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        this.kind = kind;
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Plain EG: {@code w <- w . exp(-eta sign(w) . g)}. */
    public static ExponentiatedGradient plain(double learningRate) {
        return new ExponentiatedGradient(Kind.PLAIN, learningRate, 0, 0, 0);
    }

    /** EG with heavy-ball momentum: {@code m <- beta m + g}, {@code w <- w . exp(-eta sign(w) . m)}. */
    public static ExponentiatedGradient momentum(double learningRate, double beta) {
        return new ExponentiatedGradient(Kind.MOMENTUM, learningRate, beta, 0, 0);
    }

    /** EG with Adam's normalised direction (the variant used to train large networks). */
    public static ExponentiatedGradient adam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("EG-Adam: epsilon must be positive, got " + epsilon);
        }
        return new ExponentiatedGradient(Kind.ADAM, learningRate, beta1, beta2, epsilon);
    }

    /** EG-Adam with the usual defaults (0.9, 0.999, 1e-8). */
    public static ExponentiatedGradient adam(double learningRate) {
        return adam(learningRate, 0.9, 0.999, 1e-8);
    }

    @Override
    public void step(List<Parameter> parameters) {
        RuleBuffers.requireUniqueNames(parameters);
        steps++;
        double c1 = 1.0 - Math.pow(beta1, steps);
        double c2 = 1.0 - Math.pow(beta2, steps);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] w = p.value().data;
            double[] g = p.gradient().data;
            double[] m = kind == Kind.PLAIN ? null : first.of(p);
            double[] v = kind == Kind.ADAM ? second.of(p) : null;
            int n = p.value().getNumElements();
            for (int k = 0; k < n; k++) {
                if (!p.plastic(k)) {
                    continue;
                }
                double d;
                switch (kind) {
                    case MOMENTUM:
                        m[k] = beta1 * m[k] + g[k];
                        d = m[k];
                        break;
                    case ADAM:
                        m[k] = beta1 * m[k] + (1 - beta1) * g[k];
                        v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
                        d = (m[k] / c1) / (Math.sqrt(v[k] / c2) + epsilon);
                        break;
                    default:
                        d = g[k];
                }
                w[k] *= Math.exp(-learningRate * Math.signum(w[k]) * d);
            }
        }
    }
}
