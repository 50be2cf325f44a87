package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * Adam (Kingma &amp; Ba, ICLR 2015) with bias-corrected moment estimates, the optimiser the rate
 * and fixed-point RNN papers train with (science.md §5.2–5.3). Matches PyTorch's
 * {@code torch.optim.Adam} without weight decay: {@code w <- w - eta m^ / (sqrt(v^) + eps)}.
 * Weights whose plasticity mask is 0 are left untouched, and their moments stay 0. Moments are
 * kept per parameter name.
 */
public final class Adam implements Optimizer {

    private final double learningRate;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final RuleBuffers first = new RuleBuffers();
    private final RuleBuffers second = new RuleBuffers();
    private long steps;

    public Adam(double learningRate, double beta1, double beta2, double epsilon) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("Adam: learning rate must be positive, got " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam: betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("Adam: epsilon must be positive, got " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Adam with PyTorch's defaults (0.9, 0.999, 1e-8). */
    public Adam(double learningRate) {
        this(learningRate, 0.9, 0.999, 1e-8);
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
            double[] m = first.of(p);
            double[] v = second.of(p);
            int n = p.value().getNumElements();
            for (int k = 0; k < n; k++) {
                if (!p.plastic(k)) {
                    continue;
                }
                m[k] = beta1 * m[k] + (1 - beta1) * g[k];
                v[k] = beta2 * v[k] + (1 - beta2) * g[k] * g[k];
                w[k] -= learningRate * (m[k] / c1) / (Math.sqrt(v[k] / c2) + epsilon);
            }
        }
    }
}
