package org.bcikit.rnn.feedback;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * {@code exact} feedback {@code B = V_p^T}, the perturbed decoder's transpose: the feedback
 * gradient is then the exact gradient of Payeur, Orsborn and Lajoie 2023 (bioRxiv
 * 2023.03.11.532146; science.md §5.1, §11), the reference every estimate is measured against.
 */
public final class ExactFeedback implements FeedbackEstimator {

    @Override
    public void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        CommonOps_DDRM.transpose(network.readout(), feedback);
    }

    @Override
    public String name() {
        return "exact";
    }
}
