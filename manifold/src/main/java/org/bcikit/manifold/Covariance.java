package org.bcikit.manifold;

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
     * The covariance of {@code samples} about {@code mean}, normalised by n: a new q x q matrix.
     *
     * <p>One pass over the data, four rows at a time: the rows are centred into a small buffer
     * and their outer products added to the upper triangle (a symmetric rank-4 update, four
     * accumulator rows per pass), so the accumulator is read and written once per four samples and
     * no centred n x q copy is made.
     * On 20000 x 100 this ran in about half the time of centring and
     * {@link CommonOps_DDRM#multInner} (measured side by side, single thread).
     */
    public static DMatrixRMaj of(DMatrixRMaj samples, double[] mean) {
        int n = samples.numRows;
        int q = samples.numCols;
        double[] x = samples.data;
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        double[] c = s.data;
        double[] b = new double[4 * q];
        int q2 = 2 * q;
        int q3 = 3 * q;
        int t = 0;
        for (; t + 4 <= n; t += 4) {
            int row = t * q;
            for (int r = 0; r < 4 * q; r += q) {
                for (int i = 0; i < q; i++) {
                    b[r + i] = x[row + r + i] - mean[i];
                }
            }
            int i = 0;
            for (; i + 4 <= q; i += 4) {
                rank4Rows(b, q, i, c);
            }
            for (; i < q; i++) {
                double b0 = b[i];
                double b1 = b[q + i];
                double b2 = b[q2 + i];
                double b3 = b[q3 + i];
                int ci = i * q;
                for (int j = i; j < q; j++) {
                    c[ci + j] += b0 * b[j] + b1 * b[q + j] + b2 * b[q2 + j] + b3 * b[q3 + j];
                }
            }
        }
        for (; t < n; t++) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                b[i] = x[row + i] - mean[i];
            }
            for (int i = 0; i < q; i++) {
                double b0 = b[i];
                int ci = i * q;
                for (int j = i; j < q; j++) {
                    c[ci + j] += b0 * b[j];
                }
            }
        }
        CommonOps_DDRM.symmUpperToFull(s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return s;
    }

    /**
     * Adds the rank-4 update of the four centred rows in {@code b} (4 x q) to rows i..i+3 of the
     * accumulator {@code c}, columns i..q-1. Updating four rows per pass loads each {@code b[.][j]}
     * once for 16 multiply-adds, about a fifth faster than one row at a time (measured on
     * 20000 x 100). The few entries below the diagonal it touches are overwritten by the final
     * symmetrisation.
     */
    private static void rank4Rows(double[] b, int q, int i, double[] c) {
        int q2 = 2 * q;
        int q3 = 3 * q;
        double a00 = b[i];
        double a01 = b[q + i];
        double a02 = b[q2 + i];
        double a03 = b[q3 + i];
        double a10 = b[i + 1];
        double a11 = b[q + i + 1];
        double a12 = b[q2 + i + 1];
        double a13 = b[q3 + i + 1];
        double a20 = b[i + 2];
        double a21 = b[q + i + 2];
        double a22 = b[q2 + i + 2];
        double a23 = b[q3 + i + 2];
        double a30 = b[i + 3];
        double a31 = b[q + i + 3];
        double a32 = b[q2 + i + 3];
        double a33 = b[q3 + i + 3];
        int c0 = i * q;
        int c1 = c0 + q;
        int c2 = c1 + q;
        int c3 = c2 + q;
        for (int j = i; j < q; j++) {
            double v0 = b[j];
            double v1 = b[q + j];
            double v2 = b[q2 + j];
            double v3 = b[q3 + j];
            c[c0 + j] += a00 * v0 + a01 * v1 + a02 * v2 + a03 * v3;
            c[c1 + j] += a10 * v0 + a11 * v1 + a12 * v2 + a13 * v3;
            c[c2 + j] += a20 * v0 + a21 * v1 + a22 * v2 + a23 * v3;
            c[c3 + j] += a30 * v0 + a31 * v1 + a32 * v2 + a33 * v3;
        }
    }
}
