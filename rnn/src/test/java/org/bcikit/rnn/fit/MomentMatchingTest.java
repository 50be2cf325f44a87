package org.bcikit.rnn.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Moment matching of the static network: gradients, and recovery of a generating network's moments. */
class MomentMatchingTest {

    private static final int Q = 7;
    private static final int K = 4;
    private static final double S2 = 0.3;

    /** A generating network's per-target means (q x K) and covariance. */
    private static DMatrixRMaj[] generatingMoments(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj w = new DMatrixRMaj(Q, Q);
        DMatrixRMaj u = new DMatrixRMaj(Q, K);
        DMatrixRMaj b = new DMatrixRMaj(Q, 1);
        for (int i = 0; i < Q * Q; i++) {
            w.data[i] = 0.25 * rng.nextGaussian();
        }
        for (int i = 0; i < Q * K; i++) {
            u.data[i] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < Q; i++) {
            b.data[i] = rng.nextGaussian();
        }
        DMatrixRMaj a = CommonOps_DDRM.identity(Q);
        CommonOps_DDRM.subtractEquals(a, w);
        CommonOps_DDRM.invert(a);
        DMatrixRMaj drive = u.copy();
        for (int i = 0; i < Q; i++) {
            for (int c = 0; c < K; c++) {
                drive.add(i, c, b.data[i]);
            }
        }
        DMatrixRMaj means = CommonOps_DDRM.mult(a, drive, null);
        DMatrixRMaj cov = CommonOps_DDRM.multTransB(a, a, null);
        CommonOps_DDRM.scale(S2, cov);
        return new DMatrixRMaj[] {means, cov};
    }

    @Test
    void gradientsMatchCentralDifferences() {
        DMatrixRMaj[] mom = generatingMoments(1);
        SplittableRandom rng = new SplittableRandom(2);
        Parameter w = new Parameter("W", random(Q, Q, 0.2, rng));
        Parameter u = new Parameter("U", random(Q, K, 0.5, rng));
        Parameter b = new Parameter("b", random(Q, 1, 0.5, rng));
        MomentMatching mm = MomentMatching.ofNoiseVariance(S2);
        mm.evaluate(mom[0], mom[1], w, u, b);
        double worst = 0;
        for (Parameter p : new Parameter[] {w, u, b}) {
            DMatrixRMaj g = p.gradient().copy();
            for (int i = 0; i < p.value().data.length; i++) {
                double x = p.value().data[i];
                double h = 1e-6;
                p.value().data[i] = x + h;
                double up = mm.evaluate(mom[0], mom[1], w, u, b);
                p.value().data[i] = x - h;
                double down = mm.evaluate(mom[0], mom[1], w, u, b);
                p.value().data[i] = x;
                double fd = (up - down) / (2 * h);
                worst = Math.max(worst, Math.abs(fd - g.data[i]) / Math.max(1, Math.abs(fd)));
            }
        }
        assertTrue(worst < 1e-6, "worst relative gradient error " + worst);
    }

    @Test
    void recoversTheGeneratingNetworksMeansAndCovariance() {
        DMatrixRMaj[] mom = generatingMoments(3);
        MomentFit fit = MomentMatching.ofNoiseVariance(S2).withMaxSteps(20000).withTolerance(1e-9)
                .fit(mom[0], mom[1], new DMatrixRMaj(Q, Q));
        assertTrue(fit.converged(), "KL " + fit.kl() + " after " + fit.steps() + " steps");
        // The fitted network's moments equal the recorded ones.
        DMatrixRMaj a = CommonOps_DDRM.identity(Q);
        CommonOps_DDRM.subtractEquals(a, fit.w());
        CommonOps_DDRM.invert(a);
        DMatrixRMaj drive = fit.u().copy();
        for (int i = 0; i < Q; i++) {
            for (int c = 0; c < K; c++) {
                drive.add(i, c, fit.b().data[i]);
            }
        }
        DMatrixRMaj means = CommonOps_DDRM.mult(a, drive, null);
        DMatrixRMaj cov = CommonOps_DDRM.multTransB(a, a, null);
        CommonOps_DDRM.scale(S2, cov);
        for (int i = 0; i < means.data.length; i++) {
            assertEquals(mom[0].data[i], means.data[i], 1e-3, "mean " + i);
        }
        for (int i = 0; i < cov.data.length; i++) {
            assertEquals(mom[1].data[i], cov.data[i], 1e-3, "covariance " + i);
        }
        // The KL never goes below zero and ends far below where it started.
        assertTrue(fit.kl() >= -1e-12 && fit.klTrace()[0] > 100 * fit.kl());
    }

    @Test
    void theSameSeedAndStartGiveTheSameFit() {
        DMatrixRMaj[] mom = generatingMoments(5);
        MomentMatching mm = MomentMatching.ofNoiseVariance(S2).withMaxSteps(300);
        MomentFit a = mm.fit(mom[0], mom[1], new DMatrixRMaj(Q, Q));
        MomentFit b = mm.fit(mom[0], mom[1], new DMatrixRMaj(Q, Q));
        assertEquals(a.kl(), b.kl(), 0);
        for (int i = 0; i < a.w().data.length; i++) {
            assertEquals(a.w().data[i], b.w().data[i], 0);
        }
    }

    private static DMatrixRMaj random(int r, int c, double scale, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = scale * rng.nextGaussian();
        }
        return m;
    }
}
