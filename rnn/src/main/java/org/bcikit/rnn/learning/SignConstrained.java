package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * Sign-constrained updates: any inner update rule, followed by a projection that stops weights from
 * changing sign. A weight whose update would flip its sign (or land on 0) is set to
 * {@code +-1e-18} with its old sign, so it stays on its side and can grow back (the sign-constrained
 * GD baseline of Cornford et al. 2024, "Brain-like learning with exponentiated gradients"). A
 * weight at exactly 0 has no sign to keep; the inner rule's update stands for it.
 *
 * <p>{@link #gradientDescent(double)} is the published baseline (plain GD inside). Wrapping SGD
 * with momentum or Adam gives their sign-constrained versions. Masks are honoured by the inner rule;
 * frozen weights do not change and so never need projecting.
 */
public final class SignConstrained implements Optimizer {

    /** The magnitude a weight is set to instead of crossing zero. */
    public static final double FLOOR = 1e-18;

    private final Optimizer inner;
    private final RuleBuffers before = new RuleBuffers();

    /** Wraps {@code inner}, projecting after each of its steps. */
    public SignConstrained(Optimizer inner) {
        this.inner = inner;
    }

    /** Sign-constrained gradient descent: {@code w <- w - eta g}, then the sign projection. */
    public static SignConstrained gradientDescent(double learningRate) {
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("sign-constrained GD: learning rate must be positive, got " + learningRate);
        }
        return new SignConstrained(parameters -> {
            for (Parameter p : parameters) {
                double[] w = p.value().data;
                double[] g = p.gradient().data;
                for (int k = 0; k < w.length; k++) {
                    if (p.plastic(k)) {
                        w[k] -= learningRate * g[k];
                    }
                }
            }
        });
    }

    @Override
    public void step(List<Parameter> parameters) {
        RuleBuffers.requireUniqueNames(parameters);
        for (Parameter p : parameters) {
            double[] old = before.of(p);
            System.arraycopy(p.value().data, 0, old, 0, old.length);
        }
        inner.step(parameters);
        for (Parameter p : parameters) {
            double[] w = p.value().data;
            double[] old = before.of(p);
            for (int k = 0; k < w.length; k++) {
                double s = Math.signum(old[k]);
                if (s != 0.0 && !(Math.signum(w[k]) == s)) {
                    w[k] = s * FLOOR;
                }
            }
        }
    }
}
