package org.bcikit.experiments.closedloop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RnnCalibrationTest {

    @Test
    void variancesSurviveALargeMean() {
        // column 0: 1e8 + {0, 1, 2} over two trials, variance 2/3; column 1 constant, variance 0
        List<DMatrixRMaj> trials = List.of(new DMatrixRMaj(new double[][] {{1e8, 5}, {1e8 + 1, 5}}),
                new DMatrixRMaj(new double[][] {{1e8 + 2, 5}}));
        double[] var = RnnCalibration.variances(trials);
        assertEquals(2.0 / 3, var[0], 1e-12);
        assertEquals(0, var[1], 0);
        assertArrayEquals(new int[] {0}, RnnCalibration.mostVariable(trials, 1));
    }
}
