package org.bcikit.manifold.geometry;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Manifold overlap (Feulner and Clopath 2021, "Neural manifold under plasticity in a goal driven
 * learning behaviour", PLoS Comput. Biol. 17:e1008621): how much of the activity's variance
 * after learning still lies in the original manifold, relative to how much of the original
 * activity did.
 *
 * <pre>
 *   overlap = [tr(C Var C^T) / tr(Var)] / [tr(C Var0 C^T) / tr(Var0)]
 * </pre>
 *
 * with C the orthonormal basis of the original manifold (M x N, as rows), Var0 the covariance
 * of the original activity and Var the covariance after learning. 1 means the new activity
 * uses the manifold as much as the old one did; lower values mean activity left the manifold.
 *
 * <p>Bases are passed as columns (N x M), as {@code FactorModel.loadings()} and
 * {@code PcaModel.components()} are stored; {@link #ofRowBasis} takes C as rows. Bases are
 * orthonormalised here, so loadings can be passed as they are.
 */
public final class ManifoldOverlap {

    private ManifoldOverlap() {
    }

    /**
     * The overlap for a manifold spanned by the columns of {@code basis} (N x M), activity
     * covariance {@code var} after learning and {@code var0} before (N x N each).
     */
    public static double of(DMatrixRMaj basis, DMatrixRMaj var, DMatrixRMaj var0) {
        DMatrixRMaj q = OrthonormalBasis.ofColumns(basis, "manifold basis");
        return captured(q, var, "covariance") / captured(q, var0, "original covariance");
    }

    /** As {@link #of} with the manifold's basis stored as rows (M x N), as in the paper. */
    public static double ofRowBasis(DMatrixRMaj rows, DMatrixRMaj var, DMatrixRMaj var0) {
        DMatrixRMaj q = OrthonormalBasis.ofRows(rows, "manifold basis");
        return captured(q, var, "covariance") / captured(q, var0, "original covariance");
    }

    /**
     * The fraction of the variance of {@code var} (N x N) that lies in the span of the columns of
     * {@code basis} (N x M): {@code tr(Q^T Var Q) / tr(Var)} with Q an orthonormal basis.
     */
    public static double varianceFraction(DMatrixRMaj basis, DMatrixRMaj var) {
        return captured(OrthonormalBasis.ofColumns(basis, "manifold basis"), var, "covariance");
    }

    private static double captured(DMatrixRMaj q, DMatrixRMaj var, String what) {
        int n = q.numRows;
        if (var.numRows != n || var.numCols != n) {
            throw new InvalidInputException(what + ": expected " + n + " x " + n + " to match the basis, got "
                    + var.numRows + " x " + var.numCols);
        }
        double total = CommonOps_DDRM.trace(var);
        if (!(total > 0) || !Double.isFinite(total)) {
            throw new InvalidInputException(what + ": expected a positive finite total variance, found " + total);
        }
        DMatrixRMaj vq = new DMatrixRMaj(n, q.numCols);
        CommonOps_DDRM.mult(var, q, vq);
        double inManifold = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < q.numCols; j++) {
                inManifold += q.unsafe_get(i, j) * vq.unsafe_get(i, j);
            }
        }
        return inManifold / total;
    }
}
