package org.bcikit.manifold.geometry;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/**
 * Orthonormal bases of column spaces, the common first step of subspace comparisons. A basis
 * that is not of full column rank is rejected: its span has fewer dimensions than columns, and
 * any angle or overlap computed from it would silently describe a smaller subspace.
 */
public final class OrthonormalBasis {

    /** Relative size of R's smallest diagonal entry below which columns count as dependent. */
    private static final double RANK_TOLERANCE = 1e-10;

    private OrthonormalBasis() {
    }

    /**
     * An orthonormal basis (q x k, new matrix) of the span of the columns of {@code basis}
     * (q x k, not modified), via a thin QR decomposition.
     *
     * @throws InvalidInputException if k &gt; q, the matrix holds NaN/Inf, or its columns are
     *                               linearly dependent
     */
    public static DMatrixRMaj ofColumns(DMatrixRMaj basis, String what) {
        int q = basis.numRows;
        int k = basis.numCols;
        if (k < 1 || k > q) {
            throw new InvalidInputException(what + ": expected a q x k basis with 1 <= k <= q, got "
                    + q + " x " + k);
        }
        for (int i = 0; i < basis.getNumElements(); i++) {
            if (!Double.isFinite(basis.data[i])) {
                throw new InvalidInputException(what + ": expected finite values, found " + basis.data[i]
                        + " at [" + (i / k) + "][" + (i % k) + "]");
            }
        }
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(q, k);
        DMatrixRMaj work = basis.copy();
        if (!qr.decompose(work)) {
            throw new InvalidInputException(what + ": QR decomposition failed");
        }
        DMatrixRMaj r = qr.getR(null, true);
        double max = 0;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, Math.abs(r.get(i, i)));
        }
        for (int i = 0; i < k; i++) {
            if (!(Math.abs(r.get(i, i)) > RANK_TOLERANCE * max)) {
                throw new InvalidInputException(what + ": expected " + k
                        + " linearly independent columns, column " + i + " depends on the others");
            }
        }
        return qr.getQ(null, true);
    }

    /** As {@link #ofColumns} for a basis stored as rows (k x q); returns q x k columns. */
    public static DMatrixRMaj ofRows(DMatrixRMaj basis, String what) {
        DMatrixRMaj t = new DMatrixRMaj(basis.numCols, basis.numRows);
        org.ejml.dense.row.CommonOps_DDRM.transpose(basis, t);
        return ofColumns(t, what);
    }
}
