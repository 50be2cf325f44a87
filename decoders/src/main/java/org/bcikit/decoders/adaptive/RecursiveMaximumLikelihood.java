package org.bcikit.decoders.adaptive;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.Regression;
import org.bcikit.decoders.kalman.KalmanModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Recursive maximum-likelihood closed-loop decoder adaptation (Dangi et al. 2014, J Neural Eng
 * 11:026003; Orsborn et al. 2014): running, exponentially forgotten sufficient statistics
 * <pre>{@code
 *   Rx <- lambda Rx + X^T X,   S <- lambda S + Y^T X,   T <- lambda T + Y^T Y,   n <- lambda n + batch
 *   [C d] = S Rx^-1,   R = (T - [C d] S^T) / n
 * }</pre>
 * with {@code X} rows {@code [x, 1]}. The statistics start empty, so the first update is a plain
 * least-squares fit of the first batch. Stateful: one instance per decoder.
 */
public final class RecursiveMaximumLikelihood implements ObservationUpdate {

    private final double forgetting;
    private DMatrixRMaj rx;
    private DMatrixRMaj s;
    private DMatrixRMaj t;
    private double n;

    /** @param forgetting factor lambda in (0, 1] applied once per batch (1 = never forget) */
    public RecursiveMaximumLikelihood(double forgetting) {
        if (!(forgetting > 0 && forgetting <= 1)) {
            throw new InvalidInputException("RML: forgetting factor must be in (0, 1], got " + forgetting);
        }
        this.forgetting = forgetting;
    }

    public double forgetting() {
        return forgetting;
    }

    @Override
    public KalmanModel update(KalmanModel current, DMatrixRMaj regressors, DMatrixRMaj features,
            double batchSeconds) {
        int d = features.numCols;
        if (rx == null) {
            rx = new DMatrixRMaj(3, 3);
            s = new DMatrixRMaj(d, 3);
            t = new DMatrixRMaj(d, d);
        }
        CommonOps_DDRM.scale(forgetting, rx);
        CommonOps_DDRM.scale(forgetting, s);
        CommonOps_DDRM.scale(forgetting, t);
        CommonOps_DDRM.multAddTransA(regressors, regressors, rx);
        CommonOps_DDRM.multAddTransA(features, regressors, s);
        CommonOps_DDRM.multAddTransA(features, features, t);
        n = forgetting * n + regressors.numRows;
        if (!Regression.fullColumnRank(rx)) {
            return null;
        }
        DMatrixRMaj bt = new DMatrixRMaj(3, d);
        DMatrixRMaj st = CommonOps_DDRM.transpose(s, null);
        if (!CommonOps_DDRM.solveSPD(rx.copy(), st, bt)) {
            return null;
        }
        DMatrixRMaj b = CommonOps_DDRM.transpose(bt, null);
        DMatrixRMaj r = t.copy();
        CommonOps_DDRM.multAddTransB(-1, b, s, r);
        CommonOps_DDRM.divide(r, n);
        // symmetrise: R feeds a Cholesky in the Riccati iteration
        DMatrixRMaj rt = CommonOps_DDRM.transpose(r, null);
        CommonOps_DDRM.add(0.5, r, 0.5, rt, r);
        DMatrixRMaj c = new DMatrixRMaj(d, 2);
        DMatrixRMaj off = new DMatrixRMaj(d, 1);
        for (int j = 0; j < d; j++) {
            c.set(j, 0, b.get(j, 0));
            c.set(j, 1, b.get(j, 1));
            off.set(j, 0, b.get(j, 2));
        }
        return current.withObservation(c, off, r);
    }
}
