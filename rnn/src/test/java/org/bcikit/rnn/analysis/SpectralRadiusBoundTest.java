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

    /** Returns whether the certificate proved stability, after checking that neither claim is false. */
    private static boolean boundsHold(SpectralRadiusBound b, DMatrixRMaj w) {
        double radius = EigenvalueSpectrum.of(w).spectralRadius();
        double cheap = b.bound(w);
        assertTrue(cheap >= radius, "O(N^2) bound " + cheap + " below the radius " + radius);
        boolean certified = b.certifiesStable(w);
        assertTrue(!certified || radius < 1, "certified stable with radius " + radius);
        return certified;
    }

    @Test
    void atTheAnchorBothBoundsAreTheRadius() {
        SplittableRandom rng = new SplittableRandom(1);
        DMatrixRMaj w = random(40, 0.8 / Math.sqrt(40), rng);
        SpectralRadiusBound b = SpectralRadiusBound.anchor(w);
        double radius = EigenvalueSpectrum.of(w).spectralRadius();
        assertEquals(radius, b.anchorRadius(), 0.0);
        assertEquals(radius, b.bound(w), 1e-9);
        assertTrue(b.certifiesStable(w), "a stable anchor is certified at itself");
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
    void neverCertifiesAMatrixWhoseRadiusReachesOne() {
        SplittableRandom rng = new SplittableRandom(4);
        int certified = 0;
        int unstable = 0;
        for (int trial = 0; trial < 60; trial++) {
            int n = 3 + rng.nextInt(30);
            DMatrixRMaj w0 = random(n, 1.0, rng);
            // put the anchor's radius just below 1, then perturb across it
            CommonOps_DDRM.scale(rng.nextDouble(0.9, 0.999) / EigenvalueSpectrum.of(w0).spectralRadius(), w0);
            SpectralRadiusBound b = SpectralRadiusBound.anchor(w0);
            DMatrixRMaj w = w0.copy();
            CommonOps_DDRM.addEquals(w, random(n, Math.pow(10, trial % 2 == 0 ? rng.nextDouble(-6, -2) : rng.nextDouble(-1.3, -0.4)) / Math.sqrt(n), rng));
            certified += boundsHold(b, w) ? 1 : 0;
            unstable += EigenvalueSpectrum.of(w).spectralRadius() >= 1 ? 1 : 0;
            DMatrixRMaj scaled = w0.copy();
            CommonOps_DDRM.scale(1.0 / b.anchorRadius(), scaled); // radius exactly 1 (to rounding)
            assertTrue(!b.certifiesStable(scaled) || EigenvalueSpectrum.of(scaled).spectralRadius() < 1);
        }
        assertTrue(certified > 5 && unstable > 5, certified + " certified, " + unstable + " unstable of 60");
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
                certified |= boundsHold(b, w);
            }
            if (t % 100 == 0) {
                b = SpectralRadiusBound.anchor(w);
            }
        }
        assertTrue(certified, "the certificate never certified stability, so it was never useful");
    }
}
