package org.bcikit.rnn.feedback;

import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * {@code covariance} feedback (science.md §11): B estimated from how the units' private noise
 * co-varies with the cursor it moves, {@code Cov(v, y) = Sigma V_p^T} with
 * {@code Sigma = A S0 A^T} the network's current noise covariance (Payeur, Orsborn and Lajoie
 * 2023, bioRxiv 2023.03.11.532146, §5.1). The noise is used, not the total covariance, because the
 * condition means move activity and cursor together through the targets: only the fluctuations
 * isolate the decoder. Two regressions of cursor on activity:
 * <ul>
 * <li>ridge {@code B^T = V_p Sigma (Sigma + lambda I)^-1}, i.e. {@code B = (Sigma + lambda I)^-1 Sigma V_p^T},
 * with {@code lambda = ridge * tr(Sigma)/N} (relative to the mean noise variance so that one value
 * fits any network); it tends to V_p^T as ridge goes to 0 and keeps high-variance directions
 * better than low-variance ones;</li>
 * <li>univariate {@code B^T[:, i] = (V_p Sigma)[:, i] / Sigma_ii} (each unit regressed alone), exact
 * only when the noise is uncorrelated across units.</li>
 * </ul>
 * The statistics are the model's exact expectations (infinitely many samples), so the estimate's
 * error is the regression's bias, not sampling noise. Buffers are allocated on the first call (and
 * again only if the network's size changes), so repeated estimates allocate nothing.
 */
public final class CovarianceFeedback implements FeedbackEstimator {

    private final boolean univariate;
    private final double ridge;

    private LinearSolverDense<DMatrixRMaj> solver;
    private DMatrixRMaj iMinusW;
    private DMatrixRMaj inverse;
    private DMatrixRMaj as0;
    private DMatrixRMaj sigma;
    private DMatrixRMaj vt;
    private DMatrixRMaj sigmaVt;
    private DMatrixRMaj au;

    private CovarianceFeedback(boolean univariate, double ridge) {
        this.univariate = univariate;
        this.ridge = ridge;
    }

    /** Ridge regression with {@code lambda = ridge * tr(Sigma)/N}, {@code ridge >= 0}. */
    public static CovarianceFeedback ridge(double ridge) {
        if (!(ridge >= 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("covariance feedback: ridge must be finite and >= 0, got " + ridge);
        }
        return new CovarianceFeedback(false, ridge);
    }

    /** One regression per unit. */
    public static CovarianceFeedback univariate() {
        return new CovarianceFeedback(true, 0);
    }

    @Override
    public void estimate(StaticGaussianNetwork network, DMatrixRMaj feedback) {
        int n = network.units();
        if (iMinusW == null || iMinusW.numRows != n) {
            allocate(n, network.readout().numRows, network.inputWeights().value().numCols);
        }
        CommonOps_DDRM.setIdentity(iMinusW);
        CommonOps_DDRM.subtractEquals(iMinusW, network.recurrent().effective());
        if (!solver.setA(iMinusW)) {
            throw new ArithmeticException("covariance feedback: I - W is singular");
        }
        solver.invert(inverse);
        // Sigma = A S0 A^T, S0 = s2 I + s2_in U U^T
        as0.setTo(inverse);
        CommonOps_DDRM.scale(network.noiseVariance(), as0);
        if (network.inputNoiseVariance() > 0) {
            DMatrixRMaj u = network.inputWeights().value();
            CommonOps_DDRM.mult(inverse, u, au);
            CommonOps_DDRM.multAddTransB(network.inputNoiseVariance(), au, u, as0);
        }
        CommonOps_DDRM.multTransB(as0, inverse, sigma);
        CommonOps_DDRM.transpose(network.readout(), vt);
        CommonOps_DDRM.mult(sigma, vt, sigmaVt);
        if (univariate) {
            for (int i = 0; i < n; i++) {
                double d = sigma.unsafe_get(i, i);
                for (int o = 0; o < feedback.numCols; o++) {
                    feedback.unsafe_set(i, o, sigmaVt.unsafe_get(i, o) / d);
                }
            }
            return;
        }
        double lambda = ridge * CommonOps_DDRM.trace(sigma) / n;
        for (int i = 0; i < n; i++) {
            sigma.add(i, i, lambda);
        }
        if (!solver.setA(sigma)) {
            throw new ArithmeticException("covariance feedback: Sigma + lambda I is singular (ridge " + ridge + ")");
        }
        solver.solve(sigmaVt, feedback);
    }

    private void allocate(int n, int o, int d) {
        au = new DMatrixRMaj(n, d);
        solver = LinearSolverFactory_DDRM.lu(n);
        iMinusW = new DMatrixRMaj(n, n);
        inverse = new DMatrixRMaj(n, n);
        as0 = new DMatrixRMaj(n, n);
        sigma = new DMatrixRMaj(n, n);
        vt = new DMatrixRMaj(n, o);
        sigmaVt = new DMatrixRMaj(n, o);
    }

    @Override
    public String name() {
        return univariate ? "univariate" : "covariance";
    }
}
