package org.bcikit.rnn.dale;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The DANN update correction (Cornford et al. ICLR 2021, "Learning to live with Dale's
 * principle", section 4): before an inner update rule steps, the gradient of the principal-to-
 * interneuron weights {@code W_IE} is divided by {@code sqrt(nE)} and that of the interneuron-to-
 * principal weights {@code W_EI} by the fan-in d (= nE for the recurrent matrix), so that updates to
 * the few interneuron weights change the network's output about as much as updates to
 * {@code W_EE}. The inner rule may be any {@link Optimizer} (SGD, Adam, exponentiated gradient...);
 * the projection onto non-negative weights is {@link DannWeights#refresh()}.
 *
 * <p>The two gradient buffers are rescaled in place (they are rewritten by every backward pass);
 * other parameters in the list (inputs, biases, other structures) pass through unchanged. The
 * interneuron parameters are recognised by identity, so this wraps one {@link DannWeights}.
 */
public final class DannCorrectedUpdates implements Optimizer {

    private final DannWeights weights;
    private final Optimizer inner;
    private final double fanIn;

    /** Corrects the updates of {@code weights} with fan-in d = nE. */
    public DannCorrectedUpdates(DannWeights weights, Optimizer inner) {
        this(weights, inner, weights.size());
    }

    /** Corrects the updates of {@code weights} with an explicit fan-in d (> 0). */
    public DannCorrectedUpdates(DannWeights weights, Optimizer inner, double fanIn) {
        if (!(fanIn > 0)) {
            throw new IllegalArgumentException("DANN correction: fan-in must be positive, got " + fanIn);
        }
        this.weights = weights;
        this.inner = inner;
        this.fanIn = fanIn;
    }

    @Override
    public void step(List<Parameter> parameters) {
        double sqrtNE = Math.sqrt(weights.size());
        for (Parameter p : parameters) {
            if (p == weights.excitatoryToInhibitory()) {
                CommonOps_DDRM.scale(1.0 / sqrtNE, p.gradient());
            } else if (p == weights.inhibitoryToExcitatory()) {
                CommonOps_DDRM.scale(1.0 / fanIn, p.gradient());
            }
        }
        inner.step(parameters);
    }
}
