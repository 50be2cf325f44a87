package org.bcikit.manifold.moments;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Sample means and covariances of data stored samples x units, normalised by n (the maximum
 * likelihood estimate, as scikit-learn's {@code FactorAnalysis} uses).
 *
 * <p>The covariance is one symmetric product of the centred data ({@code X_c^T X_c}), the
 * n q^2 step that dominates a factor-analysis fit.
 */
public final class Covariance {

    private Covariance() {
    }

    /** Column means of {@code samples} (n x q), checking every value is finite. */
    public static double[] mean(DMatrixRMaj samples) {
        int n = samples.numRows;
        int q = samples.numCols;
        if (n < 1 || q < 1) {
            throw new InvalidInputException("data: expected at least one sample and one unit, got "
                    + n + " x " + q);
        }
        double[] mean = new double[q];
        double[] x = samples.data;
        for (int t = 0; t < n; t++) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                double v = x[row + i];
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("data[" + t + "][" + i + "]: expected a finite value, found " + v);
                }
                mean[i] += v;
            }
        }
        for (int i = 0; i < q; i++) {
            mean[i] /= n;
        }
        return mean;
    }

    /**
     * Mean and covariance of {@code samples} (n x q, not modified): one pass for the means (checking
     * every value is finite) and one for the centred covariance.
     */
    public static SampleMoments moments(DMatrixRMaj samples) {
        double[] mean = mean(samples);
        return new SampleMoments(samples.numRows, mean, of(samples, mean));
    }

    /** The sample covariance (q x q, new matrix, normalised by n) of {@code samples} (n x q). */
    public static DMatrixRMaj of(DMatrixRMaj samples) {
        return of(samples, mean(samples));
    }

    /**
     * The covariance of {@code samples} about {@code mean}, normalised by n: a new q x q matrix,
     * on the common fork-join pool (see {@link #of(DMatrixRMaj, double[], boolean)}).
     */
    public static DMatrixRMaj of(DMatrixRMaj samples, double[] mean) {
        return of(samples, mean, true);
    }

    /**
     * The covariance of {@code samples} about {@code mean}, normalised by n: a new q x q matrix;
     * {@code parallel} spreads the work over the common fork-join pool.
     *
     * <p>The upper triangle of the scatter is cut into {@value #BANDS} bands of rows with equal
     * shares of the triangle (one band when not parallel or when the pass is small); each band is
     * one task over all samples ({@link ScatterKernel}: SIMD when the JVM has the vector module,
     * plain loops otherwise), centring the band's columns chunk by chunk, so no centred n x q copy
     * is made. The kernels sum every element in an order fixed by the sample index alone, and
     * each band is written by one task only, so the result is bit for bit the same on any number
     * of threads (and, with the plain kernel, equal to {@link #ofUnblocked}).
     */
    public static DMatrixRMaj of(DMatrixRMaj samples, double[] mean, boolean parallel) {
        int n = samples.numRows;
        int q = samples.numCols;
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        scatterUpper(samples.data, n, q, mean, parallel, s);
        CommonOps_DDRM.symmUpperToFull(s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return s;
    }

    /**
     * The upper triangle (diagonal included) of the scatter {@code sum_t (x_t - mean)(x_t - mean)^T}
     * of the first {@code n} rows of the row-major n x q array {@code x}, written into {@code out}
     * (q x q; the strict lower triangle is left as it was). The kernel of {@link #of}.
     */
    static void scatterUpper(double[] x, int n, int q, double[] mean, boolean parallel, DMatrixRMaj out) {
        scatterUpper(KERNEL, x, n, q, mean, parallel, out);
    }

    /** {@link #scatterUpper(double[], int, int, double[], boolean, DMatrixRMaj)} with a given kernel. */
    static void scatterUpper(ScatterKernel kernel, double[] x, int n, int q, double[] mean, boolean parallel,
            DMatrixRMaj out) {
        boolean split = parallel && q >= 2 * MIN_BAND && (long) n * q * q > PARALLEL_WORK;
        int bands = split ? Math.min(BANDS, q / MIN_BAND) : 1;
        // band k holds rows from[k]..from[k+1]-1 and columns from[k]..q-1: equal shares of the triangle
        int[] from = new int[bands + 1];
        for (int k = 0; k <= bands; k++) {
            from[k] = (int) Math.round(q * (1 - Math.sqrt(1 - (double) k / bands)));
        }
        java.util.stream.IntStream work = java.util.stream.IntStream.range(0, bands);
        (split ? work.parallel() : work).forEach(k -> kernel.band(x, n, q, mean, from[k], from[k + 1], out));
    }

    /** Which covariance kernel this JVM runs: "simd" (vector API) or "plain". */
    public static String kernelName() {
        return KERNEL instanceof ScalarScatter ? "plain" : "simd";
    }

    /** The kernel of this JVM: chosen once, as the vector module is there or not for the JVM's life. */
    static final ScatterKernel KERNEL = ScatterKernel.best();
    /** Row bands the upper triangle is cut into when the pass runs in parallel. */
    static final int BANDS = 8;
    /** The fewest rows in a band. */
    private static final int MIN_BAND = 16;
    /** Below this many multiply-adds (n q^2) the pass stays on the calling thread. */
    private static final long PARALLEL_WORK = 50_000_000L;

    /**
     * The unblocked kernel the banded ones replaced, kept as the reference the plain kernel's
     * results are tested against: one pass over the data, four rows at a time, each group's rank-4 update added to
     * the whole upper triangle. On 20000 x 100 it took about 12 ms of CPU (single thread).
     */
    static DMatrixRMaj ofUnblocked(DMatrixRMaj samples, double[] mean) {
        int n = samples.numRows;
        int q = samples.numCols;
        double[] x = samples.data;
        double[][] rows = new double[q][q];
        double[] b0 = new double[q];
        double[] b1 = new double[q];
        double[] b2 = new double[q];
        double[] b3 = new double[q];
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                double m = mean[i];
                b0[i] = x[row + i] - m;
                b1[i] = x[row + q + i] - m;
                b2[i] = x[row + 2 * q + i] - m;
                b3[i] = x[row + 3 * q + i] - m;
            }
            for (int i = 0; i < q; i++) {
                addRank4(rows[i], b0, b1, b2, b3, b0[i], b1[i], b2[i], b3[i], i, q);
            }
        }
        for (; t < n; t++) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                b0[i] = x[row + i] - mean[i];
            }
            for (int i = 0; i < q; i++) {
                double[] c = rows[i];
                double a = b0[i];
                for (int j = i; j < q; j++) {
                    c[j] += a * b0[j];
                }
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        for (int i = 0; i < q; i++) {
            System.arraycopy(rows[i], i, s.data, i * q + i, q - i);
        }
        CommonOps_DDRM.symmUpperToFull(s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return s;
    }

    /** {@code c[j] += a0 b0[j] + a1 b1[j] + a2 b2[j] + a3 b3[j]} for j from {@code from} to {@code to}. */
    private static void addRank4(double[] c, double[] b0, double[] b1, double[] b2, double[] b3,
            double a0, double a1, double a2, double a3, int from, int to) {
        for (int j = from; j < to; j++) {
            c[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }
}
