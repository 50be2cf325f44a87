package org.bcikit.rnn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SpectralRadiusBoundTest {

    private static DMatrixRMaj random(int n, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    private static void boundsHold(SpectralRadiusBound b, DMatrixRMaj w) {
        double radius = EigenvalueSpectrum.of(w).spectralRadius();
        double cheap = b.bound(w);
        double tight = b.tightBound(w);
        assertTrue(cheap >= radius, "O(N^2) bound " + cheap + " below the radius " + radius);
        assertTrue(tight >= radius, "tight bound " + tight + " below the radius " + radius);
    }

    @Test
    void atTheAnchorBothBoundsAreTheRadius() {
        SplittableRandom rng = new SplittableRandom(1);
        DMatrixRMaj w = random(40, 1.0 / Math.sqrt(40), rng);
        SpectralRadiusBound b = SpectralRadiusBound.anchor(w);
        double radius = EigenvalueSpectrum.of(w).spectralRadius();
        assertEquals(radius, b.anchorRadius(), 0.0);
        assertEquals(radius, b.bound(w), 1e-9);
        assertEquals(radius, b.tightBound(w), 1e-9);
        assertTrue(b.conditionNumber() >= 1);
    }

    @Test
    void neverBelowTheRadiusOfPerturbedRandomMatrices() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int trial = 0; trial < 40; trial++) {
            int n = 2 + rng.nextInt(30);
            DMatrixRMaj w0 = random(n, rng.nextDouble(0.2, 1.5) / Math.sqrt(n), rng);
            if (trial % 4 == 0) {
                // strongly non-normal: a large upper triangle, real eigenvalues on the diagonal
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        w0.set(i, j, 0.0);
                    }
                    w0.set(i, i, rng.nextDouble(-0.9, 0.9));
                }
            }
            SpectralRadiusBound b = SpectralRadiusBound.anchor(w0);
            for (double size : new double[] {1e-8, 1e-4, 1e-2, 0.1, 1.0}) {
                DMatrixRMaj w = w0.copy();
                CommonOps_DDRM.addEquals(w, random(n, size / Math.sqrt(n), rng));
                boundsHold(b, w);
            }
        }
    }

    @Test
    void neverBelowTheRadiusAlongATrainingRun() {
        SplittableRandom rng = new SplittableRandom(3);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(40, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        DMatrixRMaj w = net.recurrent().effective();
        SpectralRadiusBound b = SpectralRadiusBound.anchor(w);
        boolean certified = false;
        for (int t = 1; t <= 200; t++) {
            net.backward();
            CommonOps_DDRM.addEquals(w, -1e-3, net.recurrent().parameters().get(0).gradient());
            if (t % 10 == 0) {
                boundsHold(b, w);
                certified |= b.tightBound(w) < 1;
            }
            if (t % 100 == 0) {
                b = SpectralRadiusBound.anchor(w);
            }
        }
        assertTrue(certified, "the tight bound never certified stability, so it was never useful");
    }
}
