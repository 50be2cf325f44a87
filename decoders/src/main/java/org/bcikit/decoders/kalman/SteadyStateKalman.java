package org.bcikit.decoders.kalman;

import org.bcikit.decoders.MatrixChecks;
import org.bcikit.data.NumericalFailureException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The steady-state Kalman gain, found as on the rig by iterating the Riccati recursion
 * <pre>
 *   P- = A P A^T + Q,   K = P- C^T (C P- C^T + R)^-1,   P = (I - K C) P-
 * </pre>
 * from {@code P = Q} until the gain stops changing (Wu et al. 2006; Sadtler et al. 2014;
 * Golub et al. 2018). The decoder then runs as {@code x_t = (I - K C) A x_{t-1} + K (y_t - d)}.
 *
 * <p>Failure to converge (unstable unobservable dynamics, a covariance that is not positive
 * definite, non-finite values) is reported as a {@link NumericalFailureException}, never hidden;
 * whoever knows where the model came from decides whether that is bad input (a stored model from
 * a file) or a failed computation (a model learned during a run).
 */
public final class SteadyStateKalman {

    /** Default relative tolerance on the change of the gain and covariance between iterations. */
    public static final double DEFAULT_TOLERANCE = 1e-13;
    /** Relative change accepted at the iteration cap: the recursion has settled to round-off. */
    static final double ROUND_OFF = 1e-10;
    /** Default iteration cap. */
    public static final int DEFAULT_MAX_ITERATIONS = 10_000;

    /** The converged gain with its diagnostics. */
    public record Result(DMatrixRMaj gain, DMatrixRMaj covariance, int iterations, double relativeChange) {
    }

    private SteadyStateKalman() {
    }

    /** Solves with the default tolerance and iteration cap. */
    public static Result solve(KalmanModel model) {
        return solve(model, DEFAULT_TOLERANCE, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Iterates the Riccati recursion until the gain and the covariance change by at most {@code tolerance} relative to
     * their largest entry.
     *
     * @throws NumericalFailureException if it does not converge within {@code maxIterations}, if the
     *     innovation covariance {@code C P- C^T + R} is not positive definite, or if values blow up
     */
    public static Result solve(KalmanModel model, double tolerance, int maxIterations) {
        DMatrixRMaj a = model.aView();
        DMatrixRMaj q = model.Q();
        DMatrixRMaj c = model.cView();
        DMatrixRMaj r = model.R();
        int n = c.numRows;
        DMatrixRMaj p = q.copy();
        DMatrixRMaj pPred = new DMatrixRMaj(2, 2);
        DMatrixRMaj tmp22 = new DMatrixRMaj(2, 2);
        DMatrixRMaj cp = new DMatrixRMaj(n, 2);
        DMatrixRMaj s = new DMatrixRMaj(n, n);
        DMatrixRMaj kt = new DMatrixRMaj(n, 2);
        DMatrixRMaj k = new DMatrixRMaj(2, n);
        DMatrixRMaj kPrev = new DMatrixRMaj(2, n);
        DMatrixRMaj pPrev = new DMatrixRMaj(2, 2);
        DMatrixRMaj kc = new DMatrixRMaj(2, 2);
        DMatrixRMaj ikc = new DMatrixRMaj(2, 2);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        double change = Double.NaN;
        for (int it = 1; it <= maxIterations; it++) {
            CommonOps_DDRM.mult(a, p, tmp22);
            CommonOps_DDRM.multTransB(tmp22, a, pPred);
            CommonOps_DDRM.addEquals(pPred, q);
            CommonOps_DDRM.mult(c, pPred, cp);
            CommonOps_DDRM.multTransB(cp, c, s);
            CommonOps_DDRM.addEquals(s, r);
            if (!chol.setA(s)) {
                throw new NumericalFailureException("Kalman gain: innovation covariance C P C^T + R is not "
                        + "positive definite at Riccati iteration " + it + " (check R)");
            }
            // K^T = S^-1 C P-, since S and P- are symmetric
            chol.solve(cp, kt);
            CommonOps_DDRM.transpose(kt, k);
            CommonOps_DDRM.mult(k, c, kc);
            CommonOps_DDRM.setIdentity(ikc);
            CommonOps_DDRM.subtractEquals(ikc, kc);
            CommonOps_DDRM.mult(ikc, pPred, p);
            // symmetrise against round-off drift
            double off = 0.5 * (p.get(0, 1) + p.get(1, 0));
            p.set(0, 1, off);
            p.set(1, 0, off);
            double scale = MatrixChecks.maxAbs(k);
            if (!Double.isFinite(scale) || !Double.isFinite(MatrixChecks.maxAbs(p))) {
                throw new NumericalFailureException("Kalman gain: Riccati iteration diverged (non-finite values at "
                        + "iteration " + it + "); the dynamics A, Q with observations C, R have no steady state");
            }
            if (it > 1) {
                // the covariance must settle too: with C = 0 the gain is constant while P explodes
                change = Math.max(MatrixChecks.maxAbsDiff(k, kPrev) / Math.max(scale, Double.MIN_NORMAL),
                        MatrixChecks.maxAbsDiff(p, pPrev) / Math.max(MatrixChecks.maxAbs(p), Double.MIN_NORMAL));
                if (change <= tolerance) {
                    return new Result(k, p, it, change);
                }
            }
            kPrev.setTo(k);
            pPrev.setTo(p);
        }
        // a gain that only jitters at round-off level (large Q against R: P = (I - K C) P- loses
        // digits) has converged as far as doubles allow; a gain still drifting (Q ~ 0) has not
        if (change <= ROUND_OFF) {
            return new Result(k, p, maxIterations, change);
        }
        throw new NumericalFailureException("Kalman gain: Riccati iteration did not converge in " + maxIterations
                + " iterations (last relative change of K " + change + ", tolerance " + tolerance
                + "); the dynamics A, Q with observations C, R have no steady state");
    }
}
