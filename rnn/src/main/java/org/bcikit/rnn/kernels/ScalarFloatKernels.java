package org.bcikit.rnn.kernels;

/**
 * {@link FloatKernels} in plain Java loops (i-k-j order so the JIT can vectorise the inner axpy);
 * the fallback when the vector API is not available, and the reference the SIMD kernels are
 * tested against.
 */
public final class ScalarFloatKernels implements FloatKernels {

    @Override
    public void mult(float[] a, float[] b, float[] c, int m, int k, int n) {
        java.util.Arrays.fill(c, 0, m * n, 0f);
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                float av = a[i * k + p];
                int bp = p * n;
                for (int j = 0; j < n; j++) {
                    c[ci + j] += av * b[bp + j];
                }
            }
        }
    }

    @Override
    public void multTransBAdd(float[] a, float[] b, float[] c, int m, int l, int p) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < p; j++) {
                float s = 0f;
                for (int q = 0; q < l; q++) {
                    s += a[i * l + q] * b[j * l + q];
                }
                c[i * p + j] += s;
            }
        }
    }

    @Override
    public float tanhMap(float[] z, float[] drive, float[] prev, float[] out, int len) {
        float max = 0f;
        for (int k = 0; k < len; k++) {
            float f = (float) Math.tanh(z[k] + drive[k]);
            float r = Math.abs(f - prev[k]);
            if (!(r <= max) && max == max) { // max != max: keep a NaN once seen
                max = r;
            }
            out[k] = f;
        }
        return max;
    }

    @Override
    public float adjointUpdate(float[] t, float[] g, float[] slope, float[] lambda, float[] weighted, int len) {
        float max = 0f;
        for (int k = 0; k < len; k++) {
            float next = t[k] + g[k];
            float r = Math.abs(next - lambda[k]);
            if (!(r <= max) && max == max) { // max != max: keep a NaN once seen
                max = r;
            }
            lambda[k] = next;
            weighted[k] = slope[k] * next;
        }
        return max;
    }

    @Override
    public void tanhBackward(float[] g, float[] s, float[] delta, float[] deltaSum, int len) {
        for (int k = 0; k < len; k++) {
            float d = g[k] * (1f - s[k] * s[k]);
            delta[k] = d;
            deltaSum[k] += d;
        }
    }

    @Override
    public void axpyNeg(float alpha, float[] x, int xo, float[] y, int yo, int len) {
        for (int k = 0; k < len; k++) {
            y[yo + k] -= alpha * x[xo + k];
        }
    }

    @Override
    public String name() {
        return "plain loops";
    }
}
