package org.bcikit.decoders.adaptive;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.Regression;
import org.bcikit.decoders.kalman.KalmanModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * SmoothBatch closed-loop decoder adaptation (Orsborn et al. 2012, IEEE TNSRE 20:468; Orsborn et
 * al. 2014, Neuron 82:1380): each batch, refit the observation model {@code C, d, R} by least
 * squares on (intended velocity, features) and blend it with the old one,
 * {@code C <- (1 - rho) C_new + rho C_old}, with {@code rho = 0.5^(batch time / half-life)}.
 * (Orsborn's observation-noise covariance, called Q there, is {@code R} here.)
 */
public final class SmoothBatch implements ObservationUpdate {

    private final double halfLife;

    /** @param halfLifeSeconds time for the old model's weight to halve (Orsborn et al.: 90-300 s) */
    public SmoothBatch(double halfLifeSeconds) {
        if (!(halfLifeSeconds > 0) || !Double.isFinite(halfLifeSeconds)) {
            throw new InvalidInputException("SmoothBatch: half-life must be a finite number of seconds > 0, got "
                    + halfLifeSeconds);
        }
        this.halfLife = halfLifeSeconds;
    }

    public double halfLife() {
        return halfLife;
    }

    /** The weight kept by the old model after a batch of {@code batchSeconds}. */
    public double rho(double batchSeconds) {
        return Math.exp(Math.log(0.5) * batchSeconds / halfLife);
    }

    @Override
    public KalmanModel update(KalmanModel current, DMatrixRMaj regressors, DMatrixRMaj features,
            double batchSeconds) {
        if (!Regression.fullColumnRank(regressors)) {
            return null;
        }
        DMatrixRMaj b = Regression.leastSquares(regressors, features, "SmoothBatch batch", "degenerate batch");
        DMatrixRMaj r = Regression.residualCovariance(regressors, features, b);
        int d = features.numCols;
        double rho = rho(batchSeconds);
        DMatrixRMaj c = current.C();
        DMatrixRMaj off = current.d();
        for (int j = 0; j < d; j++) {
            c.set(j, 0, (1 - rho) * b.get(0, j) + rho * c.get(j, 0));
            c.set(j, 1, (1 - rho) * b.get(1, j) + rho * c.get(j, 1));
            off.set(j, 0, (1 - rho) * b.get(2, j) + rho * off.get(j, 0));
        }
        DMatrixRMaj rr = current.R();
        CommonOps_DDRM.add(1 - rho, r, rho, rr, rr);
        return current.withObservation(c, off, rr);
    }
}
