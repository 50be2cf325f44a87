package org.bcikit.decoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RegressionTest {

    @Test
    void illConditionedFitHasItsExactAnswer() {
        // y = 3 + 2 x with x = 1e4 + t: cond(X) ~ 1e7, so the normal equations (cond^2 ~ 1e14)
        // lose the intercept; every value here is exact in double
        int n = 10;
        DMatrixRMaj x = new DMatrixRMaj(n, 2);
        DMatrixRMaj y = new DMatrixRMaj(n, 2);
        for (int t = 0; t < n; t++) {
            double v = 1e4 + t;
            x.set(t, 0, 1);
            x.set(t, 1, v);
            y.set(t, 0, 3 + 2 * v);
            y.set(t, 1, -1 + 0.5 * v);
        }
        DMatrixRMaj b = Regression.leastSquares(x, y, "test", "test");
        assertEquals(3, b.get(0, 0), 1e-6);
        assertEquals(2, b.get(1, 0), 1e-10);
        assertEquals(-1, b.get(0, 1), 1e-6);
        assertEquals(0.5, b.get(1, 1), 1e-10);
    }

    @Test
    void rankDeficientDataIsRefused() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}, {3, 6}});
        assertFalse(Regression.fullColumnRank(x));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Regression.leastSquares(x, new DMatrixRMaj(3, 1), "calibration velocities", "collinear"));
        assertEquals("calibration velocities: rank-deficient calibration data: collinear", e.getMessage());
    }
}
