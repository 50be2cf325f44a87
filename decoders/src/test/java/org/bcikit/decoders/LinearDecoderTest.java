package org.bcikit.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.kalman.KalmanVelocityDecoderTest;
import org.bcikit.decoders.task.SyntheticRig;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class LinearDecoderTest {

    /** Velocities that are an exact affine function of the counts are recovered exactly by least squares. */
    @Test
    void leastSquaresRecoversAnExactLinearMap() {
        SplittableRandom r = new SplittableRandom(1);
        int t = 60;
        int q = 5;
        DMatrixRMaj w = new DMatrixRMaj(2, q);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = r.nextDouble(-2, 2);
        }
        DMatrixRMaj u = new DMatrixRMaj(t, q);
        DMatrixRMaj v = new DMatrixRMaj(t, 2);
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < q; i++) {
                u.set(s, i, r.nextInt(8));
            }
            for (int j = 0; j < 2; j++) {
                double x = j == 0 ? 3 : -1;
                for (int i = 0; i < q; i++) {
                    x += w.get(j, i) * u.get(s, i);
                }
                v.set(s, j, x);
            }
        }
        LinearDecoder d = LinearDecoder.fit(u, v, 0);
        assertTrue(MatrixChecks.maxAbsDiff(w, d.M2()) < 1e-10);
        assertEquals(3, d.m0().get(0), 1e-9);
        assertEquals(-1, d.m0().get(1), 1e-9);
        assertEquals(0, NormOps_DDRM.normF(d.M1()), 0);
        // ridge shrinks the weights
        assertTrue(NormOps_DDRM.normF(LinearDecoder.fit(u, v, 1e3).M2()) < NormOps_DDRM.normF(d.M2()));
    }

    @Test
    void decodesHeldOutSyntheticVelocity() {
        SyntheticRig train = new SyntheticRig(30, 5, 6, 11);
        SyntheticRig test = new SyntheticRig(30, 5, 2, 11, 999);
        LinearDecoder d = LinearDecoder.fit(stack(train, true), stack(train, false), 1.0);
        DMatrixRMaj u = stack(test, true);
        DMatrixRMaj v = stack(test, false);
        double[] out = new double[2];
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int t = 0; t < u.numRows; t++) {
            d.step(KalmanVelocityDecoderTest.rowOf(u, t), out);
            sxy += out[0] * v.get(t, 0);
            sxx += out[0] * out[0];
            syy += v.get(t, 0) * v.get(t, 0);
        }
        // memoryless, so noisier than the Kalman filter, but clearly informative
        assertTrue(sxy / Math.sqrt(sxx * syy) > 0.7, "held-out correlation " + sxy / Math.sqrt(sxx * syy));
    }

    @Test
    void constantUnitIsRankDeficientWithoutRidge() {
        SyntheticRig rig = new SyntheticRig(10, 3, 1, 5);
        DMatrixRMaj u = stack(rig, true);
        for (int t = 0; t < u.numRows; t++) {
            u.set(t, 2, 1);
        }
        DMatrixRMaj v = stack(rig, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> LinearDecoder.fit(u, v, 0));
        assertTrue(e.getMessage().contains("rank-deficient"), e.getMessage());
        assertEquals(10, LinearDecoder.fit(u, v, 0.1).units());
        assertThrows(InvalidInputException.class, () -> LinearDecoder.fit(u, v, 0.1).step(new double[9], new double[2]));
    }

    static DMatrixRMaj stack(SyntheticRig rig, boolean counts) {
        int rows = rig.counts.stream().mapToInt(m -> m.numRows).sum();
        int cols = counts ? rig.counts.get(0).numCols : 2;
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int r = 0;
        for (int i = 0; i < rig.counts.size(); i++) {
            DMatrixRMaj m = counts ? rig.counts.get(i) : rig.velocities.get(i);
            System.arraycopy(m.data, 0, out.data, r * cols, m.getNumElements());
            r += m.numRows;
        }
        return out;
    }
}
