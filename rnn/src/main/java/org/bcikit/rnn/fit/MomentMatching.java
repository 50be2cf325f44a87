package org.bcikit.rnn.fit;

import java.util.List;

import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.lu.LUDecompositionAlt_DDRM;
import org.ejml.dense.row.linsol.lu.LinearSolverLu_DDRM;

/**
 * Fits the static linear-Gaussian network of Payeur, Orsborn and Lajoie 2023 (science.md section
 * 5.1) to recorded activity by moment matching: per-target activity {@code N(mu_k, Sigma)} with
 * {@code mu_k = (I - W)^-1 (b + U x_k)}, {@code Sigma = s2 (I - W)^-1 (I - W)^-T}, one-hot inputs,
 * against recorded per-target means {@code m_k} and a shared covariance S. The loss is the mean
 * over targets of {@code KL(N(m_k, S) || N(mu_k, Sigma))}; with {@code M = I - W} the model's
 * precision is {@code M^T M / s2}, so
 * <pre>
 *   L = 1/(2 s2) [ tr(M S M^T) + (1/K) sum_k |M m_k - b - U x_k|^2 ] - ln|det M| + const,
 *   dL/dW = -(1/s2) [ M S + (1/K) R Mm^T ] + M^-T,   dL/dU = -(1/(K s2)) R X^T,   dL/db = -(1/(K s2)) R 1,
 * </pre>
 * {@code R = M Mm - b 1^T - U X}. The means are matched exactly once {@code R = 0}; the covariance
 * once {@code M S M^T = s2 I}, which leaves an orthogonal freedom, so where gradient descent ends
 * depends on where it starts: a lazy or a rich initial W gives different fitted networks with
 * the same activity. Trained by Adam on W, U and b. Configuration in, {@link #fit} does the work.
 */
public final class MomentMatching {

    private final double noiseVariance;
    private final double learningRate;
    private final int maxSteps;
    private final double tolerance;

    private MomentMatching(double noiseVariance, double learningRate, int maxSteps, double tolerance) {
        if (!(noiseVariance > 0) || !(learningRate > 0) || maxSteps < 1 || !(tolerance >= 0)) {
            throw new IllegalArgumentException("moment matching: need noise variance > 0, learning rate > 0, "
                    + "steps >= 1, tolerance >= 0; got " + noiseVariance + ", " + learningRate + ", " + maxSteps
                    + ", " + tolerance);
        }
        this.noiseVariance = noiseVariance;
        this.learningRate = learningRate;
        this.maxSteps = maxSteps;
        this.tolerance = tolerance;
    }

    /** Private noise variance {@code s2}; Adam at 1e-2 for at most 3000 steps; stop when the KL falls below 1e-6. */
    public static MomentMatching ofNoiseVariance(double s2) {
        return new MomentMatching(s2, 1e-2, 3000, 1e-6);
    }

    /** A copy assuming private noise variance {@code s2}. */
    public MomentMatching withNoiseVariance(double s2) {
        return new MomentMatching(s2, learningRate, maxSteps, tolerance);
    }

    /** A copy with Adam's learning rate {@code lr}. */
    public MomentMatching withLearningRate(double lr) {
        return new MomentMatching(noiseVariance, lr, maxSteps, tolerance);
    }

    /** A copy taking at most {@code n} steps. */
    public MomentMatching withMaxSteps(int n) {
        return new MomentMatching(noiseVariance, learningRate, n, tolerance);
    }

    /** A copy stopping once the mean KL is below {@code kl}. */
    public MomentMatching withTolerance(double kl) {
        return new MomentMatching(noiseVariance, learningRate, maxSteps, kl);
    }

    /** The private noise variance. */
    public double noiseVariance() {
        return noiseVariance;
    }

    /**
     * Fits W (starting from {@code w0}, q x q), U and b (starting at 0) to per-target means
     * {@code means} (q x K, column k) and shared covariance {@code cov} (q x q, positive definite).
     *
     * @throws IllegalArgumentException when shapes disagree or {@code cov} is not positive definite
     * @throws IllegalStateException    when {@code I - W} becomes singular during the fit
     */
    public MomentFit fit(DMatrixRMaj means, DMatrixRMaj cov, DMatrixRMaj w0) {
        int q = means.numRows;
        int k = means.numCols;
        if (cov.numRows != q || cov.numCols != q || w0.numRows != q || w0.numCols != q) {
            throw new IllegalArgumentException("moment matching: means " + q + " x " + k + ", covariance "
                    + cov.numRows + " x " + cov.numCols + ", W " + w0.numRows + " x " + w0.numCols);
        }
        double logDetS = logDetSpd(cov);
        Parameter w = new Parameter("W", w0.copy());
        Parameter u = new Parameter("U", new DMatrixRMaj(q, k));
        Parameter b = new Parameter("b", new DMatrixRMaj(q, 1));
        List<Parameter> params = List.of(w, u, b);
        Adam adam = new Adam(learningRate);
        LinearSolverLu_DDRM lu = new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM());
        DMatrixRMaj m = new DMatrixRMaj(q, q);
        DMatrixRMaj mInv = new DMatrixRMaj(q, q);
        DMatrixRMaj ms = new DMatrixRMaj(q, q);
        DMatrixRMaj r = new DMatrixRMaj(q, k);
        double[] trace = new double[maxSteps + 1];
        int steps = 0;
        double kl = Double.NaN;
        boolean converged = false;
        for (int step = 0; step <= maxSteps; step++) {
            kl = lossAndGradients(means, cov, logDetS, w, u, b, lu, m, mInv, ms, r);
            trace[step] = kl;
            steps = step;
            if (kl <= tolerance) {
                converged = true;
                break;
            }
            if (step == maxSteps) {
                break;
            }
            adam.step(params);
        }
        double[] klTrace = java.util.Arrays.copyOf(trace, steps + 1);
        return new MomentFit(w.value().copy(), u.value().copy(), b.value().copy(), noiseVariance, kl, klTrace, steps,
                converged);
    }

    /** The mean KL at W, U, b (each a parameter whose gradient is written): for gradient checks. */
    double evaluate(DMatrixRMaj means, DMatrixRMaj cov, Parameter w, Parameter u, Parameter b) {
        int q = means.numRows;
        return lossAndGradients(means, cov, logDetSpd(cov), w, u, b, new LinearSolverLu_DDRM(new LUDecompositionAlt_DDRM()),
                new DMatrixRMaj(q, q), new DMatrixRMaj(q, q), new DMatrixRMaj(q, q), new DMatrixRMaj(q, means.numCols));
    }

    /** The mean KL at W, U, b; writes their gradients. */
    private double lossAndGradients(DMatrixRMaj means, DMatrixRMaj cov, double logDetS, Parameter w, Parameter u,
                                    Parameter b, LinearSolverLu_DDRM lu, DMatrixRMaj m, DMatrixRMaj mInv,
                                    DMatrixRMaj ms, DMatrixRMaj r) {
        int q = means.numRows;
        int k = means.numCols;
        CommonOps_DDRM.setIdentity(m);
        CommonOps_DDRM.subtractEquals(m, w.value());
        if (!lu.setA(m)) {
            throw new IllegalStateException("moment matching: I - W became singular");
        }
        // ln|det M| from the LU factor's diagonal: the determinant itself can overflow at q ~ 100.
        DMatrixRMaj factored = lu.getDecomposition().getLU();
        double logDetM = 0;
        for (int i = 0; i < q; i++) {
            logDetM += Math.log(Math.abs(factored.unsafe_get(i, i)));
        }
        if (!Double.isFinite(logDetM)) {
            throw new IllegalStateException("moment matching: I - W became singular");
        }
        lu.invert(mInv);
        CommonOps_DDRM.mult(m, cov, ms);
        double trMSMt = 0;
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                trMSMt += ms.unsafe_get(i, j) * m.unsafe_get(i, j);
            }
        }
        // R = M Mm - b 1^T - U (one-hot X = I).
        CommonOps_DDRM.mult(m, means, r);
        for (int i = 0; i < q; i++) {
            for (int c = 0; c < k; c++) {
                r.unsafe_set(i, c, r.unsafe_get(i, c) - b.value().data[i] - u.value().unsafe_get(i, c));
            }
        }
        double rr = 0;
        for (double v : r.data) {
            rr += v * v;
        }
        double s2 = noiseVariance;
        double kl = 0.5 * (trMSMt / s2 + rr / (k * s2) - q + q * Math.log(s2) - 2 * logDetM - logDetS);
        // dL/dW = -(1/s2)[M S + (1/K) R Mm^T] + M^-T
        DMatrixRMaj gw = w.gradient();
        CommonOps_DDRM.transpose(mInv, gw);
        CommonOps_DDRM.addEquals(gw, -1.0 / s2, ms);
        CommonOps_DDRM.multAddTransB(-1.0 / (k * s2), r, means, gw);
        DMatrixRMaj gu = u.gradient();
        gu.setTo(r);
        CommonOps_DDRM.scale(-1.0 / (k * s2), gu);
        DMatrixRMaj gb = b.gradient();
        for (int i = 0; i < q; i++) {
            double s = 0;
            for (int c = 0; c < k; c++) {
                s += r.unsafe_get(i, c);
            }
            gb.data[i] = -s / (k * s2);
        }
        return kl;
    }

    private static double logDetSpd(DMatrixRMaj s) {
        org.ejml.interfaces.decomposition.CholeskyDecomposition_F64<DMatrixRMaj> chol =
                org.ejml.dense.row.factory.DecompositionFactory_DDRM.chol(s.numRows, true);
        if (!chol.decompose(s.copy())) {
            throw new IllegalArgumentException("moment matching: the recorded covariance is not positive definite");
        }
        DMatrixRMaj l = chol.getT(null);
        double ld = 0;
        for (int i = 0; i < s.numRows; i++) {
            ld += 2 * Math.log(l.get(i, i));
        }
        return ld;
    }
}
