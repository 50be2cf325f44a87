package org.bcikit.rnn.feedback;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;

/**
 * {@code random} feedback: a fixed Gaussian B, as in feedback alignment (Lillicrap, Cownden, Tweed
 * and Akerman, Nat Commun 7:13276, 2016; science.md §11). It is scaled to the Frobenius norm of a
 * reference decoder so that its steps are as large as the exact gradient's and only the direction
 * differs. In feedback alignment the forward weights come to align with B; here the decoder is
 * fixed, so whether the recurrent weights alone can make a random B useful is the question.
 */
public final class RandomFeedback implements FeedbackEstimator {

    private final DMatrixRMaj matrix;

    /**
     * Draws B (N x O, the shape of {@code decoder}'s transpose) from {@code rng} and scales it to
     * {@code |decoder|_F}.
     */
    public RandomFeedback(DMatrixRMaj decoder, SplittableRandom rng) {
        matrix = new DMatrixRMaj(decoder.numCols, decoder.numRows);
        GaussianFill.fill(matrix.data, 1, rng);
        CommonOps_DDRM.scale(NormOps_DDRM.normF(decoder) / NormOps_DDRM.normF(matrix), matrix);
    }

    /** The fixed feedback matrix (a copy). */
    public DMatrixRMaj matrix() {
        return matrix.copy();
    }

    @Override
    public void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        feedback.setTo(matrix);
    }

    @Override
    public String name() {
        return "random";
    }
}
