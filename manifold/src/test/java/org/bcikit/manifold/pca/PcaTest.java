package org.bcikit.manifold.pca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.fa.FactorData;
import org.bcikit.manifold.geometry.ParticipationRatio;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.MatrixFeatures_DDRM;
import org.junit.jupiter.api.Test;

class PcaTest {

    /** Independent units with standard deviations 3, 2, 1, 0.5: the axes are the units themselves. */
    private static DMatrixRMaj axisAligned(int n) {
        double[] sd = {3, 2, 1, 0.5};
        SplittableRandom rng = new SplittableRandom(4);
        DMatrixRMaj x = new DMatrixRMaj(n, 4);
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < 4; i++) {
                x.set(t, i, 10 + sd[i] * rng.nextGaussian());
            }
        }
        return x;
    }

    @Test
    void explainedVarianceIsTheUnbiasedSpectrum() {
        DMatrixRMaj x = axisAligned(4000);
        PcaModel m = new Pca(2).fit(x);
        // eigenvalues of the n - 1 covariance, summing to the total variance
        DMatrixRMaj s = Covariance.of(x);
        CommonOps_DDRM.scale(4000 / 3999.0, s);
        double[] all = m.spectrum();
        double sum = 0;
        for (double v : all) {
            sum += v;
        }
        assertEquals(CommonOps_DDRM.trace(s), sum, 1e-9);
        assertEquals(CommonOps_DDRM.trace(s), m.totalVariance(), 1e-9);
        assertEquals(9, m.explainedVariance()[0], 0.5);
        assertEquals(4, m.explainedVariance()[1], 0.25);
        double[] ratio = m.explainedVarianceRatio();
        assertEquals(all[0] / sum, ratio[0], 1e-12);
        assertEquals(ratio[0] + ratio[1], m.cumulativeExplainedVarianceRatio()[1], 1e-12);
        // the first axis is unit 0, the second unit 1, signed positive
        DMatrixRMaj c = m.components();
        assertTrue(c.get(0, 0) > 0.99 && c.get(1, 1) > 0.99, c.toString());
        DMatrixRMaj ctc = new DMatrixRMaj(2, 2);
        CommonOps_DDRM.multTransA(c, c, ctc);
        assertTrue(MatrixFeatures_DDRM.isIdentity(ctc, 1e-12));
        assertEquals(ParticipationRatio.ofEigenvalues(all), m.participationRatio(), 1e-12);
    }

    @Test
    void scoresAreCentredProjectionsWithTheExplainedVariance() {
        DMatrixRMaj x = FactorData.draw(12, 3000, 3, 21).samples();
        PcaModel m = new Pca(3).fit(x);
        DMatrixRMaj z = m.transform(x);
        for (int k = 0; k < 3; k++) {
            double mean = 0;
            double sq = 0;
            for (int t = 0; t < z.numRows; t++) {
                mean += z.get(t, k);
            }
            mean /= z.numRows;
            for (int t = 0; t < z.numRows; t++) {
                sq += (z.get(t, k) - mean) * (z.get(t, k) - mean);
            }
            assertEquals(0, mean, 1e-10);
            assertEquals(m.explainedVariance()[k], sq / (z.numRows - 1), 1e-8 * m.explainedVariance()[k]);
        }
        double[] ratio = m.explainedVarianceRatio();
        assertArrayEquals(new double[] {ratio[0], ratio[0] + ratio[1], ratio[0] + ratio[1] + ratio[2]},
                m.cumulativeExplainedVarianceRatio(), 1e-12);
    }

    @Test
    void badInputIsRejected() {
        DMatrixRMaj x = axisAligned(10);
        assertThrows(InvalidInputException.class, () -> new Pca(0));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new Pca(5).fit(x));
        assertTrue(e.getMessage().contains("at most the number of units"), e.getMessage());
        x.set(2, 1, Double.NaN);
        assertThrows(InvalidInputException.class, () -> new Pca(1).fit(x));
    }
}
