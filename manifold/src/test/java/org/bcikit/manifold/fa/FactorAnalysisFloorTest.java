package org.bcikit.manifold.fa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** The Heywood floor switched off ({@code withMinVarianceFraction(0)}: scikit-learn's model). */
class FactorAnalysisFloorTest {

    @Test
    void withoutTheFloorTheFitReachesTheUnflooredMaximum() {
        int q = 10;
        int d = 2;
        int n = 4000;
        SplittableRandom rng = new SplittableRandom(21);
        DMatrixRMaj l = new DMatrixRMaj(q, d);
        for (int k = 0; k < l.data.length; k++) {
            l.data[k] = rng.nextGaussian();
        }
        double[] psi = new double[q];
        for (int i = 0; i < q; i++) {
            double shared = l.get(i, 0) * l.get(i, 0) + l.get(i, 1) * l.get(i, 1);
            // units 0 and 1: private variance 0.3% of the shared one, below the default 1% floor
            psi[i] = i < 2 ? 0.003 * shared : 0.5;
        }
        DMatrixRMaj x = new DMatrixRMaj(n, q);
        for (int t = 0; t < n; t++) {
            double z0 = rng.nextGaussian();
            double z1 = rng.nextGaussian();
            for (int i = 0; i < q; i++) {
                x.set(t, i, 3 + l.get(i, 0) * z0 + l.get(i, 1) * z1 + Math.sqrt(psi[i]) * rng.nextGaussian());
            }
        }
        DMatrixRMaj s = Covariance.of(x);
        FactorModel floored = new FactorAnalysis(d).fit(x);
        FactorModel free = new FactorAnalysis(d).withMinVarianceFraction(0).fit(x);
        // the default floor binds on unit 0 or 1
        double[] pf = floored.privateVariances();
        assertTrue(pf[0] <= 0.01 * s.get(0, 0) * (1 + 1e-9) || pf[1] <= 0.01 * s.get(1, 1) * (1 + 1e-9),
                "floor does not bind: " + pf[0] / s.get(0, 0) + ", " + pf[1] / s.get(1, 1));
        assertTrue(free.converged());
        assertTrue(free.logLikelihoodPerSample() > floored.logLikelihoodPerSample() + 1e-3,
                free.logLikelihoodPerSample() + " vs floored " + floored.logLikelihoodPerSample());
        double[] p0 = free.privateVariances();
        assertTrue(p0[0] < 0.01 * s.get(0, 0) && p0[1] < 0.01 * s.get(1, 1), "unfloored psi above the floor");

        double[] reference = plainEm(s, d, 20_000);
        assertEquals(reference[0], free.logLikelihoodPerSample(), 1e-7, "against an independent EM without floor");
        // the likelihood is flat along these two (1% apart after 20000 plain steps), but both are
        // about 100 times below the floor the default fit stops at
        assertEquals(reference[1], p0[0], 0.03 * reference[1]);
        assertEquals(reference[2], p0[1], 0.03 * reference[2]);
    }

    /**
     * Textbook EM (Rubin and Thayer) with dense q x q inverses and no floor, from a start unrelated
     * to the fitted one's: {log-likelihood per sample, psi_0, psi_1}.
     */
    private static double[] plainEm(DMatrixRMaj s, int d, int iterations) {
        int q = s.numRows;
        DMatrixRMaj l = new DMatrixRMaj(q, d);
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < d; k++) {
                l.set(i, k, Math.sqrt(s.get(i, i)) * (i % (k + 2) == 0 ? 0.5 : -0.3 + 0.1 * k));
            }
        }
        double[] psi = new double[q];
        for (int i = 0; i < q; i++) {
            psi[i] = s.get(i, i);
        }
        DMatrixRMaj sigma = new DMatrixRMaj(q, q);
        DMatrixRMaj sigmaInv = new DMatrixRMaj(q, q);
        DMatrixRMaj beta = new DMatrixRMaj(d, q);
        DMatrixRMaj betaS = new DMatrixRMaj(d, q);
        DMatrixRMaj ezz = new DMatrixRMaj(d, d);
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        for (int it = 0; it < iterations; it++) {
            CommonOps_DDRM.multTransB(l, l, sigma);
            for (int i = 0; i < q; i++) {
                sigma.add(i, i, psi[i]);
            }
            CommonOps_DDRM.invert(sigma, sigmaInv);
            CommonOps_DDRM.multTransA(l, sigmaInv, beta);
            CommonOps_DDRM.mult(beta, s, betaS);
            CommonOps_DDRM.mult(beta, l, tmp);
            CommonOps_DDRM.multTransB(betaS, beta, ezz);
            CommonOps_DDRM.subtractEquals(ezz, tmp);
            for (int k = 0; k < d; k++) {
                ezz.add(k, k, 1);
            }
            CommonOps_DDRM.invert(ezz);
            CommonOps_DDRM.multTransA(betaS, ezz, l); // S beta^T E[zz^T]^-1
            for (int i = 0; i < q; i++) {
                double explained = 0;
                for (int k = 0; k < d; k++) {
                    explained += l.get(i, k) * betaS.get(k, i);
                }
                psi[i] = Math.max(s.get(i, i) - explained, 1e-12);
            }
        }
        CommonOps_DDRM.multTransB(l, l, sigma);
        for (int i = 0; i < q; i++) {
            sigma.add(i, i, psi[i]);
        }
        CommonOps_DDRM.invert(sigma, sigmaInv);
        double logDet = Math.log(CommonOps_DDRM.det(sigma));
        double trace = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                trace += sigmaInv.get(i, j) * s.get(j, i);
            }
        }
        return new double[] {-0.5 * (q * Math.log(2 * Math.PI) + logDet + trace), psi[0], psi[1]};
    }
}
