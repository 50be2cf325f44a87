package org.bcikit.rnn.rdd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.feedback.FeedbackAngle;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RddFeedbackTest {

    private static DMatrixRMaj gaussian(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    private static DMatrixRMaj feedback(int seconds, long seed) {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 20;
        StaticGaussianNetwork net = new StaticGaussianNetwork(StaticTask.centerOut(6),
                new DenseWeights(gaussian(n, n, 0.5 / Math.sqrt(n), rng)), gaussian(n, 6, 1, rng), new DMatrixRMaj(n, 1),
                gaussian(2, n, 0.3, rng), 1e-2, 0);
        RddFeedback rdd = new RddFeedback(RddEstimator.guerguiev(), seconds, 100, 0.6, 0.4, gaussian(n, 2, 1, rng),
                new SplittableRandom(seed));
        DMatrixRMaj b = new DMatrixRMaj(n, 2);
        rdd.estimate(net, b);
        double angle = FeedbackAngle.degrees(b, net.readout());
        assertTrue(angle < 45, seconds + " s: angle to V^T " + angle);
        return b;
    }

    @Test
    void estimatesTheDecoderOfASmallCorrelatedNetworkAndRepeatsWithItsSeed() {
        // a random B in 40 dimensions sits at 90 +- 9 degrees
        DMatrixRMaj b = feedback(30, 5);
        assertArrayEquals(b.data, feedback(30, 5).data, 0);
    }
}
