package org.bcikit.decoders.kalman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.NumericalFailureException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SteadyStateKalmanTest {

    /** A = I, Q = q I, C = I, R = r I decouples into scalar filters with a closed-form steady state. */
    @Test
    void matchesTheScalarClosedForm() {
        double q = 2000;
        double r = 350;
        KalmanModel m = new KalmanModel(CommonOps_DDRM.identity(2), CommonOps_DDRM.diag(q, q),
                CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 1), CommonOps_DDRM.diag(r, r));
        SteadyStateKalman.Result res = SteadyStateKalman.solve(m);
        // prior variance P solves P = P r / (P + r) + q
        double p = (q + Math.sqrt(q * q + 4 * q * r)) / 2;
        double k = p / (p + r);
        assertEquals(k, res.gain().get(0, 0), 1e-12);
        assertEquals(k, res.gain().get(1, 1), 1e-12);
        assertEquals(0, res.gain().get(0, 1), 1e-15);
        assertEquals(p * r / (p + r), res.covariance().get(0, 0), 1e-9);
    }

    /** For a random model the converged gain is a fixed point of one more Riccati step. */
    @Test
    void gainIsAFixedPointOfTheRecursion() {
        SplittableRandom rnd = new SplittableRandom(4);
        int d = 6;
        DMatrixRMaj c = new DMatrixRMaj(d, 2);
        DMatrixRMaj l = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            c.set(i, 0, rnd.nextGaussian());
            c.set(i, 1, rnd.nextGaussian());
            for (int j = 0; j < d; j++) {
                l.set(i, j, 0.3 * rnd.nextGaussian());
            }
        }
        DMatrixRMaj r = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.multAddTransB(l, l, r);
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 0.9, 0.05, -0.05, 0.85);
        KalmanModel m = new KalmanModel(a, CommonOps_DDRM.diag(3, 2), c, new DMatrixRMaj(d, 1), r);
        SteadyStateKalman.Result res = SteadyStateKalman.solve(m);
        DMatrixRMaj p = res.covariance();
        DMatrixRMaj pPred = new DMatrixRMaj(2, 2);
        DMatrixRMaj t = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(a, p, t);
        CommonOps_DDRM.multTransB(t, a, pPred);
        CommonOps_DDRM.addEquals(pPred, CommonOps_DDRM.diag(3, 2));
        DMatrixRMaj cp = new DMatrixRMaj(d, 2);
        CommonOps_DDRM.mult(c, pPred, cp);
        DMatrixRMaj s = r.copy();
        CommonOps_DDRM.multAddTransB(cp, c, s);
        DMatrixRMaj kt = new DMatrixRMaj(d, 2);
        CommonOps_DDRM.solve(s, cp, kt);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < d; j++) {
                assertEquals(kt.get(j, i), res.gain().get(i, j), 1e-10);
            }
        }
        assertTrue(res.iterations() > 1);
    }

    @Test
    void unstableUnobservedDynamicsDoNotConverge() {
        KalmanModel m = new KalmanModel(CommonOps_DDRM.diag(2, 2), CommonOps_DDRM.identity(2), new DMatrixRMaj(3, 2),
                new DMatrixRMaj(3, 1), CommonOps_DDRM.identity(3));
        NumericalFailureException e = assertThrows(NumericalFailureException.class, () -> SteadyStateKalman.solve(m));
        assertTrue(e.getMessage().contains("Riccati"), e.getMessage());
    }

    @Test
    void iterationCapIsReportedAsNonConvergence() {
        KalmanModel m = new KalmanModel(CommonOps_DDRM.identity(2), CommonOps_DDRM.identity(2),
                CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 1), CommonOps_DDRM.identity(2));
        NumericalFailureException e = assertThrows(NumericalFailureException.class,
                () -> SteadyStateKalman.solve(m, 1e-13, 3));
        assertTrue(e.getMessage().contains("did not converge in 3 iterations"), e.getMessage());
    }

    @Test
    void observationNoiseMustBePositiveDefinite() {
        KalmanModel m = new KalmanModel(CommonOps_DDRM.identity(2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2),
                new DMatrixRMaj(2, 1), CommonOps_DDRM.diag(1, -1));
        assertThrows(NumericalFailureException.class, () -> SteadyStateKalman.solve(m));
    }
}
