package org.bcikit.decoders;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/** Multi-output least squares with an explicit rank check, for calibration and adaptation. */
public final class Regression {

    /** Relative singular-value threshold below which a regression is called rank-deficient. */
    static final double RANK_TOLERANCE = 1e-10;

    private Regression() {
    }

    /** True when the columns of {@code x} are linearly independent (to {@link #RANK_TOLERANCE}). */
    public static boolean fullColumnRank(DMatrixRMaj x) {
        double[] sv = SingularOps_DDRM.singularValues(x);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double s : sv) {
            max = Math.max(max, s);
            min = Math.min(min, s);
        }
        return sv.length == x.numCols && min > RANK_TOLERANCE * max;
    }

    /**
     * B minimising ||Y - X B||, with a rank check on X. Solved by column-pivoted QR of X (EJML),
     * not the normal equations, which square the condition number of X: regressors [x, 1] with
     * velocities far from zero are ill-conditioned enough for that to cost digits.
     */
    public static DMatrixRMaj leastSquares(DMatrixRMaj x, DMatrixRMaj y, String field, String why) {
        if (!fullColumnRank(x)) {
            throw new InvalidInputException(field + ": rank-deficient calibration data: " + why);
        }
        LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.leastSquaresQrPivot(true, false);
        if (!qr.setA(x.copy())) {
            throw new InvalidInputException(field + ": rank-deficient calibration data: " + why);
        }
        DMatrixRMaj b = new DMatrixRMaj(x.numCols, y.numCols);
        qr.solve(y.copy(), b);
        return b;
    }

    /** Maximum-likelihood residual covariance (Y - X B)^T (Y - X B) / n. */
    public static DMatrixRMaj residualCovariance(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj b) {
        DMatrixRMaj res = y.copy();
        CommonOps_DDRM.multAdd(-1, x, b, res);
        DMatrixRMaj cov = new DMatrixRMaj(y.numCols, y.numCols);
        CommonOps_DDRM.multTransA(res, res, cov);
        CommonOps_DDRM.divide(cov, y.numRows);
        return cov;
    }
}
