package org.bcikit.rnn.feedback;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@code stale} feedback (science.md §11): B is the transpose of the decoder the learner knew before
 * the perturbation (the intuitive {@code V = D C} of Payeur, Orsborn and Lajoie 2023, bioRxiv
 * 2023.03.11.532146), never updated, as if the brain kept its old internal model of the cursor.
 */
public final class StaleFeedback implements FeedbackEstimator {

    private final DMatrixRMaj transposed;

    /** Feedback through the transpose of {@code decoder} (O x N; copied). */
    public StaleFeedback(DMatrixRMaj decoder) {
        this.transposed = CommonOps_DDRM.transpose(decoder, null);
    }

    @Override
    public void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        feedback.setTo(transposed);
    }

    @Override
    public String name() {
        return "stale";
    }
}
