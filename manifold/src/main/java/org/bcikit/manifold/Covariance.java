package org.bcikit.manifold;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Sample means and covariances of data stored samples x units, normalised by n (the maximum
 * likelihood estimate, as scikit-learn's {@code FactorAnalysis} uses).
 *
 * <p>The covariance is one symmetric product of the centred data ({@code X_c^T X_c}, via
 * {@link CommonOps_DDRM#multInner}), the n q^2 step that dominates a factor-analysis fit.
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

    /** The sample covariance (q x q, new matrix, normalised by n) of {@code samples} (n x q). */
    public static DMatrixRMaj of(DMatrixRMaj samples) {
        return of(samples, mean(samples));
    }

    /**
     * The covariance of {@code samples} about {@code mean}, normalised by n. Allocates one
     * centred copy of the data (n x q) so the product can use the symmetric kernel.
     */
    public static DMatrixRMaj of(DMatrixRMaj samples, double[] mean) {
        int n = samples.numRows;
        int q = samples.numCols;
        DMatrixRMaj centred = new DMatrixRMaj(n, q);
        double[] src = samples.data;
        double[] dst = centred.data;
        for (int t = 0; t < n; t++) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                dst[row + i] = src[row + i] - mean[i];
            }
        }
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multInner(centred, s);
        CommonOps_DDRM.scale(1.0 / n, s);
        return s;
    }
}
