package org.bcikit.rnn.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class LazinessAndInitialisationTest {

    @Test
    void gaussianScaleFollowsTheExponent() {
        int n = 200;
        DMatrixRMaj lazy = Initialisation.gaussian(n, Initialisation.LAZY_EXPONENT, new SplittableRandom(1));
        DMatrixRMaj rich = Initialisation.gaussian(n, Initialisation.RICH_EXPONENT, new SplittableRandom(1));
        // sd = n^-e; the Frobenius norm of n^2 draws is n^(1-e) within a fraction of a percent
        assertEquals(Math.pow(n, 1 - 0.55), NormOps_DDRM.normF(lazy), 0.01 * Math.pow(n, 0.45));
        assertEquals(1.0, NormOps_DDRM.normF(rich), 0.01);
        // same draws, different scale: the regimes are paired
        CommonOps_DDRM.scale(Math.pow(n, 0.55 - 1.0), lazy);
        assertTrue(maxAbs(lazy, rich) < 1e-14);
        assertArrayEquals(Initialisation.gaussian(n, 1, new SplittableRandom(9)).data,
                Initialisation.gaussian(n, 1, new SplittableRandom(9)).data);
        double r = EigenvalueSpectrum.of(Initialisation.gaussianWithGain(n, 0.8, new SplittableRandom(2))).spectralRadius();
        assertEquals(0.8, r, 0.08);
    }

    @Test
    void lowRankTruncationKeepsTheNormAndHasTheRank() {
        DMatrixRMaj w0 = Initialisation.gaussian(30, 1.0, new SplittableRandom(3));
        DMatrixRMaj w = Initialisation.lowRankOf(w0, 4);
        assertEquals(NormOps_DDRM.normF(w0), NormOps_DDRM.normF(w), 1e-12);
        double[] s = SingularValueSpectrum.of(w).values();
        assertTrue(s[3] > 1e-3 && s[4] < 1e-12, "singular values " + s[3] + ", " + s[4]);
        // full rank truncation is the matrix itself
        assertTrue(maxAbs(Initialisation.lowRankOf(w0, 30), w0) < 1e-12);
        double[] o = SingularValueSpectrum.of(Initialisation.lowRankOuterProducts(30, 2, new SplittableRandom(4))).values();
        assertTrue(o[1] > 1e-3 && o[2] < 1e-12);
    }

    @Test
    void orthogonalAndIdentity() {
        DMatrixRMaj q = Initialisation.orthogonal(12, 0.9, new SplittableRandom(5));
        DMatrixRMaj qtq = new DMatrixRMaj(12, 12);
        CommonOps_DDRM.multTransA(q, q, qtq);
        DMatrixRMaj expected = Initialisation.identity(12, 0.81);
        assertTrue(maxAbs(qtq, expected) < 1e-12);
        assertEquals(0.9, EigenvalueSpectrum.of(q).spectralRadius(), 1e-10);
    }

    @Test
    void lazinessMeasuresOnHandMadeCases() {
        DMatrixRMaj w0 = new DMatrixRMaj(new double[][] {{3, 0}, {0, 4}});
        DMatrixRMaj wT = new DMatrixRMaj(new double[][] {{3, 5}, {0, 4}});
        assertEquals(1.0, LazinessMeasures.relativeWeightChange(w0, wT), 1e-15); // |dW| = 5, |W0| = 5
        DMatrixRMaj k = new DMatrixRMaj(new double[][] {{2, 1}, {1, 3}});
        DMatrixRMaj k3 = k.copy();
        CommonOps_DDRM.scale(3, k3);
        assertEquals(1.0, LazinessMeasures.kernelAlignment(k, k3), 1e-15);
        assertEquals(0.0, LazinessMeasures.kernelAlignment(new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}}),
                new DMatrixRMaj(new double[][] {{0, 0}, {0, 1}})), 0.0);
        // <diag(1,1), diag(1,0)> = 1, norms sqrt(2) and 1
        assertEquals(1 / Math.sqrt(2), LazinessMeasures.kernelAlignment(CommonOps_DDRM.identity(2),
                new DMatrixRMaj(new double[][] {{1, 0}, {0, 0}})), 1e-15);
        // a rotation of the units leaves H H^T unchanged: perfectly aligned representation
        DMatrixRMaj h = new DMatrixRMaj(new double[][] {{1, 2, 0}, {0, 1, -1}, {3, 0, 1}, {1, 1, 1}});
        DMatrixRMaj rotated = new DMatrixRMaj(4, 3);
        CommonOps_DDRM.mult(h, Initialisation.orthogonal(3, 1.0, new SplittableRandom(6)), rotated);
        assertEquals(1.0, LazinessMeasures.representationAlignment(h, rotated), 1e-14);
        assertEquals(1.0, LazinessMeasures.tangentKernelAlignment(h, rotated), 1e-14);
        assertEquals(5.0, LazinessMeasures.effectiveRank(CommonOps_DDRM.identity(5)), 1e-12);
        DMatrixRMaj rankOne = new DMatrixRMaj(4, 4);
        CommonOps_DDRM.fill(rankOne, 2.0);
        assertEquals(1.0, LazinessMeasures.effectiveRank(rankOne), 1e-6);
    }

    @Test
    void richStartsChangeTheirWeightsMoreRelativeToTheirSize() {
        double[] lazy = kernelAlignmentAfterTraining(Initialisation.LAZY_EXPONENT);
        double[] rich = kernelAlignmentAfterTraining(Initialisation.RICH_EXPONENT);
        // [relative weight change, tangent-kernel alignment]; measured 0.62 and 0.89 for the alignment
        assertTrue(rich[0] > 2 * lazy[0], "relative change lazy " + lazy[0] + ", rich " + rich[0]);
        for (double a : new double[] {lazy[1], rich[1]}) {
            assertTrue(a > 0 && a < 1, "learning moved the tangent kernel: alignment " + a);
        }
    }

    private static double[] kernelAlignmentAfterTraining(double exponent) {
        SplittableRandom rng = new SplittableRandom(11);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(40, exponent, rng)), 1e-2, 0, rng);
        DMatrixRMaj w0 = net.recurrent().effective().copy();
        DMatrixRMaj k0 = net.tangentKernel();
        GradientDescent gd = new GradientDescent(1e-2);
        for (int t = 0; t < 200; t++) {
            net.backward();
            gd.step(net.recurrent().parameters());
            net.recurrent().refresh();
        }
        return new double[] {LazinessMeasures.relativeWeightChange(w0, net.recurrent().effective()),
                LazinessMeasures.kernelAlignment(k0, net.tangentKernel())};
    }

    private static double maxAbs(DMatrixRMaj a, DMatrixRMaj b) {
        double m = 0;
        for (int i = 0; i < a.data.length; i++) {
            m = Math.max(m, Math.abs(a.data[i] - b.data[i]));
        }
        return m;
    }
}
