package org.bcikit.rnn.analysis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.bcikit.rnn.model.WoodburyDescent;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SpecializedOps_DDRM;
import org.junit.jupiter.api.Test;

/** The F that {@link SpectralRadiusBound#track} keeps up to date, against F formed afresh. */
class TrackedCertificateTest {

    private static DMatrixRMaj random(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    @Test
    void trackedFEqualsAFreshFAfterManyGradientSteps() {
        SplittableRandom rng = new SplittableRandom(5);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(40, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        DMatrixRMaj w = net.recurrent().effective();
        SpectralRadiusBound tracked = SpectralRadiusBound.anchor(w);
        SpectralRadiusBound fresh = SpectralRadiusBound.anchor(w);
        WoodburyDescent gd = new WoodburyDescent(net, 1e-2, 50);
        for (int t = 0; t < 500; t++) {
            gd.evaluate();
            gd.update();
            tracked.track(gd.learningRate(), gd.gradientLeft(), gd.gradientRight(), w);
        }
        boolean certified = tracked.certifiesTracked(w);
        assertTrue(certified == fresh.certifiesStable(w));
        double diff = SpecializedOps_DDRM.diffNormF(tracked.trackedF(), fresh.trackedF());
        double scale = CommonOps_DDRM.elementMaxAbs(fresh.trackedF());
        assertTrue(scale > 1e-3, "W moved too little to test the tracking: |F|max " + scale);
        assertTrue(diff < 1e-10 * scale, "tracked F differs from a fresh one by " + diff);
        // the proven error covers the true difference (fresh F's own error included) and stays useful
        assertTrue(diff <= tracked.trackedError() + fresh.trackedError(), diff + " > " + tracked.trackedError());
        assertTrue(tracked.trackedError() < 1e-8, "error bound " + tracked.trackedError());
    }

    @Test
    void neverCertifiesARadiusAtOrAboveOneNearOne() {
        SplittableRandom rng = new SplittableRandom(6);
        int certified = 0;
        int unstable = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 4 + rng.nextInt(25);
            DMatrixRMaj w = random(n, n, 1.0, rng);
            CommonOps_DDRM.scale(rng.nextDouble(0.9, 0.995) / EigenvalueSpectrum.of(w).spectralRadius(), w);
            SpectralRadiusBound b = SpectralRadiusBound.anchor(w);
            double size = Math.pow(10, rng.nextDouble(-4, -1.5));
            for (int step = 0; step < 30; step++) {
                // rank-2 steps W <- (I + size P^T P) W, which grow W along P and drift the radius across 1
                DMatrixRMaj p = random(2, n, 1.0 / Math.sqrt(n), rng);
                DMatrixRMaj r = new DMatrixRMaj(2, n);
                CommonOps_DDRM.mult(-1, p, w, r);
                DMatrixRMaj change = new DMatrixRMaj(n, n);
                CommonOps_DDRM.multTransA(p, r, change);
                CommonOps_DDRM.addEquals(w, -size, change);
                b.track(size, p, r, w);
                boolean ok = b.certifiesTracked(w);
                double radius = EigenvalueSpectrum.of(w).spectralRadius();
                assertTrue(!ok || radius < 1, "certified with radius " + radius);
                certified += ok ? 1 : 0;
                unstable += radius >= 1 ? 1 : 0;
            }
        }
        assertTrue(certified > 50 && unstable > 50, certified + " certified, " + unstable + " unstable");
    }

    @Test
    void aChangeThatWasNotTrackedIsStillJudgedSoundly() {
        SplittableRandom rng = new SplittableRandom(7);
        DMatrixRMaj w = random(10, 10, 0.1, rng);
        SpectralRadiusBound b = SpectralRadiusBound.anchor(w);
        assertTrue(b.certifiesTracked(w), "a small matrix at its own anchor");
        // a step reported with factors that do not describe the change: G carries all of it
        DMatrixRMaj far = w.copy();
        CommonOps_DDRM.scale(20, far);
        b.track(1e-3, random(2, 10, 1, rng), random(2, 10, 1, rng), far);
        assertTrue(EigenvalueSpectrum.of(far).spectralRadius() >= 1);
        assertFalse(b.certifiesTracked(far));
        assertTrue(b.trackedError() > 1, "the untracked change must show in the error bound");
    }
}
