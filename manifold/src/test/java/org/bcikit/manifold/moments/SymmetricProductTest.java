package org.bcikit.manifold.moments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SymmetricProductTest {

    static DMatrixRMaj symmetric(int q, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        for (int i = 0; i < q; i++) {
            for (int j = 0; j <= i; j++) {
                double v = rng.nextGaussian();
                s.set(i, j, v);
                s.set(j, i, v);
            }
        }
        return s;
    }

    static DMatrixRMaj gaussian(int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < a.data.length; k++) {
            a.data[k] = rng.nextGaussian();
        }
        return a;
    }

    @Test
    void equalsTheDenseProductOnAwkwardSizes() {
        // q = 1, q below and across the 128-column panels and not a multiple of 4; m = 1 and more
        int[][] shapes = {{1, 1}, {3, 2}, {7, 5}, {129, 1}, {130, 7}, {300, 12}};
        for (int[] shape : shapes) {
            int q = shape[0];
            int m = shape[1];
            DMatrixRMaj s = symmetric(q, q);
            DMatrixRMaj a = gaussian(m, q, q + 1);
            DMatrixRMaj expected = new DMatrixRMaj(m, q);
            CommonOps_DDRM.mult(a, s, expected);
            DMatrixRMaj out = new DMatrixRMaj(m, q);
            new SymmetricProduct(s, m + 3).leftTimes(a, out);
            for (int k = 0; k < expected.data.length; k++) {
                assertEquals(expected.data[k], out.data[k], 1e-12 * Math.sqrt(q), "q = " + q + ", m = " + m + ", entry " + k);
            }
        }
    }

    @Test
    void identicalOnAnyNumberOfThreads() throws Exception {
        int q = 700;
        DMatrixRMaj s = symmetric(q, 5);
        DMatrixRMaj a = gaussian(10, q, 6);
        DMatrixRMaj one = new DMatrixRMaj(10, q);
        java.util.concurrent.ForkJoinPool single = new java.util.concurrent.ForkJoinPool(1);
        try {
            single.submit(() -> new SymmetricProduct(s, 10).leftTimes(a, one)).get();
        } finally {
            single.shutdown();
        }
        for (int threads : new int[] {2, 5}) {
            java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(threads);
            try {
                DMatrixRMaj out = new DMatrixRMaj(10, q);
                pool.submit(() -> new SymmetricProduct(s, 10).leftTimes(a, out)).get();
                assertArrayEquals(one.data, out.data, 0.0, threads + " threads");
            } finally {
                pool.shutdown();
            }
        }
    }
}
