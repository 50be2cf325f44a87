package org.bcikit.rnn.learning;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;

/**
 * Gradient-norm clipping (Pascanu, Mikolov and Bengio 2013, "On the difficulty of training
 * recurrent neural networks", ICML): when the global L2 norm of the gradients of the parameters
 * stepped exceeds {@code maxNorm}, every gradient is scaled by {@code maxNorm / norm} before the
 * inner rule steps. The direction of the update is kept (so plain gradient descent keeps its
 * geometry); only the occasional huge step of a recurrent network at a sudden change of task,
 * which would throw it into exploding activity, is shortened. Masked (frozen) weights do not count
 * toward the norm. The gradient buffers are rescaled in place.
 */
public final class ClippedGradients implements Optimizer {

    private final Optimizer inner;
    private final double maxNorm;
    private long clipped;

    public ClippedGradients(Optimizer inner, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("gradient clipping: max norm must be > 0, got " + maxNorm);
        }
        this.inner = inner;
        this.maxNorm = maxNorm;
    }

    @Override
    public void step(List<Parameter> parameters) {
        double sq = 0;
        for (Parameter p : parameters) {
            double[] g = p.gradient().data;
            for (int k = 0; k < g.length; k++) {
                if (p.plastic(k)) {
                    sq += g[k] * g[k];
                }
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            clipped++;
            double s = maxNorm / norm;
            for (Parameter p : parameters) {
                double[] g = p.gradient().data;
                for (int k = 0; k < g.length; k++) {
                    g[k] *= s;
                }
            }
        }
        inner.step(parameters);
    }

    /** Steps whose gradient was clipped so far. */
    public long clippedSteps() {
        return clipped;
    }
}
