package org.bcikit.rnn.kernels;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FloatKernels} on the JDK vector API (SIMD at the machine's widest float vector). The
 * product keeps a 4-row x 4-vector block of C in registers while streaming over k, so each loaded
 * vector of B feeds four fused multiply-adds; the transposed product keeps a 4 x 4 block of dot
 * products as vector partial sums over the contraction. tanh uses the vector API's intrinsic.
 * Loaded only through {@link FloatKernels#best()} when {@code jdk.incubator.vector} is present.
 */
final class VectorFloatKernels implements FloatKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            fourRows(a, b, c, i, k, n);
        }
        for (; i < m; i++) {
            oneRow(a, b, c, i, k, n);
        }
    }

    private static void fourRows(float[] a, float[] b, float[] c, int i, int k, int n) {
        int a0 = i * k;
        int a1 = a0 + k;
        int a2 = a1 + k;
        int a3 = a2 + k;
        int o0 = i * n;
        int o1 = o0 + n;
        int o2 = o1 + n;
        int o3 = o2 + n;
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            FloatVector c00 = FloatVector.zero(S);
            FloatVector c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00, c12 = c00, c13 = c00;
            FloatVector c20 = c00, c21 = c00, c22 = c00, c23 = c00, c30 = c00, c31 = c00, c32 = c00, c33 = c00;
            for (int p = 0; p < k; p++) {
                int bp = p * n + j;
                FloatVector b0 = FloatVector.fromArray(S, b, bp);
                FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
                FloatVector b2 = FloatVector.fromArray(S, b, bp + 2 * L);
                FloatVector b3 = FloatVector.fromArray(S, b, bp + 3 * L);
                FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
                c00 = b0.fma(x, c00);
                c01 = b1.fma(x, c01);
                c02 = b2.fma(x, c02);
                c03 = b3.fma(x, c03);
                x = FloatVector.broadcast(S, a[a1 + p]);
                c10 = b0.fma(x, c10);
                c11 = b1.fma(x, c11);
                c12 = b2.fma(x, c12);
                c13 = b3.fma(x, c13);
                x = FloatVector.broadcast(S, a[a2 + p]);
                c20 = b0.fma(x, c20);
                c21 = b1.fma(x, c21);
                c22 = b2.fma(x, c22);
                c23 = b3.fma(x, c23);
                x = FloatVector.broadcast(S, a[a3 + p]);
                c30 = b0.fma(x, c30);
                c31 = b1.fma(x, c31);
                c32 = b2.fma(x, c32);
                c33 = b3.fma(x, c33);
            }
            store4(c00, c01, c02, c03, c, o0 + j);
            store4(c10, c11, c12, c13, c, o1 + j);
            store4(c20, c21, c22, c23, c, o2 + j);
            store4(c30, c31, c32, c33, c, o3 + j);
        }
        for (; j + L <= n; j += L) {
            FloatVector c0 = FloatVector.zero(S);
            FloatVector c1 = c0, c2 = c0, c3 = c0;
            for (int p = 0; p < k; p++) {
                FloatVector bv = FloatVector.fromArray(S, b, p * n + j);
                c0 = bv.fma(FloatVector.broadcast(S, a[a0 + p]), c0);
                c1 = bv.fma(FloatVector.broadcast(S, a[a1 + p]), c1);
                c2 = bv.fma(FloatVector.broadcast(S, a[a2 + p]), c2);
                c3 = bv.fma(FloatVector.broadcast(S, a[a3 + p]), c3);
            }
            c0.intoArray(c, o0 + j);
            c1.intoArray(c, o1 + j);
            c2.intoArray(c, o2 + j);
            c3.intoArray(c, o3 + j);
        }
        for (; j < n; j++) {
            float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
            for (int p = 0; p < k; p++) {
                float bv = b[p * n + j];
                s0 += a[a0 + p] * bv;
                s1 += a[a1 + p] * bv;
                s2 += a[a2 + p] * bv;
                s3 += a[a3 + p] * bv;
            }
            c[o0 + j] = s0;
            c[o1 + j] = s1;
            c[o2 + j] = s2;
            c[o3 + j] = s3;
        }
    }

    private static void store4(FloatVector v0, FloatVector v1, FloatVector v2, FloatVector v3, float[] c, int o) {
        v0.intoArray(c, o);
        v1.intoArray(c, o + L);
        v2.intoArray(c, o + 2 * L);
        v3.intoArray(c, o + 3 * L);
    }

    private static void oneRow(float[] a, float[] b, float[] c, int i, int k, int n) {
        int a0 = i * k;
        int o = i * n;
        int j = 0;
        for (; j + L <= n; j += L) {
            FloatVector acc = FloatVector.zero(S);
            for (int p = 0; p < k; p++) {
                acc = FloatVector.fromArray(S, b, p * n + j).fma(FloatVector.broadcast(S, a[a0 + p]), acc);
            }
            acc.intoArray(c, o + j);
        }
        for (; j < n; j++) {
            float s = 0f;
            for (int p = 0; p < k; p++) {
                s += a[a0 + p] * b[p * n + j];
            }
            c[o + j] = s;
        }
    }

    @Override
    public void multTransBAdd(float[] a, float[] b, float[] c, int m, int l, int p) {
        int lb = S.loopBound(l);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int j = 0;
            for (; j + 4 <= p; j += 4) {
                block4x4(a, b, c, i, j, l, lb, p);
            }
            for (; j < p; j++) {
                for (int r = 0; r < 4; r++) {
                    c[(i + r) * p + j] += dot(a, (i + r) * l, b, j * l, l, lb);
                }
            }
        }
        for (; i < m; i++) {
            for (int j = 0; j < p; j++) {
                c[i * p + j] += dot(a, i * l, b, j * l, l, lb);
            }
        }
    }

    private static void block4x4(float[] a, float[] b, float[] c, int i, int j, int l, int lb, int p) {
        int a0 = i * l, a1 = a0 + l, a2 = a1 + l, a3 = a2 + l;
        int b0 = j * l, b1 = b0 + l, b2 = b1 + l, b3 = b2 + l;
        FloatVector s00 = FloatVector.zero(S);
        FloatVector s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
        FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
        for (int q = 0; q < lb; q += L) {
            FloatVector x0 = FloatVector.fromArray(S, a, a0 + q);
            FloatVector x1 = FloatVector.fromArray(S, a, a1 + q);
            FloatVector x2 = FloatVector.fromArray(S, a, a2 + q);
            FloatVector x3 = FloatVector.fromArray(S, a, a3 + q);
            FloatVector y = FloatVector.fromArray(S, b, b0 + q);
            s00 = x0.fma(y, s00);
            s10 = x1.fma(y, s10);
            s20 = x2.fma(y, s20);
            s30 = x3.fma(y, s30);
            y = FloatVector.fromArray(S, b, b1 + q);
            s01 = x0.fma(y, s01);
            s11 = x1.fma(y, s11);
            s21 = x2.fma(y, s21);
            s31 = x3.fma(y, s31);
            y = FloatVector.fromArray(S, b, b2 + q);
            s02 = x0.fma(y, s02);
            s12 = x1.fma(y, s12);
            s22 = x2.fma(y, s22);
            s32 = x3.fma(y, s32);
            y = FloatVector.fromArray(S, b, b3 + q);
            s03 = x0.fma(y, s03);
            s13 = x1.fma(y, s13);
            s23 = x2.fma(y, s23);
            s33 = x3.fma(y, s33);
        }
        // explicit per-accumulator reductions: an array of vectors would be boxed on the heap
        int o0 = i * p + j, o1 = o0 + p, o2 = o1 + p, o3 = o2 + p;
        c[o0] += total(s00, a, a0, b, b0, lb, l);
        c[o0 + 1] += total(s01, a, a0, b, b1, lb, l);
        c[o0 + 2] += total(s02, a, a0, b, b2, lb, l);
        c[o0 + 3] += total(s03, a, a0, b, b3, lb, l);
        c[o1] += total(s10, a, a1, b, b0, lb, l);
        c[o1 + 1] += total(s11, a, a1, b, b1, lb, l);
        c[o1 + 2] += total(s12, a, a1, b, b2, lb, l);
        c[o1 + 3] += total(s13, a, a1, b, b3, lb, l);
        c[o2] += total(s20, a, a2, b, b0, lb, l);
        c[o2 + 1] += total(s21, a, a2, b, b1, lb, l);
        c[o2 + 2] += total(s22, a, a2, b, b2, lb, l);
        c[o2 + 3] += total(s23, a, a2, b, b3, lb, l);
        c[o3] += total(s30, a, a3, b, b0, lb, l);
        c[o3 + 1] += total(s31, a, a3, b, b1, lb, l);
        c[o3 + 2] += total(s32, a, a3, b, b2, lb, l);
        c[o3 + 3] += total(s33, a, a3, b, b3, lb, l);
    }

    /** A partial-sum vector's total plus the scalar tail {@code q >= lb} of the same dot product. */
    private static float total(FloatVector v, float[] a, int ao, float[] b, int bo, int lb, int l) {
        float s = v.reduceLanes(VectorOperators.ADD);
        for (int q = lb; q < l; q++) {
            s += a[ao + q] * b[bo + q];
        }
        return s;
    }

    private static float dot(float[] a, int ao, float[] b, int bo, int l, int lb) {
        FloatVector acc = FloatVector.zero(S);
        for (int q = 0; q < lb; q += L) {
            acc = FloatVector.fromArray(S, a, ao + q).fma(FloatVector.fromArray(S, b, bo + q), acc);
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (int q = lb; q < l; q++) {
            s += a[ao + q] * b[bo + q];
        }
        return s;
    }

    @Override
    public float tanhMap(float[] z, float[] drive, float[] prev, float[] out, int len) {
        int lb = S.loopBound(len);
        FloatVector max = FloatVector.zero(S);
        FloatVector total = max;
        for (int k = 0; k < lb; k += L) {
            FloatVector f = FloatVector.fromArray(S, z, k).add(FloatVector.fromArray(S, drive, k))
                    .lanewise(VectorOperators.TANH);
            FloatVector r = f.sub(FloatVector.fromArray(S, prev, k)).abs();
            max = max.max(r);
            total = total.add(r);
            f.intoArray(out, k);
        }
        float m = nanOr(max, total);
        for (int k = lb; k < len; k++) {
            float f = (float) Math.tanh(z[k] + drive[k]);
            float r = Math.abs(f - prev[k]);
            m = r <= m || m != m ? m : r; // m != m: keep a NaN once seen
            out[k] = f;
        }
        return m;
    }

    @Override
    public float adjointUpdate(float[] t, float[] g, float[] slope, float[] lambda, float[] weighted, int len) {
        int lb = S.loopBound(len);
        FloatVector max = FloatVector.zero(S);
        FloatVector total = max;
        for (int k = 0; k < lb; k += L) {
            FloatVector next = FloatVector.fromArray(S, t, k).add(FloatVector.fromArray(S, g, k));
            FloatVector r = next.sub(FloatVector.fromArray(S, lambda, k)).abs();
            max = max.max(r);
            total = total.add(r);
            next.intoArray(lambda, k);
            next.mul(FloatVector.fromArray(S, slope, k)).intoArray(weighted, k);
        }
        float m = nanOr(max, total);
        for (int k = lb; k < len; k++) {
            float next = t[k] + g[k];
            float r = Math.abs(next - lambda[k]);
            m = r <= m || m != m ? m : r; // m != m: keep a NaN once seen
            lambda[k] = next;
            weighted[k] = slope[k] * next;
        }
        return m;
    }

    /**
     * The lane maximum, or NaN when any lane saw a NaN: the SIMD max instruction drops NaNs, so the
     * (non-negative) differences are also summed, which keeps a NaN.
     */
    private static float nanOr(FloatVector max, FloatVector total) {
        return Float.isNaN(total.reduceLanes(VectorOperators.ADD)) ? Float.NaN : max.reduceLanes(VectorOperators.MAX);
    }

    @Override
    public void tanhBackward(float[] g, float[] s, float[] delta, float[] deltaSum, int len) {
        int lb = S.loopBound(len);
        FloatVector one = FloatVector.broadcast(S, 1f);
        for (int k = 0; k < lb; k += L) {
            FloatVector sv = FloatVector.fromArray(S, s, k);
            FloatVector d = FloatVector.fromArray(S, g, k).mul(one.sub(sv.mul(sv)));
            d.intoArray(delta, k);
            FloatVector.fromArray(S, deltaSum, k).add(d).intoArray(deltaSum, k);
        }
        for (int k = lb; k < len; k++) {
            float d = g[k] * (1f - s[k] * s[k]);
            delta[k] = d;
            deltaSum[k] += d;
        }
    }

    @Override
    public void axpyNeg(float alpha, float[] x, int xo, float[] y, int yo, int len) {
        int lb = S.loopBound(len);
        FloatVector a = FloatVector.broadcast(S, -alpha);
        for (int k = 0; k < lb; k += L) {
            FloatVector.fromArray(S, x, xo + k).fma(a, FloatVector.fromArray(S, y, yo + k)).intoArray(y, yo + k);
        }
        for (int k = lb; k < len; k++) {
            y[yo + k] -= alpha * x[xo + k];
        }
    }

    @Override
    public String name() {
        return "vector API, " + S.vectorBitSize() + "-bit float";
    }
}
