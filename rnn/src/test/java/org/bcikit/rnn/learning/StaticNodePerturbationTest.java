package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class StaticNodePerturbationTest {

    private static DMatrixRMaj gaussian(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    @Test
    void averagedEstimateIsTheExactGradientIncludingItsNoiseTerm() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 8;
        StaticGaussianNetwork net = new StaticGaussianNetwork(StaticTask.centerOut(6),
                new DenseWeights(gaussian(n, n, 0.4 / Math.sqrt(n), rng)), gaussian(n, 6, 1, rng), new DMatrixRMaj(n, 1),
                gaussian(2, n, 0.5, rng), 0.25, 0);
        net.backward();
        DMatrixRMaj exact = net.recurrent().parameters().get(0).gradient().copy();
        StaticNodePerturbation np = new StaticNodePerturbation(net, 1e-3, 6000, new SplittableRandom(4));
        DMatrixRMaj mean = new DMatrixRMaj(n, n);
        int draws = 20;
        for (int d = 0; d < draws; d++) {
            CommonOps_DDRM.addEquals(mean, 1.0 / draws, np.estimate(net));
        }
        double relative = NormOps_DDRM.normF(CommonOps_DDRM.subtract(mean, exact, null)) / NormOps_DDRM.normF(exact);
        // 120000 trials: the estimate's noise is |dL/dc| |v| sqrt(N / S) ~ 0.05 of the gradient
        assertTrue(relative < 0.15, "relative error " + relative);
    }
}
