package org.bcikit.rnn.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class FeedbackEstimatorTest {

    private static DMatrixRMaj estimate(FeedbackEstimator e, StaticGaussianNetwork net) {
        DMatrixRMaj b = new DMatrixRMaj(net.units(), net.readout().numRows);
        e.estimate(net, b);
        return b;
    }

    private static double relativeError(DMatrixRMaj b, DMatrixRMaj decoder) {
        DMatrixRMaj vt = CommonOps_DDRM.transpose(decoder, null);
        return NormOps_DDRM.normF(CommonOps_DDRM.subtract(b, vt, null)) / NormOps_DDRM.normF(vt);
    }

    /** Correlated noise: recurrent weights make Sigma = s2 A A^T far from diagonal. */
    private static StaticGaussianNetwork correlated(int n, double inputNoise, SplittableRandom rng) {
        DenseWeights w = new DenseWeights(FeedbackGradientTest.random(n, n, 0.8 / Math.sqrt(n), rng));
        return new StaticGaussianNetwork(StaticTask.centerOut(6), w, FeedbackGradientTest.random(n, 6, 1, rng),
                new DMatrixRMaj(n, 1), FeedbackGradientTest.random(2, n, 0.3, rng), 1e-2, inputNoise);
    }

    @Test
    void ridgeRegressionRecoversTheKnownDecoderAsLambdaVanishes() {
        StaticGaussianNetwork net = correlated(30, 0.02, new SplittableRandom(7));
        double previous = Double.POSITIVE_INFINITY;
        for (double ridge : new double[] {1, 1e-2, 1e-4, 1e-8}) {
            double err = relativeError(estimate(CovarianceFeedback.ridge(ridge), net), net.readout());
            assertTrue(err < previous, "ridge " + ridge + ": error " + err + " did not fall");
            previous = err;
        }
        assertTrue(previous < 1e-6, "error at ridge 1e-8: " + previous);
        // correlated noise: regressing each unit alone is biased
        assertTrue(relativeError(estimate(CovarianceFeedback.univariate(), net), net.readout()) > 0.05);
    }

    @Test
    void isotropicNoiseGivesTheShrunkDecoderInClosedForm() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 15;
        DMatrixRMaj v = FeedbackGradientTest.random(2, n, 0.5, rng);
        StaticGaussianNetwork net = new StaticGaussianNetwork(StaticTask.centerOut(6), new DenseWeights(new DMatrixRMaj(n, n)),
                FeedbackGradientTest.random(n, 6, 1, rng), new DMatrixRMaj(n, 1), v, 1e-2, 0);
        // W = 0: Sigma = s2 I, lambda = ridge s2, so B = V^T / (1 + ridge)
        DMatrixRMaj ridge = estimate(CovarianceFeedback.ridge(0.25), net);
        DMatrixRMaj univariate = estimate(CovarianceFeedback.univariate(), net);
        for (int i = 0; i < n; i++) {
            for (int o = 0; o < 2; o++) {
                assertEquals(v.get(o, i) / 1.25, ridge.get(i, o), 1e-13);
                assertEquals(v.get(o, i), univariate.get(i, o), 1e-13);
            }
        }
    }

    @Test
    void alignmentAngleIsZeroForExactAndRightAngledForRandomFeedback() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 2000;
        DMatrixRMaj v = FeedbackGradientTest.random(2, n, 1, rng);
        StaticGaussianNetwork net = new StaticGaussianNetwork(StaticTask.centerOut(6), new DenseWeights(new DMatrixRMaj(n, n)),
                new DMatrixRMaj(n, 6), new DMatrixRMaj(n, 1), v, 1e-2, 0);
        assertEquals(0, FeedbackAngle.degrees(estimate(new ExactFeedback(), net), v), 1e-6);
        RandomFeedback random = new RandomFeedback(v, rng);
        DMatrixRMaj b = estimate(random, net);
        // cos of two random directions in N O = 4000 dimensions has s.d. 1/sqrt(4000): about 0.9 degrees
        assertEquals(90, FeedbackAngle.degrees(b, v), 4);
        assertEquals(NormOps_DDRM.normF(v), NormOps_DDRM.normF(b), 1e-9);
        DMatrixRMaj scaled = CommonOps_DDRM.transpose(v, null);
        CommonOps_DDRM.scale(-3, scaled);
        assertEquals(180, FeedbackAngle.degrees(scaled, v), 1e-6);
        assertEquals(0, relativeError(estimate(new StaleFeedback(v), net), v), 0);
    }
}
