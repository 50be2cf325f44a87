package org.bcikit.manifold.moments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void theVectorKernelRunsUnderTheBuild() {
        // surefire adds the incubator module, so the SIMD kernel is the one tested by default
        assertTrue(Covariance.KERNEL instanceof VectorScatter, "surefire must pass --add-modules jdk.incubator.vector");
    }

    @Test
    void plainKernelEqualsTheUnblockedOneBitForBit() {
        // q across tile boundaries, n across chunk boundaries and every remainder mod 4
        int[][] shapes = {{1, 3}, {5, 2}, {7, 9}, {33, 131},
            {417, 514}, {3, 129}, {150, 1001}, {300, 260}};
        for (int[] shape : shapes) {
            int q = shape[0];
            int n = shape[1];
            DMatrixRMaj x = randomWithOffset(n, q, 1e3, 11 + q + n);
            double[] mu = Covariance.mean(x);
            DMatrixRMaj reference = Covariance.ofUnblocked(x, mu);
            for (boolean parallel : new boolean[] {false, true}) {
                assertArrayEquals(reference.data, with(new ScalarScatter(), x, mu, parallel).data, 0.0,
                        "q = " + q + ", n = " + n);
            }
        }
    }

    @Test
    void bothKernelsEqualATwoPassCovarianceOnAwkwardSizes() {
        // p = 1, n = 1, p not a multiple of the SIMD block (24 or 12 columns) nor of 4 rows,
        // n across the 128-sample chunks
        int[][] shapes = {{1, 1}, {1, 7}, {6, 1}, {1, 300}, {25, 3}, {23, 129}, {49, 257}, {131, 1000}};
        for (ScatterKernel kernel : new ScatterKernel[] {new ScalarScatter(), new VectorScatter()}) {
            for (int[] shape : shapes) {
                int q = shape[0];
                int n = shape[1];
                DMatrixRMaj x = randomWithOffset(n, q, 50.0, 7 + q * n);
                double[] mu = Covariance.mean(x);
                DMatrixRMaj s = with(kernel, x, mu, true);
                for (int i = 0; i < q; i++) {
                    for (int j = 0; j < q; j++) {
                        double c = 0;
                        for (int t = 0; t < n; t++) {
                            c += (x.get(t, i) - mu[i]) * (x.get(t, j) - mu[j]);
                        }
                        c /= n;
                        double scale = Math.sqrt(s.get(i, i) * s.get(j, j)) + 1e-300;
                        assertEquals(c, s.get(i, j), 1e-12 * scale,
                                kernel.getClass().getSimpleName() + " S[" + i + "][" + j + "], " + q + " x " + n);
                    }
                }
            }
        }
    }

    @Test
    void identicalOnAnyNumberOfThreads() throws Exception {
        // large enough to run in parallel: n q^2 above the threshold, several bands
        DMatrixRMaj x = randomWithOffset(1201, 413, 5.0, 3);
        double[] mu = Covariance.mean(x);
        for (ScatterKernel kernel : new ScatterKernel[] {new ScalarScatter(), new VectorScatter()}) {
            DMatrixRMaj one = with(kernel, x, mu, false);
            for (int threads : new int[] {2, 3, 7}) {
                java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
                try {
                    DMatrixRMaj s = pool.submit(() -> with(kernel, x, mu, true)).get();
                    assertArrayEquals(one.data, s.data, 0.0, kernel.getClass().getSimpleName() + ", " + threads + " threads");
                } finally {
                    pool.shutdown();
                }
            }
            // and the bands agree with the definition
            int q = x.numCols;
            for (int[] ij : new int[][] {{0, 0}, {5, q - 1}, {200, 201}, {q - 1, q - 1}}) {
                double c = 0;
                for (int t = 0; t < x.numRows; t++) {
                    c += (x.get(t, ij[0]) - mu[ij[0]]) * (x.get(t, ij[1]) - mu[ij[1]]);
                }
                assertEquals(c / x.numRows, one.get(ij[0], ij[1]), 1e-12 * Math.abs(c / x.numRows) + 1e-14);
                assertEquals(one.get(ij[0], ij[1]), one.get(ij[1], ij[0]), 0.0);
            }
        }
    }

    /** The covariance as {@link Covariance#of(DMatrixRMaj, double[], boolean)} builds it, with a given kernel. */
    private static DMatrixRMaj with(ScatterKernel kernel, DMatrixRMaj x, double[] mu, boolean parallel) {
        int q = x.numCols;
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        Covariance.scatterUpper(kernel, x.data, x.numRows, q, mu, parallel, s);
        org.ejml.dense.row.CommonOps_DDRM.symmUpperToFull(s);
        org.ejml.dense.row.CommonOps_DDRM.scale(1.0 / x.numRows, s);
        return s;
    }

    static DMatrixRMaj randomWithOffset(int n, int q, double offset, long seed) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(seed);
        DMatrixRMaj x = new DMatrixRMaj(n, q);
        double[] shared = new double[n];
        for (int t = 0; t < n; t++) {
            shared[t] = rng.nextGaussian();
        }
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < q; i++) {
                x.data[t * q + i] = offset * (1 + i % 7) + shared[t] * (i % 3) + rng.nextGaussian();
            }
        }
        return x;
    }
}
