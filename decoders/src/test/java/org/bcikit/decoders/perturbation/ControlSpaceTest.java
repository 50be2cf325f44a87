package org.bcikit.decoders.perturbation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ControlSpaceTest {

    @Test
    void resolvesATinyAngleBetweenControlSpaces() {
        double theta = 1e-9;
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
        // the second row turned by theta towards e3; its cosine 1 - 5e-19 rounds to 1
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{2, 0, 0}, {0, Math.cos(theta), Math.sin(theta)}});
        double[] deg = ControlSpace.principalAnglesDegrees(a, b);
        assertEquals(0, deg[0], 1e-15);
        assertEquals(Math.toDegrees(theta), deg[1], Math.toDegrees(theta) * 1e-9);
    }

    @Test
    void rightAngleAndOrder() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 0, 0, 0}, {0, 1, 0, 0}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{0, 0, 1, 0}, {1, 1, 0, 0}});
        double[] deg = ControlSpace.principalAnglesDegrees(a, b);
        assertEquals(0, deg[0], 1e-12);
        assertEquals(90, deg[1], 1e-12);
    }
}
