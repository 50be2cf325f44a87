package org.bcikit.manifold.moments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bcikit.manifold.fa.FactorData;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SampleMomentsTest {

    @Test
    void poolingPartsEqualsTheMomentsOfTheWhole() {
        DMatrixRMaj x = FactorData.draw(6, 103, 2, 8).samples();
        DMatrixRMaj a = CommonOps_DDRM.extract(x, 0, 17, 0, 6);
        DMatrixRMaj b = CommonOps_DDRM.extract(x, 17, 60, 0, 6);
        DMatrixRMaj c = CommonOps_DDRM.extract(x, 60, 103, 0, 6);
        SampleMoments whole = Covariance.moments(x);
        SampleMoments pooled = SampleMoments.pool(List.of(Covariance.moments(a), Covariance.moments(b),
                Covariance.moments(c)));
        assertEquals(103, pooled.count());
        assertArrayEquals(whole.mean(), pooled.mean(), 1e-12);
        assertArrayEquals(whole.covariance().data, pooled.covariance().data, 1e-12);
    }

    @Test
    void secondMomentAboutAnotherCentreAddsTheOffset() {
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1, 2}, {3, 2}, {2, 5}});
        SampleMoments m = Covariance.moments(x);
        DMatrixRMaj about = m.secondMomentAbout(new double[] {0, 1});
        // (1/n) sum (x - c)(x - c)^T directly
        double[][] expect = new double[2][2];
        for (int t = 0; t < 3; t++) {
            double u = x.get(t, 0);
            double v = x.get(t, 1) - 1;
            expect[0][0] += u * u / 3;
            expect[0][1] += u * v / 3;
            expect[1][1] += v * v / 3;
        }
        assertEquals(expect[0][0], about.get(0, 0), 1e-12);
        assertEquals(expect[0][1], about.get(0, 1), 1e-12);
        assertEquals(expect[0][1], about.get(1, 0), 1e-12);
        assertEquals(expect[1][1], about.get(1, 1), 1e-12);
    }

    @Test
    void streamedBlocksEqualTheOneShotMomentsDespiteALargeOffset() {
        for (double offset : new double[] {0, 1e3, 1e6}) {
            DMatrixRMaj x = CovarianceTest.randomWithOffset(2003, 37, offset, 5);
            SampleMoments whole = Covariance.moments(x);
            SampleMoments.Accumulator acc = SampleMoments.accumulator(37);
            int t = 0;
            for (int size : new int[] {1, 5, 300, 1024, 0, 673}) { // uneven blocks, the last one partial
                if (size == 0) {
                    acc.add(new double[0], 0);
                } else {
                    acc.add(CommonOps_DDRM.extract(x, t, t + size, 0, 37));
                }
                t += size;
            }
            assertEquals(x.numRows, t);
            SampleMoments streamed = acc.moments();
            assertEquals(2003, streamed.count());
            double[] m = whole.mean();
            double[] ms = streamed.mean();
            DMatrixRMaj s = whole.covarianceView();
            DMatrixRMaj ss = streamed.covarianceView();
            double worst = 0;
            for (int i = 0; i < 37; i++) {
                assertEquals(m[i], ms[i], 1e-12 * Math.abs(m[i]) + 1e-14, "mean " + i + ", offset " + offset);
                for (int j = 0; j < 37; j++) {
                    // relative to the scale of the entry: sqrt(S_ii S_jj)
                    double scale = Math.sqrt(s.get(i, i) * s.get(j, j));
                    worst = Math.max(worst, Math.abs(s.get(i, j) - ss.get(i, j)) / scale);
                    assertEquals(ss.get(i, j), ss.get(j, i), 0.0);
                }
            }
            org.junit.jupiter.api.Assertions.assertTrue(worst < 1e-12, "offset " + offset + ": relative error " + worst);
        }
    }

    @Test
    void streamingNamesABadValueByItsRowInTheStream() {
        SampleMoments.Accumulator acc = SampleMoments.accumulator(2);
        acc.add(new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}}));
        org.bcikit.data.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.bcikit.data.InvalidInputException.class,
                () -> acc.add(new DMatrixRMaj(new double[][] {{1, 2}, {3, Double.NaN}})));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("data[3][1]"), e.getMessage());
    }
}
