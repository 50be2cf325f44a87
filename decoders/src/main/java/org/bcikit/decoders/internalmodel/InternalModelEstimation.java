package org.bcikit.decoders.internalmodel;

import java.util.Arrays;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Trial;
import org.bcikit.decoders.Regression;
import org.ejml.data.DMatrixRMaj;

/**
 * Internal model estimation (IME): Golub, Yu &amp; Chase, "Internal models for interpreting neural
 * population activity during sensorimotor control", eLife 4:e10015 (2015), as its codepack
 * {@code mattgolub/internal_model_estimation} (v2.0) fits it and as science.md §7 writes it down.
 * The subject is modelled as holding an internal model {@code ṽ_k = A ṽ_{k-1} + B u + b0 + w} of
 * the decoder; at each step t it sees the cursor TAU steps late and internally forward-predicts
 * the cursor from that feedback with the spikes it has issued since (a "whisker"), aiming the
 * last predicted velocity at the target: {@code g = p̃_0 + α_t ṽ_0 + r}. EM fits A (2 x 2), B
 * (2 x q), b0, the isotropic W_v, R and one α_t ≥ 0 per whisker by maximising the likelihood
 * of the targets given feedback and spikes.
 *
 * <p>Input: trials as the data layer holds them, bins first: counts T x q, cursor position
 * T x 2 with row t the first position to reflect counts row t (the codepack's convention, so that
 * {@code v(t) = P(t+1) - P(t)}), and a target position. dt = 1 inside the model; positions may
 * be in any unit. Every trial needs at least TAU + 3 bins.
 *
 * <p>Initialisation: the intended velocity {@code s · unit(g - P(t))}, s the mean distance per step,
 * regressed on {@code u(t+1)} gives B, b0 and the (anisotropic) W_v; A = 0; α and R from the
 * prior. Iterations: {@code maxIterations} counts M-steps, so a fit has up to
 * {@code maxIterations + 1} log-likelihoods, the first at the initial parameters; it stops early
 * only when, after more than {@code minIterations} iterations, the log-likelihood rose by less
 * than {@code tolerance}; a fall beyond {@code decreaseTolerance} is counted in the result (EM
 * forbids it, so it signals a numerical problem).
 */
public final class InternalModelEstimation {

    /** The codepack's defaults: MAX_ITERS 5000, TOL 1e-8, ZERO_TOL 1e-10, MIN_ITERS 10. */
    public static final int DEFAULT_MAX_ITERATIONS = 5000;
    public static final double DEFAULT_TOLERANCE = 1e-8;
    public static final double DEFAULT_DECREASE_TOLERANCE = 1e-10;
    public static final int DEFAULT_MIN_ITERATIONS = 10;
    /** EM iterations for held-out α and R (the codepack's velime_evaluate MAX_ITERS). */
    public static final int DEFAULT_HELD_OUT_ITERATIONS = 50;

    private final int tau;
    private final int maxIterations;
    private final int minIterations;
    private final double tolerance;
    private final double decreaseTolerance;

    /** IME with feedback delay {@code tau} (steps) and the codepack's defaults otherwise. */
    public InternalModelEstimation(int tau) {
        this(tau, DEFAULT_MAX_ITERATIONS, DEFAULT_MIN_ITERATIONS, DEFAULT_TOLERANCE, DEFAULT_DECREASE_TOLERANCE);
    }

    private InternalModelEstimation(int tau, int maxIterations, int minIterations, double tolerance,
            double decreaseTolerance) {
        if (tau < 0) {
            throw new InvalidInputException("tau: expected a feedback delay >= 0 steps, got " + tau);
        }
        if (maxIterations < 0) {
            throw new InvalidInputException("maxIterations: expected >= 0, got " + maxIterations);
        }
        if (minIterations < 0) {
            throw new InvalidInputException("minIterations: expected >= 0, got " + minIterations);
        }
        if (!(tolerance >= 0) || !(decreaseTolerance >= 0)) {
            throw new InvalidInputException("tolerance: expected >= 0, got " + tolerance + " and " + decreaseTolerance);
        }
        this.tau = tau;
        this.maxIterations = maxIterations;
        this.minIterations = minIterations;
        this.tolerance = tolerance;
        this.decreaseTolerance = decreaseTolerance;
    }

    public InternalModelEstimation withTau(int t) {
        return new InternalModelEstimation(t, maxIterations, minIterations, tolerance, decreaseTolerance);
    }

    /** The most M-steps (0: the initial parameters, one E-step). */
    public InternalModelEstimation withMaxIterations(int max) {
        return new InternalModelEstimation(tau, max, minIterations, tolerance, decreaseTolerance);
    }

    /** Iterations before convergence may be declared. */
    public InternalModelEstimation withMinIterations(int min) {
        return new InternalModelEstimation(tau, maxIterations, min, tolerance, decreaseTolerance);
    }

    /** Absolute log-likelihood gain below which the fit has converged. */
    public InternalModelEstimation withTolerance(double tol) {
        return new InternalModelEstimation(tau, maxIterations, minIterations, tol, decreaseTolerance);
    }

    /** Log-likelihood falls larger than this are counted as decreases. */
    public InternalModelEstimation withDecreaseTolerance(double tol) {
        return new InternalModelEstimation(tau, maxIterations, minIterations, tolerance, tol);
    }

    public int tau() {
        return tau;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public int minIterations() {
        return minIterations;
    }

    public double tolerance() {
        return tolerance;
    }

    public double decreaseTolerance() {
        return decreaseTolerance;
    }

    /** Fits all parameters to {@code trials} by EM from the current-regression initialisation. */
    public InternalModel fit(List<Trial> trials) {
        WhiskerSet w = WhiskerSet.of(trials, tau);
        ImeEm em = new ImeEm(w);
        initialise(trials, em);
        return iterate(em, true);
    }

    /**
     * Keeps the internal model of {@code dynamics} (A, B, b0, W_v, TAU) and fits α and R alone
     * to {@code trials} (α from the prior first), as the codepack does to score held-out trials:
     * the result's {@link InternalModel#logLikelihood(List, int)} is then the held-out likelihood.
     * Runs up to {@link #maxIterations()} iterations; the codepack uses
     * {@link #DEFAULT_HELD_OUT_ITERATIONS}.
     */
    public InternalModel fitObservation(InternalModel dynamics, List<Trial> trials) {
        WhiskerSet w = WhiskerSet.of(trials, dynamics.tau());
        if (w.units != dynamics.units()) {
            throw new InvalidInputException("trials: expected " + dynamics.units() + " units like the fitted model, got "
                    + w.units);
        }
        ImeEm em = new ImeEm(w);
        em.setDynamics(dynamics.a(), dynamics.b(), dynamics.b0(), dynamics.wv());
        em.observationStepFromPrior();
        return iterate(em, false);
    }

    /** Current regression: intended velocity s·unit(g - P(t)) on u(t+1), t = 0 ... T-2; A = 0. */
    private static void initialise(List<Trial> trials, ImeEm em) {
        int q = em.w.units;
        int rows = 0;
        double distance = 0;
        for (Trial tr : trials) {
            DMatrixRMaj p = tr.cursorPosition();
            for (int t = 0; t + 1 < tr.bins(); t++) {
                distance += Math.hypot(p.get(t + 1, 0) - p.get(t, 0), p.get(t + 1, 1) - p.get(t, 1));
            }
            rows += tr.bins() - 1;
        }
        double speed = distance / rows;
        DMatrixRMaj x = new DMatrixRMaj(rows, q + 1);
        DMatrixRMaj y = new DMatrixRMaj(rows, 2);
        int row = 0;
        for (int k = 0; k < trials.size(); k++) {
            Trial tr = trials.get(k);
            DMatrixRMaj p = tr.cursorPosition();
            DMatrixRMaj c = tr.counts();
            for (int t = 0; t + 1 < tr.bins(); t++) {
                double dx = tr.target().x() - p.get(t, 0);
                double dy = tr.target().y() - p.get(t, 1);
                double len = Math.hypot(dx, dy);
                if (!(len > 0)) {
                    throw new InvalidInputException("trial " + (k + 1) + ": cursor position[" + t
                            + "]: the cursor sits exactly on the target, so the initial aiming direction is undefined");
                }
                y.set(row, 0, speed * dx / len);
                y.set(row, 1, speed * dy / len);
                for (int u = 0; u < q; u++) {
                    x.set(row, u, c.get(t + 1, u));
                }
                x.set(row, q, 1);
                row++;
            }
        }
        DMatrixRMaj coef = Regression.leastSquares(x, y, "counts",
                "a unit never fires, or units are collinear; the regression of aiming velocity on counts has no unique solution");
        DMatrixRMaj res = Regression.residualCovariance(x, y, coef);
        DMatrixRMaj b = new DMatrixRMaj(2, q);
        for (int d = 0; d < 2; d++) {
            for (int u = 0; u < q; u++) {
                b.set(d, u, coef.get(u, d));
            }
        }
        em.setDynamics(new DMatrixRMaj(2, 2), b, new double[] {coef.get(q, 0), coef.get(q, 1)},
                new double[] {res.get(0, 0), res.get(1, 1)});
        em.observationStepFromPrior();
    }

    private InternalModel iterate(ImeEm em, boolean learnDynamics) {
        int max = maxIterations;
        double[] ll = new double[max + 1];
        int iterations = 0;
        int decreases = 0;
        double largestDecrease = 0;
        boolean converged = false;
        while (true) {
            double li = em.eStep();
            ll[iterations] = li;
            if (iterations > 0) {
                double old = ll[iterations - 1];
                if (li < old && old - li > decreaseTolerance) {
                    decreases++;
                    largestDecrease = Math.max(largestDecrease, old - li);
                }
                if (iterations > minIterations && li > old && li - old < tolerance) {
                    converged = true;
                    break;
                }
            }
            if (iterations >= max) {
                break;
            }
            if (learnDynamics) {
                em.dynamicsStep();
            }
            em.observationStep();
            iterations++;
        }
        return new InternalModel(em, Arrays.copyOf(ll, iterations + 1), iterations, converged, decreases,
                largestDecrease);
    }
}
