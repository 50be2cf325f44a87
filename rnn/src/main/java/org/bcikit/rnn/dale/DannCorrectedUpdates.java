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
 * interneuron parameters are recognised by their names ({@code W_IE}, {@code W_EI}), as update
 * rules key their state, so the correction applies to any copy of the {@link DannWeights} it was
 * made for (a network owns a copy of the structure it is given); only that structure's sizes are
 * read from it.
 */
public final class DannCorrectedUpdates implements Optimizer {

    private final String excitatoryToInhibitory;
    private final String inhibitoryToExcitatory;
    private final double sqrtNE;
    private final Optimizer inner;
    private final double fanIn;

    /** Corrects the updates of {@code weights} with fan-in d = nE. */
    public DannCorrectedUpdates(DannWeights weights, Optimizer inner) {
        this(weights, inner, weights.units());
    }

    /** Corrects the updates of {@code weights} with an explicit fan-in d (> 0). */
    public DannCorrectedUpdates(DannWeights weights, Optimizer inner, double fanIn) {
        if (!(fanIn > 0)) {
            throw new IllegalArgumentException("DANN correction: fan-in must be positive, got " + fanIn);
        }
        this.excitatoryToInhibitory = weights.excitatoryToInhibitory().name();
        this.inhibitoryToExcitatory = weights.inhibitoryToExcitatory().name();
        this.sqrtNE = Math.sqrt(weights.units());
        this.inner = inner;
        this.fanIn = fanIn;
    }

    @Override
    public void step(List<Parameter> parameters) {
        for (Parameter p : parameters) {
            if (p.name().equals(excitatoryToInhibitory)) {
                CommonOps_DDRM.scale(1.0 / sqrtNE, p.gradient());
            } else if (p.name().equals(inhibitoryToExcitatory)) {
                CommonOps_DDRM.scale(1.0 / fanIn, p.gradient());
            }
        }
        inner.step(parameters);
    }
}
