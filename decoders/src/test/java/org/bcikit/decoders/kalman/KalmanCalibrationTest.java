package org.bcikit.decoders.kalman;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.task.SyntheticRig;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class KalmanCalibrationTest {

    @Test
    void decodesHeldOutIntendedVelocity() {
        SyntheticRig train = new SyntheticRig(30, 5, 6, 11);
        // same population (same seed), fresh calibration-like trials from another random stream
        SyntheticRig test = new SyntheticRig(30, 5, 2, 11, 999);
        for (KalmanVelocityDecoder dec : new KalmanVelocityDecoder[] {train.rigDecoder(5),
                KalmanCalibration.fittedDynamics().fit(train.counts, train.velocities, SyntheticRig.ppca(5))}) {
            double[] r = correlation(dec, test);
            assertTrue(r[0] > 0.9 && r[1] > 0.9, "held-out correlation " + r[0] + ", " + r[1]);
        }
    }

    static double[] correlation(KalmanVelocityDecoder dec, SyntheticRig data) {
        double[][] sums = new double[2][5];
        double[] v = new double[2];
        for (int i = 0; i < data.counts.size(); i++) {
            dec.reset();
            DMatrixRMaj c = data.counts.get(i);
            for (int t = 0; t < c.numRows; t++) {
                dec.step(KalmanVelocityDecoderTest.rowOf(c, t), v);
                for (int j = 0; j < 2; j++) {
                    double x = data.velocities.get(i).get(t, j);
                    double y = v[j];
                    sums[j][0] += x;
                    sums[j][1] += y;
                    sums[j][2] += x * x;
                    sums[j][3] += y * y;
                    sums[j][4] += x * y;
                }
            }
        }
        double n = data.counts.stream().mapToInt(m -> m.numRows).sum();
        double[] r = new double[2];
        for (int j = 0; j < 2; j++) {
            double[] s = sums[j];
            r[j] = (s[4] - s[0] * s[1] / n) / Math.sqrt((s[2] - s[0] * s[0] / n) * (s[3] - s[1] * s[1] / n));
        }
        return r;
    }

    @Test
    void silentUnitIsRankDeficient() {
        SyntheticRig rig = new SyntheticRig(10, 3, 2, 5);
        for (DMatrixRMaj c : rig.counts) {
            for (int t = 0; t < c.numRows; t++) {
                c.set(t, 4, 0);
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KalmanCalibration.fittedDynamics().fit(rig.counts, rig.velocities, SyntheticRig.ppca(3)));
        assertTrue(e.getMessage().contains("unit 4"), e.getMessage());
    }

    @Test
    void velocitiesAlongOneLineAreRankDeficient() {
        SyntheticRig rig = new SyntheticRig(10, 3, 2, 5);
        for (DMatrixRMaj v : rig.velocities) {
            for (int t = 0; t < v.numRows; t++) {
                v.set(t, 1, 2 * v.get(t, 0));
            }
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> KalmanCalibration.fittedDynamics().fit(rig.counts, rig.velocities, SyntheticRig.ppca(3)));
        assertTrue(e.getMessage().contains("rank-deficient"), e.getMessage());
    }

    @Test
    void fewerBinsThanUnitsIsRankDeficient() {
        SyntheticRig rig = new SyntheticRig(40, 3, 1, 5);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KalmanCalibration.fittedDynamics()
                .fit(List.of(rig.counts.get(0)), List.of(rig.velocities.get(0)), SyntheticRig.ppca(3)));
        assertTrue(e.getMessage().contains("rank-deficient"), e.getMessage());
    }

    @Test
    void mismatchedUnitCountsAcrossTrialsAreRejected() {
        SyntheticRig a = new SyntheticRig(10, 3, 1, 5);
        SyntheticRig b = new SyntheticRig(12, 3, 1, 5);
        assertThrows(InvalidInputException.class, () -> KalmanCalibration.fittedDynamics().fit(
                List.of(a.counts.get(0), b.counts.get(1)), List.of(a.velocities.get(0), b.velocities.get(1)),
                SyntheticRig.ppca(3)));
    }
}
