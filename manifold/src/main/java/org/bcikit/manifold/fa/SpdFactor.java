package org.bcikit.manifold.fa;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Cholesky factorisation of a small symmetric positive-definite matrix (the d x d matrices of
 * factor analysis), reused across EM iterations without allocating: factor, then read the
 * log-determinant and the inverse. The log-determinant is summed from the factor's diagonal,
 * so it cannot overflow the way a determinant can.
 */
final class SpdFactor {

    private final LinearSolverDense<DMatrixRMaj> solver;
    private final DMatrixRMaj work;
    private final DMatrixRMaj t;

    SpdFactor(int n) {
        this.solver = LinearSolverFactory_DDRM.chol(n);
        this.work = new DMatrixRMaj(n, n);
        this.t = new DMatrixRMaj(n, n);
    }

    /** Factors {@code m} (not modified); false if it is not numerically positive definite. */
    boolean factor(DMatrixRMaj m) {
        work.setTo(m);
        return solver.setA(work);
    }

    /** ln det of the last factored matrix. */
    double logDet() {
        @SuppressWarnings("unchecked")
        CholeskyDecomposition_F64<DMatrixRMaj> chol = (CholeskyDecomposition_F64<DMatrixRMaj>) solver.getDecomposition();
        chol.getT(t);
        double s = 0;
        for (int i = 0; i < t.numRows; i++) {
            s += Math.log(t.unsafe_get(i, i));
        }
        return 2 * s;
    }

    /** Writes the inverse of the last factored matrix into {@code out}. */
    void invert(DMatrixRMaj out) {
        solver.invert(out);
    }
}
