package org.bcikit.rnn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class FloatKernelsTest {

    static float[] random(int len, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] v = new float[len];
        for (int k = 0; k < len; k++) {
            v[k] = (float) rng.nextGaussian();
        }
        return v;
    }

    @Test
    void testsRunWithTheVectorKernels() {
        assertTrue(FloatKernels.best() instanceof VectorFloatKernels, "surefire must pass --add-modules jdk.incubator.vector");
    }

    /** Odd sizes exercise every remainder path (row blocks, vector blocks, scalar tails). */
    @Test
    void productsMatchADoubleReference() {
        for (FloatKernels kernels : new FloatKernels[] {FloatKernels.best(), new ScalarFloatKernels()}) {
            for (int[] size : new int[][] {{7, 5, 37}, {100, 100, 256}, {3, 11, 130}, {1, 1, 1}}) {
                int m = size[0], k = size[1], n = size[2];
                float[] a = random(m * k, 1);
                float[] b = random(k * n, 2);
                float[] c = new float[m * n];
                kernels.mult(a, b, c, m, k, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int p = 0; p < k; p++) {
                            s += (double) a[i * k + p] * b[p * n + j];
                        }
                        assertEquals(s, c[i * n + j], 1e-5 * (1 + Math.sqrt(k)), kernels.name() + " mult " + m + "x" + k + "x" + n);
                    }
                }
                // C += A B^T with B n x k
                float[] bt = random(n * k, 3);
                float[] acc = random(m * n, 4);
                float[] start = acc.clone();
                kernels.multTransBAdd(a, bt, acc, m, k, n);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = start[i * n + j];
                        for (int p = 0; p < k; p++) {
                            s += (double) a[i * k + p] * bt[j * k + p];
                        }
                        assertEquals(s, acc[i * n + j], 1e-5 * (1 + Math.sqrt(k)), kernels.name() + " multTransBAdd");
                    }
                }
            }
        }
    }

    @Test
    void elementwisePassesMatchThePlainLoops() {
        FloatKernels v = FloatKernels.best();
        FloatKernels s = new ScalarFloatKernels();
        int len = 203;
        float[] z = random(len, 5), drive = random(len, 6), prev = random(len, 7);
        float[] o1 = new float[len], o2 = new float[len];
        assertEquals(s.tanhMap(z, drive, prev, o1, len), v.tanhMap(z, drive, prev, o2, len), 1e-6f);
        for (int k = 0; k < len; k++) {
            assertEquals(Math.tanh(z[k] + drive[k]), o2[k], 2e-7);
        }
        float[] l1 = random(len, 8), l2 = l1.clone(), w1 = new float[len], w2 = new float[len];
        assertEquals(s.adjointUpdate(z, drive, prev, l1, w1, len), v.adjointUpdate(z, drive, prev, l2, w2, len), 0f);
        for (int k = 0; k < len; k++) {
            assertEquals(l1[k], l2[k], 0f);
            assertEquals(w1[k], w2[k], 0f);
        }
        float[] d1 = new float[len], d2 = new float[len], sum1 = random(len, 9), sum2 = sum1.clone();
        s.tanhBackward(z, prev, d1, sum1, len);
        v.tanhBackward(z, prev, d2, sum2, len);
        for (int k = 0; k < len; k++) {
            assertEquals(d1[k], d2[k], 1e-6f);
            assertEquals(sum1[k], sum2[k], 1e-6f);
        }
        prev[100] = Float.NaN;
        assertTrue(Float.isNaN(v.tanhMap(z, drive, prev, o2, len)), "a NaN must show in the residual");
    }
}
