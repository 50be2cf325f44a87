package org.bcikit.manifold.moments;

import org.ejml.data.DMatrixRMaj;

/**
 * The n q^2 / 2 inner step of {@link Covariance}: the centred scatter of one band of rows of the
 * upper triangle. Two implementations: SIMD on the JDK's vector API (fused multiply-adds, a
 * 4 x 3-vector block of the output held in registers) when the JVM runs with
 * {@code --add-modules jdk.incubator.vector}, as {@code bin/bcikit} starts {@code bench} and
 * {@code manifold}; plain loops otherwise. Each sums every element in a fixed order that does not
 * depend on the band, so either gives the same bits on any number of threads; the two differ
 * from each other by rounding (a few units in the last place).
 */
interface ScatterKernel {

    /** Samples centred per chunk: the chunk's panel of the band stays in the second-level cache. */
    int CHUNK = 128;

    /**
     * Writes the scatter {@code sum_t (x_t - mean)(x_t - mean)^T}, unscaled, of rows
     * {@code i0..i1-1} and columns {@code i0..q-1} on and above the diagonal of {@code out}
     * (q x q) from the first {@code n} rows of the row-major n x q array {@code x}.
     */
    void band(double[] x, int n, int q, double[] mean, int i0, int i1, DMatrixRMaj out);

    /**
     * Writes samples {@code t0..t0+tn-1}, columns {@code i0..i0+w-1} of {@code x}, centred, into
     * rows {@code 0..tn-1} of {@code chunk} (mutated; padding beyond {@code w} is left as it is).
     */
    static void centre(double[] x, int q, double[] mean, int i0, int w, int t0, int tn, double[][] chunk) {
        for (int t = 0; t < tn; t++) {
            int row = (t0 + t) * q + i0;
            double[] c = chunk[t];
            for (int j = 0; j < w; j++) {
                c[j] = x[row + j] - mean[i0 + j];
            }
        }
    }

    /**
     * Copies the band's accumulated rows (row i holds columns {@code i0..i0+w-1}) on and above the
     * diagonal into {@code out}.
     */
    static void store(double[][] rows, int ni, int q, int i0, int w, DMatrixRMaj out) {
        for (int i = 0; i < ni; i++) {
            System.arraycopy(rows[i], i, out.data, (i0 + i) * q + i0 + i, w - i);
        }
    }

    /**
     * The vector kernel when the module is present, else the plain one. When the module is there
     * but the vector kernel does not load (an incubator API this JDK no longer has) that is
     * reported, not silently replaced.
     */
    static ScatterKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (ScatterKernel) Class.forName("org.bcikit.manifold.moments.VectorScatter")
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IllegalStateException("jdk.incubator.vector is present but the vector covariance kernel "
                        + "does not load on this JDK (" + e + "); run without --add-modules jdk.incubator.vector", e);
            }
        }
        return new ScalarScatter();
    }
}
