package org.bcikit.manifold.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ParticipationRatioTest {

    @Test
    void isotropicVarianceUsesEveryDimension() {
        DMatrixRMaj c = CommonOps_DDRM.diag(2, 2, 2, 2);
        assertEquals(4.0, ParticipationRatio.ofCovariance(c), 1e-12);
        assertEquals(1.0, ParticipationRatio.normalisedOfCovariance(c), 1e-12);
    }

    @Test
    void oneDimensionHoldingAllVarianceGivesOne() {
        DMatrixRMaj c = CommonOps_DDRM.diag(5, 0, 0);
        assertEquals(1.0, ParticipationRatio.ofCovariance(c), 1e-12);
        assertEquals(1.0 / 3, ParticipationRatio.normalisedOfCovariance(c), 1e-12);
    }

    @Test
    void unevenSpectrumMatchesClosedForm() {
        // (3 + 1)^2 / (9 + 1) = 1.6
        assertEquals(1.6, ParticipationRatio.ofEigenvalues(new double[] {3, 1}), 1e-12);
        assertEquals(1.6, ParticipationRatio.ofCovariance(CommonOps_DDRM.diag(3, 1)), 1e-12);
    }

    @Test
    void invariantUnderRotation() {
        double a = 0.7;
        DMatrixRMaj r = new DMatrixRMaj(new double[][] {{Math.cos(a), -Math.sin(a)}, {Math.sin(a), Math.cos(a)}});
        DMatrixRMaj d = CommonOps_DDRM.diag(3, 1);
        DMatrixRMaj rd = new DMatrixRMaj(2, 2);
        DMatrixRMaj c = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.mult(r, d, rd);
        CommonOps_DDRM.multTransB(rd, r, c);
        assertEquals(1.6, ParticipationRatio.ofCovariance(c), 1e-12);
    }

    @Test
    void fromDataOfTwoPerfectlyCorrelatedUnitsIsOne() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {2, 4}, {3, 6}, {4, 8}});
        assertEquals(1.0, ParticipationRatio.ofData(x), 1e-12);
    }

    @Test
    void noVarianceIsRejected() {
        assertThrows(InvalidInputException.class, () -> ParticipationRatio.ofCovariance(new DMatrixRMaj(3, 3)));
        assertThrows(InvalidInputException.class, () -> ParticipationRatio.ofEigenvalues(new double[] {1, -1}));
    }
}
