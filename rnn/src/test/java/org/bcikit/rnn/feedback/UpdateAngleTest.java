package org.bcikit.rnn.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class UpdateAngleTest {

    @Test
    void closedFormAngles() {
        DMatrixRMaj a = new DMatrixRMaj(2, 2, true, 1, 0, 0, 0);
        assertEquals(0, UpdateAngle.degrees(a, new DMatrixRMaj(2, 2, true, 3, 0, 0, 0)), 1e-9);
        assertEquals(90, UpdateAngle.degrees(a, new DMatrixRMaj(2, 2, true, 0, 1, 0, 0)), 1e-9);
        assertEquals(180, UpdateAngle.degrees(a, new DMatrixRMaj(2, 2, true, -2, 0, 0, 0)), 1e-9);
        assertEquals(45, UpdateAngle.degrees(a, new DMatrixRMaj(2, 2, true, 1, 0, 0, 1)), 1e-9);
    }
}
