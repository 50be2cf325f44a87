package org.bcikit.rnn.feedback;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;

/**
 * How a learner of science.md §11 obtains the feedback matrix B (N x O) that carries the cursor
 * error back to its units in place of the decoder's transpose (the rule of
 * {@link FeedbackGradient}). Called before every adaptation step; an estimator may read the
 * network's current weights and readout (what the brain could observe or has learned) and must not
 * change them.
 */
public interface FeedbackEstimator {

    /** Overwrites {@code feedback} (N x O) with the estimate for {@code network}'s current state. */
    void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback);

    /** The estimator's name in specs and results. */
    String name();
}
