package org.bcikit.decoders.kalman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.perturbation.OutsideManifoldPerturbation;
import org.bcikit.decoders.perturbation.Permutations;
import org.bcikit.decoders.perturbation.Perturbation;
import org.bcikit.decoders.perturbation.RotationPerturbation;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.bcikit.decoders.task.SyntheticRig;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class KalmanVelocityDecoderTest {

    static SyntheticRig rig;
    static KalmanVelocityDecoder intuitive;

    @BeforeAll
    static void calibrate() {
        rig = new SyntheticRig(24, 4, 3, 21);
        intuitive = rig.rigDecoder(4);
    }

    @Test
    void matricesFollowTheRigConvention() {
        FactorReadout r = intuitive.readout();
        KalmanModel m = intuitive.model();
        DMatrixRMaj k = intuitive.K();
        DMatrixRMaj expectedM1 = new DMatrixRMaj(2, 2);
        DMatrixRMaj kc = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(k, m.C(), kc);
        DMatrixRMaj ikc = CommonOps_DDRM.identity(2);
        CommonOps_DDRM.subtractEquals(ikc, kc);
        CommonOps_DDRM.mult(ikc, m.A(), expectedM1);
        assertTrue(MatrixChecks.maxAbsDiff(expectedM1, intuitive.M1()) < 1e-12);
        // M2 = K eta Sigma_z beta Sigma_u
        DMatrixRMaj t1 = new DMatrixRMaj(2, r.features());
        CommonOps_DDRM.mult(k, r.eta(), t1);
        DMatrixRMaj t2 = new DMatrixRMaj(2, r.features());
        CommonOps_DDRM.mult(t1, r.sigmaZ(), t2);
        DMatrixRMaj t3 = new DMatrixRMaj(2, r.units());
        CommonOps_DDRM.mult(t2, r.beta(), t3);
        DMatrixRMaj m2 = new DMatrixRMaj(2, r.units());
        CommonOps_DDRM.mult(t3, r.sigmaU(), m2);
        assertTrue(MatrixChecks.maxAbsDiff(m2, intuitive.M2()) < 1e-12);
        // m0 = -K d - M2 mu_u
        DMatrixRMaj m0 = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(-1, k, m.d(), m0);
        CommonOps_DDRM.multAdd(-1, m2, r.muU(), m0);
        assertTrue(MatrixChecks.maxAbsDiff(m0, intuitive.m0()) < 1e-12);
    }

    @Test
    void stepIsTheFilterRecursionAndResetClearsIt() {
        KalmanVelocityDecoder dec = intuitive.fresh();
        double[] u = rowOf(rig.counts.get(0), 5);
        double[] v1 = new double[2];
        double[] v2 = new double[2];
        double[] raw = new double[2];
        dec.step(u, v1);
        dec.rawVelocity(u, raw);
        assertArrayEquals(raw, v1, 1e-12); // from zero state the first step is the raw velocity
        dec.step(u, v2);
        DMatrixRMaj m1 = dec.M1();
        assertEquals(m1.get(0, 0) * v1[0] + m1.get(0, 1) * v1[1] + raw[0], v2[0], 1e-9);
        assertEquals(m1.get(1, 0) * v1[0] + m1.get(1, 1) * v1[1] + raw[1], v2[1], 1e-9);
        dec.reset();
        dec.step(u, v2);
        assertArrayEquals(v1, v2, 1e-12);
    }

    /** Every perturbation leaves the decoded velocity at the mean counts at -K d. */
    @Test
    void perturbationsKeepTheRestingVelocity() {
        double[] mu = intuitive.readout().muU().data;
        DMatrixRMaj kd = new DMatrixRMaj(2, 1);
        CommonOps_DDRM.mult(-1, intuitive.K(), intuitive.model().d(), kd);
        SplittableRandom r = new SplittableRandom(1);
        for (Perturbation p : new Perturbation[] {WithinManifoldPerturbation.random(4, r),
                OutsideManifoldPerturbation.random(24, r)}) {
            double[] v = new double[2];
            p.apply(intuitive).rawVelocity(mu, v);
            assertArrayEquals(kd.data, v, 1e-9, p.describe());
        }
    }

    @Test
    void outsideManifoldPerturbationMovesUnitsAndTheirMeans() {
        int[] perm = Permutations.random(24, new SplittableRandom(2));
        KalmanVelocityDecoder omp = new OutsideManifoldPerturbation(perm).apply(intuitive);
        DMatrixRMaj a = intuitive.M2();
        DMatrixRMaj b = omp.M2();
        for (int i = 0; i < 24; i++) {
            assertEquals(a.get(0, i), b.get(0, perm[i]), 1e-12);
            assertEquals(a.get(1, i), b.get(1, perm[i]), 1e-12);
        }
        // OMP(u) = intuitive(u'') with u''_i = u_perm[i] - mu_perm[i] + mu_i
        double[] mu = intuitive.readout().muU().data;
        double[] u = rowOf(rig.counts.get(3), 10);
        double[] moved = new double[24];
        for (int i = 0; i < 24; i++) {
            moved[i] = u[perm[i]] - mu[perm[i]] + mu[i];
        }
        double[] vo = new double[2];
        double[] vi = new double[2];
        omp.rawVelocity(u, vo);
        intuitive.rawVelocity(moved, vi);
        assertArrayEquals(vi, vo, 1e-9);
    }

    /** A WMP's control space lies in the intrinsic manifold (row space of beta Sigma_u); an OMP's does not. */
    @Test
    void withinManifoldControlStaysInTheManifold() {
        DMatrixRMaj manifold = new DMatrixRMaj(4, 24);
        CommonOps_DDRM.mult(intuitive.readout().beta(), intuitive.readout().sigmaU(), manifold);
        SplittableRandom r = new SplittableRandom(3);
        double wmpOut = outsideFraction(WithinManifoldPerturbation.random(4, r).apply(intuitive).M2(), manifold);
        double ompOut = outsideFraction(OutsideManifoldPerturbation.random(24, r).apply(intuitive).M2(), manifold);
        assertTrue(wmpOut < 1e-10, "WMP leaves the manifold by " + wmpOut);
        assertTrue(ompOut > 0.3, "OMP stays in the manifold: " + ompOut);
    }

    @Test
    void wmpPermutesTheFactorsRead() {
        int[] perm = {2, 0, 3, 1};
        KalmanVelocityDecoder wmp = new WithinManifoldPerturbation(perm).apply(intuitive);
        DMatrixRMaj eta = wmp.readout().eta();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(j == perm[i] ? 1 : 0, eta.get(i, j), 0);
            }
        }
        assertTrue(MatrixChecks.maxAbsDiff(intuitive.K(), wmp.K()) == 0, "K must not change");
    }

    @Test
    void rotationTurnsTheDecodedVelocity() {
        KalmanVelocityDecoder rot = new RotationPerturbation(90).apply(intuitive);
        double[] u = rowOf(rig.counts.get(1), 7);
        double[] v = new double[2];
        double[] w = new double[2];
        KalmanVelocityDecoder a = intuitive.fresh();
        for (int t = 0; t < 3; t++) {
            a.step(u, v);
            rot.step(u, w);
        }
        assertEquals(-v[1], w[0], 1e-9);
        assertEquals(v[0], w[1], 1e-9);
    }

    @Test
    void mismatchedUnitCountsAreRejected() {
        assertThrows(InvalidInputException.class, () -> intuitive.fresh().step(new double[23], new double[2]));
        assertThrows(InvalidInputException.class,
                () -> new OutsideManifoldPerturbation(Permutations.random(10, new SplittableRandom(1))).apply(intuitive));
        assertThrows(InvalidInputException.class, () -> new WithinManifoldPerturbation(new int[] {0, 0, 1, 2}));
    }

    static double outsideFraction(DMatrixRMaj m2, DMatrixRMaj manifoldRows) {
        // residual of M2's rows after projection onto the manifold's row space, relative to their norm
        DMatrixRMaj g = new DMatrixRMaj(manifoldRows.numRows, manifoldRows.numRows);
        CommonOps_DDRM.multTransB(manifoldRows, manifoldRows, g);
        DMatrixRMaj rhs = new DMatrixRMaj(manifoldRows.numRows, 2);
        CommonOps_DDRM.multTransB(manifoldRows, m2, rhs);
        DMatrixRMaj coef = new DMatrixRMaj(manifoldRows.numRows, 2);
        CommonOps_DDRM.solve(g, rhs, coef);
        DMatrixRMaj proj = new DMatrixRMaj(2, m2.numCols);
        CommonOps_DDRM.multTransA(coef, manifoldRows, proj);
        DMatrixRMaj res = m2.copy();
        CommonOps_DDRM.subtractEquals(res, proj);
        return NormOps_DDRM.normF(res) / NormOps_DDRM.normF(m2);
    }

    public static double[] rowOf(DMatrixRMaj m, int row) {
        double[] out = new double[m.numCols];
        System.arraycopy(m.data, row * m.numCols, out, 0, m.numCols);
        return out;
    }
}
