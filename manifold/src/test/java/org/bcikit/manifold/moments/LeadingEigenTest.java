package org.bcikit.manifold.moments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bcikit.manifold.fa.FactorData;
import org.bcikit.manifold.geometry.PrincipalAngles;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class LeadingEigenTest {

    @Test
    void matchesTheFullDecompositionOnAFactorCovariance() {
        // 6 factors in 160 units: the subspace iteration path (block 10, 4 x 10 <= 160)
        DMatrixRMaj s = Covariance.of(FactorData.draw(160, 3000, 6, 2).samples());
        SymmetricEigen full = SymmetricEigen.descending(s);
        for (int k : new int[] {1, 3, 6}) {
            SymmetricEigen lead = LeadingEigen.of(s, k);
            assertEquals(k, lead.values().length);
            for (int r = 0; r < k; r++) {
                assertEquals(full.values()[r], lead.values()[r], 1e-10 * full.values()[0], "eigenvalue " + r);
                for (int i = 0; i < 160; i++) {
                    // the same sign convention: the same vectors, not just the same span
                    assertEquals(full.vectors().get(i, r), lead.vectors().get(i, r), 1e-7, "vector " + r + ", entry " + i);
                }
            }
            DMatrixRMaj top = new DMatrixRMaj(160, k);
            CommonOps_DDRM.extract(full.vectors(), 0, 160, 0, k, top, 0, 0);
            assertTrue(PrincipalAngles.largestDegrees(top, lead.vectors()) < 1e-6);
        }
    }

    @Test
    void residualsAreWithinTheTolerance() {
        DMatrixRMaj s = Covariance.of(FactorData.draw(200, 2000, 8, 4).samples());
        SymmetricEigen lead = LeadingEigen.of(s, 8);
        DMatrixRMaj v = lead.vectors();
        DMatrixRMaj sv = new DMatrixRMaj(200, 8);
        CommonOps_DDRM.mult(s, v, sv);
        for (int r = 0; r < 8; r++) {
            double sum = 0;
            double norm = 0;
            for (int i = 0; i < 200; i++) {
                double e = sv.get(i, r) - lead.values()[r] * v.get(i, r);
                sum += e * e;
                norm += v.get(i, r) * v.get(i, r);
            }
            assertEquals(1, norm, 1e-12, "unit norm, vector " + r);
            assertTrue(Math.sqrt(sum) <= 2 * LeadingEigen.TOLERANCE * lead.values()[0], "residual of pair " + r + ": " + Math.sqrt(sum));
        }
    }

    @Test
    void withoutAGapItFallsBackToTheFullDecomposition() {
        // eigenvalues 2, then 1 - 1e-7 j: the ratio after the block is ~1, far too slow to
        // converge in the iteration budget; the answer must still be the exact one
        int q = 120;
        DMatrixRMaj rotation = SymmetricEigen.descending(SymmetricProductTest.symmetric(q, 9)).vectors();
        DMatrixRMaj d = new DMatrixRMaj(q, q);
        d.set(0, 0, 2);
        for (int j = 1; j < q; j++) {
            d.set(j, j, 1 - 1e-7 * j);
        }
        DMatrixRMaj tmp = new DMatrixRMaj(q, q);
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        CommonOps_DDRM.mult(rotation, d, tmp);
        CommonOps_DDRM.multTransB(tmp, rotation, s);
        SymmetricEigen lead = LeadingEigen.of(s, 3);
        SymmetricEigen full = SymmetricEigen.descending(s);
        for (int r = 0; r < 3; r++) {
            assertEquals(full.values()[r], lead.values()[r], 1e-12);
            for (int i = 0; i < q; i++) {
                assertEquals(full.vectors().get(i, r), lead.vectors().get(i, r), 1e-12);
            }
        }
    }
}
