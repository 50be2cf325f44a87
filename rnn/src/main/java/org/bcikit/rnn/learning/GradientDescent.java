package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * Additive gradient descent, plain or with heavy-ball momentum:
 * {@code m <- mu m + g}, {@code w <- w - eta m} (plain when {@code mu = 0}). The Euclidean
 * geometry of plasticity against which exponentiated gradient is compared (science.md §5.5;
 * mirror descent with the p = 2 potential is this rule). Weights whose plasticity mask is 0 are
 * left untouched; momentum is kept per parameter name.
 */
public final class GradientDescent implements Optimizer {

    private final double learningRate;
    private final double momentum;
    private final RuleBuffers velocity = new RuleBuffers();

    /** Plain GD ({@code momentum = 0}) or heavy-ball momentum in [0, 1). */
    public GradientDescent(double learningRate, double momentum) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("GD: learning rate must be positive, got " + learningRate);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("GD: momentum must be in [0, 1), got " + momentum);
        }
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    /** Plain GD. */
    public GradientDescent(double learningRate) {
        this(learningRate, 0.0);
    }

    public double learningRate() {
        return learningRate;
    }

    /** The momentum coefficient (0 for plain GD). */
    public double momentum() {
        return momentum;
    }

    @Override
    public void step(List<Parameter> parameters) {
        RuleBuffers.requireUniqueNames(parameters);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            double[] w = p.value().data;
            double[] g = p.gradient().data;
            double[] m = momentum > 0 ? velocity.of(p) : null;
            int n = p.value().getNumElements();
            for (int k = 0; k < n; k++) {
                if (!p.plastic(k)) {
                    continue;
                }
                double d = g[k];
                if (m != null) {
                    m[k] = momentum * m[k] + d;
                    d = m[k];
                }
                w[k] -= learningRate * d;
            }
        }
    }
}
