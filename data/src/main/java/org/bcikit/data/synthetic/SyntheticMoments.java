package org.bcikit.data.synthetic;

import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Exact first and second moments of a synthetic session's counts, averaged over its bins.
 *
 * <p>With {@code e_i(t) = E[lambda_i | v_t]} and {@code s_t = T v_t}: for exponential rates
 * {@code e_i = b_i exp(a_i s_t + sigma^2 |a_i|^2 / 2)} and
 * {@code E[lambda_i lambda_j | v_t] = e_i e_j exp(sigma^2 a_i . a_j)} (log-normal moments); for
 * linear rates {@code e_i = b_i (1 + a_i s_t)} and
 * {@code E[lambda_i lambda_j | v_t] = e_i e_j + b_i b_j sigma^2 a_i . a_j}. The law of total
 * covariance then gives {@code Cov(u) = Cov(lambda dt) + diag(E[u])}, the Poisson part being
 * diagonal.
 */
final class SyntheticMoments {

    private final double[] mean;
    private final DMatrixRMaj shared;
    private final DMatrixRMaj latentCovariance;

    SyntheticMoments(SyntheticSession s) {
        SyntheticPopulation c = s.config();
        Recording r = s.recording();
        int q = c.units();
        int d = c.factors();
        int n = r.totalBins();
        double dt = c.binWidth();
        double var = c.latentNoise() * c.latentNoise();
        double[] b = s.baselineRates();
        DMatrixRMaj a = s.normalizedLoadings();
        DMatrixRMaj tuning = s.tuning();
        boolean exp = c.rateModel() == SyntheticPopulation.RateModel.EXPONENTIAL;

        DMatrixRMaj latentMeans = new DMatrixRMaj(n, d);   // s_t, one row per bin
        int row = 0;
        for (Trial t : r.trials()) {
            DMatrixRMaj v = t.cursorVelocity();
            DMatrixRMaj st = new DMatrixRMaj(v.numRows, d);
            CommonOps_DDRM.multTransB(v, tuning, st);
            System.arraycopy(st.data, 0, latentMeans.data, row * d, st.getNumElements());
            row += v.numRows;
        }
        DMatrixRMaj drive = new DMatrixRMaj(n, q);        // a_i . s_t
        CommonOps_DDRM.multTransB(latentMeans, a, drive);
        DMatrixRMaj aat = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransB(a, a, aat);
        DMatrixRMaj e = new DMatrixRMaj(n, q);            // dt e_i(t): expected count given v_t
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < q; i++) {
                double x = drive.unsafe_get(t, i);
                e.unsafe_set(t, i, dt * b[i] * (exp ? Math.exp(x + var * aat.unsafe_get(i, i) / 2) : 1 + x));
            }
        }
        mean = new double[q];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < q; i++) {
                mean[i] += e.unsafe_get(t, i) / n;
            }
        }
        DMatrixRMaj second = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransA(e, e, second);
        CommonOps_DDRM.scale(1.0 / n, second);
        shared = new DMatrixRMaj(q, q);
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                double g = second.unsafe_get(i, j);
                double m2 = exp ? g * Math.exp(var * aat.unsafe_get(i, j))
                        : g + dt * dt * b[i] * b[j] * var * aat.unsafe_get(i, j);
                shared.unsafe_set(i, j, m2 - mean[i] * mean[j]);
            }
        }
        latentCovariance = new DMatrixRMaj(d, d);
        double[] mz = new double[d];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                mz[j] += latentMeans.unsafe_get(t, j) / n;
            }
        }
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < d; k++) {
                    latentCovariance.unsafe_set(j, k, latentCovariance.unsafe_get(j, k)
                            + (latentMeans.unsafe_get(t, j) - mz[j]) * (latentMeans.unsafe_get(t, k) - mz[k]) / n);
                }
            }
        }
        for (int j = 0; j < d; j++) {
            latentCovariance.unsafe_set(j, j, latentCovariance.unsafe_get(j, j) + var);
        }
    }

    double[] mean() {
        return mean.clone();
    }

    DMatrixRMaj shared() {
        return shared.copy();
    }

    DMatrixRMaj covariance() {
        DMatrixRMaj c = shared.copy();
        for (int i = 0; i < mean.length; i++) {
            c.unsafe_set(i, i, c.unsafe_get(i, i) + mean[i]);
        }
        return c;
    }

    DMatrixRMaj latentCovariance() {
        return latentCovariance.copy();
    }
}
