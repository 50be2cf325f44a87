package org.bcikit.manifold.moments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.bcikit.manifold.fa.FactorData;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class CovarianceTest {

    @Test
    void matchesTheDefinitionForEveryRemainderOfRows() {
        for (int n = 5; n <= 9; n++) { // n mod 4 = 1, 2, 3, 0, 1: the blocked and the tail path
            DMatrixRMaj x = FactorData.draw(7, n, 2, n).samples();
            double[] mu = Covariance.mean(x);
            DMatrixRMaj s = Covariance.of(x);
            for (int i = 0; i < 7; i++) {
                double m = 0;
                for (int t = 0; t < n; t++) {
                    m += x.get(t, i);
                }
                assertEquals(m / n, mu[i], 1e-12);
                for (int j = 0; j < 7; j++) {
                    double c = 0;
                    for (int t = 0; t < n; t++) {
                        c += (x.get(t, i) - m / n) * (x.get(t, j) - Covariance.mean(x)[j]);
                    }
                    assertEquals(c / n, s.get(i, j), 1e-10, "S[" + i + "][" + j + "], n = " + n);
                }
            }
        }
    }

    @Test
    void largeOffsetsDoNotCancel() {
        // centring first keeps precision when the mean dwarfs the spread
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{1e8 + 1}, {1e8 - 1}, {1e8 + 1}, {1e8 - 1}, {1e8}});
        assertArrayEquals(new double[] {0.8}, Covariance.of(x).data, 1e-9);
    }
}
