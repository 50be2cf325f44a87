package org.bcikit.decoders.adaptive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.bcikit.decoders.kalman.KalmanModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** SmoothBatch and RML against their closed forms on batches with a known least-squares answer. */
class ObservationUpdateTest {

    /** Regressors [x1, x2, 1] of four bins; full column rank. */
    private static final DMatrixRMaj X = new DMatrixRMaj(new double[][] {{1, 0, 1}, {0, 1, 1}, {-1, 0, 1}, {0, -2, 1}});

    /** Features y = C x + d exactly, for C = [[2, -1], [0.5, 3]], d = (1, -4). */
    private static DMatrixRMaj features(double c00, double c01, double c10, double c11, double d0, double d1) {
        DMatrixRMaj y = new DMatrixRMaj(X.numRows, 2);
        for (int t = 0; t < X.numRows; t++) {
            y.set(t, 0, c00 * X.get(t, 0) + c01 * X.get(t, 1) + d0);
            y.set(t, 1, c10 * X.get(t, 0) + c11 * X.get(t, 1) + d1);
        }
        return y;
    }

    private static KalmanModel old() {
        return new KalmanModel(CommonOps_DDRM.diag(0.9, 0.9), CommonOps_DDRM.identity(2),
                new DMatrixRMaj(new double[][] {{4, 0}, {0, 4}}), new DMatrixRMaj(new double[][] {{2}, {2}}),
                CommonOps_DDRM.diag(3, 5));
    }

    @Test
    void smoothBatchBlendsTheExactFitWithTheOldModelByHalfLife() {
        SmoothBatch rule = new SmoothBatch(60);
        assertEquals(0.5, rule.rho(60), 1e-15);
        assertEquals(0.25, rule.rho(120), 1e-15);
        // one half-life: halfway between the exact fit (residuals 0) and the old model
        KalmanModel m = rule.update(old(), X, features(2, -1, 0.5, 3, 1, -4), 60);
        DMatrixRMaj c = m.C();
        assertEquals(0.5 * 2 + 0.5 * 4, c.get(0, 0), 1e-12);
        assertEquals(0.5 * -1, c.get(0, 1), 1e-12);
        assertEquals(0.5 * 0.5, c.get(1, 0), 1e-12);
        assertEquals(0.5 * 3 + 0.5 * 4, c.get(1, 1), 1e-12);
        assertEquals(0.5 * 1 + 0.5 * 2, m.d().get(0, 0), 1e-12);
        assertEquals(0.5 * -4 + 0.5 * 2, m.d().get(1, 0), 1e-12);
        assertEquals(1.5, m.R().get(0, 0), 1e-12);
        assertEquals(2.5, m.R().get(1, 1), 1e-12);
        assertEquals(0, m.R().get(0, 1), 1e-12);
    }

    @Test
    void smoothBatchSkipsABatchThatSpansOneDirection() {
        DMatrixRMaj flat = new DMatrixRMaj(new double[][] {{1, 0, 1}, {2, 0, 1}, {3, 0, 1}});
        assertNull(new SmoothBatch(60).update(old(), flat, new DMatrixRMaj(3, 2), 60));
    }

    @Test
    void rmlFirstBatchIsTheLeastSquaresFitAndForgettingWeighsBatches() {
        RecursiveMaximumLikelihood rml = new RecursiveMaximumLikelihood(0.5);
        KalmanModel first = rml.update(old(), X, features(2, -1, 0.5, 3, 1, -4), 1);
        assertEquals(2, first.C().get(0, 0), 1e-12);
        assertEquals(-1, first.C().get(0, 1), 1e-12);
        assertEquals(3, first.C().get(1, 1), 1e-12);
        assertEquals(-4, first.d().get(1, 0), 1e-12);
        assertEquals(0, first.R().get(0, 0), 1e-12);
        // second batch: features 0 (C = 0, d = 0) on the same regressors. With Rx = (1 + lambda) X^T X
        // and S = lambda Y1^T X, the fit is lambda / (1 + lambda) of the first = 1/3 of it
        KalmanModel second = rml.update(first, X, new DMatrixRMaj(X.numRows, 2), 1);
        assertEquals(2.0 / 3, second.C().get(0, 0), 1e-12);
        assertEquals(-1.0 / 3, second.C().get(0, 1), 1e-12);
        assertEquals(1.0 / 6, second.C().get(1, 0), 1e-12);
        assertEquals(-4.0 / 3, second.d().get(1, 0), 1e-12);
        // R = weighted residual sum of squares / (lambda n + n): residuals (2/3) y1 (weight 1/2) and
        // -(1/3) y1 (weight 1), so R = (1/2 * 4/9 + 1/9) sum(y1^2) / (1.5 * 4) = sum(y1^2) / 18
        DMatrixRMaj y1 = features(2, -1, 0.5, 3, 1, -4);
        double ss0 = 0;
        for (int t = 0; t < X.numRows; t++) {
            ss0 += y1.get(t, 0) * y1.get(t, 0);
        }
        assertEquals(ss0 / 18, second.R().get(0, 0), 1e-12);
    }
}
