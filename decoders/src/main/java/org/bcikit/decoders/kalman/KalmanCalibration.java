package org.bcikit.decoders.kalman;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.MatrixChecks;
import org.bcikit.decoders.Regression;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Calibrates the intuitive decoder in the rig convention (Sadtler et al. 2014, Nature 512:423;
 * Golub et al. 2018, Nat Neurosci 21:607): z-score the counts ({@code mu_u}, {@code Sigma_u} =
 * diag(1/std)), fit factor analysis on them, take the posterior-mean factors, normalise them
 * ({@code Sigma_z} = diag(1/std)), and fit the Kalman model by least squares from the intended
 * velocities (Wu et al. 2006): {@code C, d} by regressing the factors on {@code [x, 1]},
 * {@code R} the residual covariance, and {@code A, Q} likewise from consecutive bins within a
 * trial — or fixed, as on the rig ({@code A = I, Q = 2000 I}).
 *
 * <p>Data are given per trial so that no transition spans two trials. Rank-deficient data (a
 * silent unit, velocities along one line, fewer bins than units) is an
 * {@link InvalidInputException}.
 */
public final class KalmanCalibration {

    private final DMatrixRMaj fixedA;
    private final DMatrixRMaj fixedQ;

    private KalmanCalibration(DMatrixRMaj fixedA, DMatrixRMaj fixedQ) {
        this.fixedA = fixedA;
        this.fixedQ = fixedQ;
    }

    /** Fits A and Q from the data. */
    public static KalmanCalibration fittedDynamics() {
        return new KalmanCalibration(null, null);
    }

    /** Uses the given dynamics (the rig uses {@code A = I}, {@code Q = 2000 I} in mm/s units). */
    public static KalmanCalibration fixedDynamics(DMatrixRMaj a, DMatrixRMaj q) {
        return new KalmanCalibration(MatrixChecks.shape("A", a, 2, 2).copy(), MatrixChecks.shape("Q", q, 2, 2).copy());
    }

    /**
     * Calibrates from per-trial counts (T_i x q) and intended velocities (T_i x 2).
     *
     * @return the intuitive decoder (eta = identity); its readout holds mu_u, Sigma_u, beta, Sigma_z
     */
    public KalmanVelocityDecoder fit(List<DMatrixRMaj> counts, List<DMatrixRMaj> velocities, FactorFitter fitter) {
        if (counts.isEmpty() || counts.size() != velocities.size()) {
            throw new InvalidInputException("calibration: expected as many velocity trials as count trials "
                    + "(at least one), got " + counts.size() + " and " + velocities.size());
        }
        int q = counts.get(0).numCols;
        int total = 0;
        for (int i = 0; i < counts.size(); i++) {
            MatrixChecks.shape("calibration counts[" + i + "]", counts.get(i), counts.get(i).numRows, q);
            MatrixChecks.shape("calibration velocities[" + i + "]", velocities.get(i), counts.get(i).numRows, 2);
            total += counts.get(i).numRows;
        }
        if (total <= q) {
            throw new InvalidInputException("calibration: rank-deficient data: " + total + " bins for " + q
                    + " units; expected more bins than units");
        }
        DMatrixRMaj u = stack(counts, q);
        DMatrixRMaj x = stack(velocities, 2);
        DMatrixRMaj muU = CommonOps_DDRM.sumCols(u, null);
        CommonOps_DDRM.divide(muU, total);
        DMatrixRMaj stdU = std(u, muU);
        DMatrixRMaj sigmaU = new DMatrixRMaj(q, q);
        for (int i = 0; i < q; i++) {
            if (!(stdU.data[i] > 0)) {
                throw new InvalidInputException("calibration: rank-deficient data: unit " + i
                        + " has zero variance (remove silent or constant units)");
            }
            sigmaU.set(i, i, 1.0 / stdU.data[i]);
        }
        DMatrixRMaj zs = new DMatrixRMaj(total, q);
        for (int t = 0; t < total; t++) {
            for (int i = 0; i < q; i++) {
                zs.unsafe_set(t, i, (u.unsafe_get(t, i) - muU.data[i]) / stdU.data[i]);
            }
        }
        FactorFitter.Loadings fa = fitter.fit(zs);
        DMatrixRMaj beta = FactorReadout.posteriorMap(fa.loadings(), fa.privateVariances());
        int d = beta.numRows;
        DMatrixRMaj z = new DMatrixRMaj(total, d);
        CommonOps_DDRM.multTransB(zs, beta, z);
        DMatrixRMaj meanZ = CommonOps_DDRM.sumCols(z, null);
        CommonOps_DDRM.divide(meanZ, total);
        DMatrixRMaj stdZ = std(z, meanZ);
        DMatrixRMaj sigmaZ = new DMatrixRMaj(d, d);
        for (int j = 0; j < d; j++) {
            if (!(stdZ.data[j] > 0)) {
                throw new InvalidInputException("calibration: factor " + j + " has zero variance");
            }
            sigmaZ.set(j, j, 1.0 / stdZ.data[j]);
        }
        DMatrixRMaj y = new DMatrixRMaj(total, d);
        CommonOps_DDRM.mult(z, sigmaZ, y);

        // observation model: y = C x + d + r
        DMatrixRMaj xa = new DMatrixRMaj(total, 3);
        for (int t = 0; t < total; t++) {
            xa.unsafe_set(t, 0, x.unsafe_get(t, 0));
            xa.unsafe_set(t, 1, x.unsafe_get(t, 1));
            xa.unsafe_set(t, 2, 1);
        }
        DMatrixRMaj b = Regression.leastSquares(xa, y, "calibration velocities",
                "the intended velocities (with a constant) span fewer than 3 dimensions");
        DMatrixRMaj c = new DMatrixRMaj(d, 2);
        DMatrixRMaj dOff = new DMatrixRMaj(d, 1);
        for (int j = 0; j < d; j++) {
            c.set(j, 0, b.get(0, j));
            c.set(j, 1, b.get(1, j));
            dOff.set(j, 0, b.get(2, j));
        }
        DMatrixRMaj r = Regression.residualCovariance(xa, y, b);

        DMatrixRMaj a = fixedA;
        DMatrixRMaj qn = fixedQ;
        if (a == null) {
            int transitions = total - counts.size();
            if (transitions < 3) {
                throw new InvalidInputException("calibration: rank-deficient data: " + transitions
                        + " within-trial transitions, expected at least 3 to fit A and Q");
            }
            DMatrixRMaj x0 = new DMatrixRMaj(transitions, 2);
            DMatrixRMaj x1 = new DMatrixRMaj(transitions, 2);
            int row = 0;
            int start = 0;
            for (DMatrixRMaj v : velocities) {
                for (int t = 1; t < v.numRows; t++, row++) {
                    x0.set(row, 0, x.get(start + t - 1, 0));
                    x0.set(row, 1, x.get(start + t - 1, 1));
                    x1.set(row, 0, x.get(start + t, 0));
                    x1.set(row, 1, x.get(start + t, 1));
                }
                start += v.numRows;
            }
            DMatrixRMaj at = Regression.leastSquares(x0, x1, "calibration velocities",
                    "consecutive intended velocities span fewer than 2 dimensions");
            a = new DMatrixRMaj(2, 2);
            CommonOps_DDRM.transpose(at, a);
            qn = Regression.residualCovariance(x0, x1, at);
        }
        KalmanModel model = new KalmanModel(a, qn, c, dOff, r);
        FactorReadout readout = FactorReadout.of(muU, sigmaU, beta, sigmaZ, CommonOps_DDRM.identity(d));
        return KalmanVelocityDecoder.build(readout, model);
    }

    private static DMatrixRMaj stack(List<DMatrixRMaj> parts, int cols) {
        int rows = parts.stream().mapToInt(m -> m.numRows).sum();
        DMatrixRMaj out = new DMatrixRMaj(rows, cols);
        int r = 0;
        for (DMatrixRMaj m : parts) {
            System.arraycopy(m.data, 0, out.data, r * cols, m.getNumElements());
            r += m.numRows;
        }
        return out;
    }

    /** Column standard deviations with the n-1 normalisation (MATLAB's std, as on the rig). */
    private static DMatrixRMaj std(DMatrixRMaj m, DMatrixRMaj mean) {
        DMatrixRMaj s = new DMatrixRMaj(1, m.numCols);
        for (int t = 0; t < m.numRows; t++) {
            for (int j = 0; j < m.numCols; j++) {
                double e = m.unsafe_get(t, j) - mean.data[j];
                s.data[j] += e * e;
            }
        }
        for (int j = 0; j < m.numCols; j++) {
            s.data[j] = Math.sqrt(s.data[j] / (m.numRows - 1));
        }
        return s;
    }
}
