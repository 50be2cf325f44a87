package org.bcikit.rnn.model;

import org.bcikit.manifold.moments.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The exact statistics of a {@link StaticGaussianNetwork}'s activity at fixed weights: the mean
 * activity of each condition {@code mu_k}, the noise covariance {@code Sigma} (the same for every
 * condition), the grand mean {@code vbar} and the total covariance over conditions and noise
 * {@code Var = Sigma + (1/K) sum_k (mu_k - vbar)(mu_k - vbar)^T} (Payeur et al. 2023, science.md §5.1).
 * Matrices are owned by this value: read them, never mutate them.
 *
 * @param means           N x K, column k is {@code mu_k}
 * @param noiseCovariance N x N, {@code Sigma}
 * @param meanActivity    N x 1, {@code vbar}
 * @param covariance      N x N, {@code Var}
 */
public record StaticActivity(DMatrixRMaj means, DMatrixRMaj noiseCovariance, DMatrixRMaj meanActivity,
        DMatrixRMaj covariance) {

    /** Builds the grand mean and total covariance from per-condition means and Sigma (both kept). */
    public static StaticActivity of(DMatrixRMaj means, DMatrixRMaj sigma) {
        int n = means.numRows;
        int k = means.numCols;
        DMatrixRMaj vbar = new DMatrixRMaj(n, 1);
        CommonOps_DDRM.sumRows(means, vbar);
        CommonOps_DDRM.scale(1.0 / k, vbar);
        DMatrixRMaj centred = means.copy();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                centred.data[i * k + c] -= vbar.data[i];
            }
        }
        DMatrixRMaj var = sigma.copy();
        CommonOps_DDRM.multAddTransB(1.0 / k, centred, centred, var);
        return new StaticActivity(means, sigma, vbar, var);
    }

    /** Number of units N. */
    public int size() {
        return means.numRows;
    }

    /** The second moment {@code Q = Var + vbar vbar^T} (a new N x N matrix). */
    public DMatrixRMaj secondMoment() {
        DMatrixRMaj q = covariance.copy();
        CommonOps_DDRM.multAddTransB(meanActivity, meanActivity, q);
        return q;
    }

    /**
     * The top {@code m} principal axes of the total covariance as rows (m x N, orthonormal; signs
     * fixed as {@link SymmetricEigen} does): the PCA intrinsic manifold.
     */
    public DMatrixRMaj principalAxes(int m) {
        if (m < 1 || m > size()) {
            throw new IllegalArgumentException("manifold dimension must be in [1, " + size() + "], got " + m);
        }
        SymmetricEigen eig = SymmetricEigen.descending(covariance);
        DMatrixRMaj c = new DMatrixRMaj(m, size());
        for (int r = 0; r < m; r++) {
            for (int i = 0; i < size(); i++) {
                c.unsafe_set(r, i, eig.vectors().unsafe_get(i, r));
            }
        }
        return c;
    }

    /**
     * Each condition's expected loss under readout {@code v} (O x N):
     * {@code l_k = 1/2 [tr(V Sigma V^T) + |V mu_k - t_k|^2]}, into {@code out} (length K), which is
     * returned. {@code targets} is O x K.
     */
    public double[] perConditionLoss(DMatrixRMaj v, DMatrixRMaj targets, double[] out) {
        int o = v.numRows;
        int n = size();
        int k = means.numCols;
        double noise = 0;
        for (int r = 0; r < o; r++) {
            int row = r * n;
            for (int i = 0; i < n; i++) {
                double vi = v.data[row + i];
                if (vi == 0) {
                    continue;
                }
                double s = 0;
                int srow = i * n;
                for (int j = 0; j < n; j++) {
                    s += noiseCovariance.data[srow + j] * v.data[row + j];
                }
                noise += vi * s;
            }
        }
        for (int c = 0; c < k; c++) {
            double err = 0;
            for (int r = 0; r < o; r++) {
                double y = 0;
                int row = r * n;
                for (int i = 0; i < n; i++) {
                    y += v.data[row + i] * means.data[i * k + c];
                }
                double e = y - targets.unsafe_get(r, c);
                err += e * e;
            }
            out[c] = 0.5 * (noise + err);
        }
        return out;
    }
}
