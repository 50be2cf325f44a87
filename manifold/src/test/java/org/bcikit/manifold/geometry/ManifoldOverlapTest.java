package org.bcikit.manifold.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class ManifoldOverlapTest {

    private static final DMatrixRMaj E1 = new DMatrixRMaj(new double[][] {{1}, {0}});

    @Test
    void unchangedActivityOverlapsFully() {
        DMatrixRMaj var0 = new DMatrixRMaj(new double[][] {{2, 0.5}, {0.5, 1}});
        assertEquals(1.0, ManifoldOverlap.of(E1, var0, var0), 1e-12);
    }

    @Test
    void handComputedRatio() {
        // before: 2 of 3 units of variance on e1; after: 1 of 2  ->  (1/2) / (2/3) = 0.75
        DMatrixRMaj var0 = CommonOps_DDRM.diag(2, 1);
        DMatrixRMaj var = CommonOps_DDRM.diag(1, 1);
        assertEquals(2.0 / 3, ManifoldOverlap.varianceFraction(E1, var0), 1e-12);
        assertEquals(0.75, ManifoldOverlap.of(E1, var, var0), 1e-12);
    }

    @Test
    void activityLeavingTheManifoldGivesZero() {
        assertEquals(0.0, ManifoldOverlap.of(E1, CommonOps_DDRM.diag(0, 4), CommonOps_DDRM.diag(1, 1)), 1e-12);
    }

    @Test
    void basisScaleAndLayoutDoNotMatter() {
        // a diagonal manifold (e1 + e2)/sqrt2, given unnormalised, as a column and as a row
        DMatrixRMaj col = new DMatrixRMaj(new double[][] {{3}, {3}});
        DMatrixRMaj row = new DMatrixRMaj(new double[][] {{1, 1}});
        DMatrixRMaj var0 = new DMatrixRMaj(new double[][] {{1, 0.8}, {0.8, 1}});
        DMatrixRMaj var = CommonOps_DDRM.diag(1, 1);
        // before: 1.8 of 2 on the diagonal; after: 1 of 2  ->  0.5 / 0.9
        assertEquals(0.5 / 0.9, ManifoldOverlap.of(col, var, var0), 1e-12);
        assertEquals(0.5 / 0.9, ManifoldOverlap.ofRowBasis(row, var, var0), 1e-12);
    }
}
