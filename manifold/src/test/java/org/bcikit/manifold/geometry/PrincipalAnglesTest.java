package org.bcikit.manifold.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class PrincipalAnglesTest {

    /** span(e1, e2) against span(e1, cos t e2 + sin t e3): angles 0 and t. */
    private static double[] planesAt(double t) {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 0}, {0, Math.cos(t)}, {0, Math.sin(t)}, {0, 0}});
        return PrincipalAngles.between(a, b);
    }

    @Test
    void tiltedPlaneHasOneZeroAndOneTiltAngle() {
        assertArrayEquals(new double[] {0, 0.6}, planesAt(0.6), 1e-12);
        assertArrayEquals(new double[] {0, 1.2}, planesAt(1.2), 1e-12);
    }

    @Test
    void tinyAnglesAreResolved() {
        // the cosine of 1e-9 rounds to 1; the sine-based branch must still see the angle
        assertEquals(1e-9, planesAt(1e-9)[1], 1e-15);
    }

    @Test
    void orthogonalSubspacesAreAtRightAngles() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1}, {0}, {0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{0, 0}, {1, 0}, {0, 1}});
        assertArrayEquals(new double[] {Math.PI / 2}, PrincipalAngles.between(a, b), 1e-12);
        assertArrayEquals(new double[] {Math.PI / 2}, PrincipalAngles.between(b, a), 1e-12);
    }

    @Test
    void dependsOnlyOnTheSpanNotTheBasis() {
        double t = 0.3;
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}, {0, 0}});
        // columns mixed and scaled: 2 e1 + (cos t e2 + sin t e3), -3 (cos t e2 + sin t e3)
        double c = Math.cos(t), s = Math.sin(t);
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{2, 0}, {c, -3 * c}, {s, -3 * s}, {0, 0}});
        assertArrayEquals(new double[] {0, t}, PrincipalAngles.between(a, b), 1e-12);
        assertEquals(Math.toDegrees(t), PrincipalAngles.largestDegrees(a, b), 1e-10);
    }

    @Test
    void lineInsidePlaneHasZeroAngle() {
        DMatrixRMaj plane = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}, {0, 0}});
        DMatrixRMaj line = new DMatrixRMaj(new double[][] {{3}, {4}, {0}});
        assertEquals(0.0, PrincipalAngles.largest(plane, line), 1e-12);
    }

    @Test
    void dependentColumnsAreRejected() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {1, 2}, {0, 0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1}, {0}, {0}});
        assertThrows(InvalidInputException.class, () -> PrincipalAngles.between(a, b));
    }
}
