package org.bcikit.decoders.internalmodel;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Trial;
import org.ejml.data.DMatrixRMaj;

/**
 * A fitted internal model (Golub, Yu &amp; Chase 2015; {@link InternalModelEstimation}): the
 * subject's believed decoder {@code ṽ_k = A ṽ_{k-1} + B u + b0} with isotropic noise W_v, the
 * feedback delay TAU, the observation parameters of the trials it was fitted on (one α per
 * whisker, R), and the fit's diagnostics. Immutable: matrices are copied out.
 *
 * <p>Predictions are the prior (not target-conditioned) chains: {@link #whiskers(Trial)} for
 * plots, {@link #angularErrors(List, double)} for the paper's comparison of cursor and internal
 * model aiming errors (science.md §7).
 */
public final class InternalModel {

    private final int tau;
    private final int units;
    private final DMatrixRMaj a;
    private final DMatrixRMaj b;
    private final double[] b0;
    private final double[] wv;
    private final double r;
    private final double[] alpha;
    private final double[] logLikelihoods;
    private final int iterations;
    private final boolean converged;
    private final int decreases;
    private final double largestDecrease;

    InternalModel(ImeEm em, double[] logLikelihoods, int iterations, boolean converged, int decreases,
            double largestDecrease) {
        this.tau = em.w.tau;
        this.units = em.w.units;
        this.a = em.a.copy();
        this.b = em.b.copy();
        this.b0 = em.b0.clone();
        this.wv = em.wv.clone();
        this.r = em.r;
        this.alpha = em.alpha.clone();
        this.logLikelihoods = logLikelihoods;
        this.iterations = iterations;
        this.converged = converged;
        this.decreases = decreases;
        this.largestDecrease = largestDecrease;
    }

    /** The feedback delay in steps. */
    public int tau() {
        return tau;
    }

    public int units() {
        return units;
    }

    /** A (2 x 2): the internal model's velocity dynamics. */
    public DMatrixRMaj a() {
        return a.copy();
    }

    /** B (2 x q): how the subject believes spikes move the cursor. */
    public DMatrixRMaj b() {
        return b.copy();
    }

    /** b0 (x, y). */
    public double[] b0() {
        return b0.clone();
    }

    /** W_v (x, y): the velocity noise variances, equal after the first M-step (isotropic). */
    public double[] wv() {
        return wv.clone();
    }

    /** R: the isotropic variance of the target about the aimed-at point. */
    public double r() {
        return r;
    }

    /** α_t ≥ 0 of every whisker of the fitted trials, trial by trial, step by step. */
    public double[] alphas() {
        return alpha.clone();
    }

    /** Whiskers the model was fitted on. */
    public int whiskerCount() {
        return alpha.length;
    }

    /** Log-likelihood after each iteration; element 0 at the initial parameters. */
    public double[] logLikelihoods() {
        return logLikelihoods.clone();
    }

    /** The final log-likelihood (natural log, summed over whiskers). */
    public double logLikelihood() {
        return logLikelihoods[logLikelihoods.length - 1];
    }

    /** M-steps done. */
    public int iterations() {
        return iterations;
    }

    /** True when the fit stopped on the tolerance rather than the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /** Iterations at which the log-likelihood fell by more than the decrease tolerance (EM forbids it). */
    public int likelihoodDecreases() {
        return decreases;
    }

    /** The largest such fall (0 when none). */
    public double largestLikelihoodDecrease() {
        return largestDecrease;
    }

    /**
     * The log-likelihood of {@code trials}' targets counting only whiskers at 0-based step ≥
     * {@code firstStep} (the codepack's T_START − 1; a TAU sweep scores every TAU from
     * 1 + max TAU). The α belong to the fitted trials, so {@code trials} must be those (for held-out
     * trials fit α first with {@link InternalModelEstimation#fitObservation}).
     */
    public double logLikelihood(List<Trial> trials, int firstStep) {
        WhiskerSet w = WhiskerSet.of(trials, tau);
        if (w.n != alpha.length) {
            throw new InvalidInputException("trials: expected the " + alpha.length + " whiskers the model's alphas were "
                    + "fitted on, got " + w.n + " (fit alphas to these trials with fitObservation)");
        }
        ImeEm em = engine(w);
        System.arraycopy(alpha, 0, em.alpha, 0, alpha.length);
        em.r = r;
        em.eStep();
        double ll = 0;
        for (int i = 0; i < w.n; i++) {
            if (w.step[i] >= firstStep) {
                ll += em.whiskerLogLikelihood[i];
            }
        }
        return ll;
    }

    private ImeEm engine(WhiskerSet w) {
        if (w.units != units) {
            throw new InvalidInputException("trials: expected " + units + " units like the fitted model, got " + w.units);
        }
        ImeEm em = new ImeEm(w);
        em.setDynamics(a, b, b0, wv);
        return em;
    }

    /** The whiskers of one trial: the internal predictions at steps TAU+1 ... T-2 (0-based). */
    public List<Whisker> whiskers(Trial trial) {
        return whiskers(List.of(trial)).get(0);
    }

    /** The whiskers of every trial, in trial order. */
    public List<List<Whisker>> whiskers(List<Trial> trials) {
        WhiskerSet w = WhiskerSet.of(trials, tau);
        double[] means = engine(w).priorMeans();
        int dim = 4 * (tau + 1);
        List<List<Whisker>> out = new ArrayList<>(trials.size());
        for (int k = 0; k < trials.size(); k++) {
            List<Whisker> list = new ArrayList<>();
            for (int i = w.firstWhisker[k]; i < w.firstWhisker[k + 1]; i++) {
                list.add(new Whisker(w.step[i], means, i * dim, tau + 1));
            }
            out.add(Collections.unmodifiableList(list));
        }
        return Collections.unmodifiableList(out);
    }

    /** {@link #angularErrors(List, double, int)} from the first whisker step, TAU + 1. */
    public AngularErrors angularErrors(List<Trial> trials, double acceptanceRadius) {
        return angularErrors(trials, acceptanceRadius, tau + 1);
    }

    /**
     * Per-trial mean absolute aiming errors (degrees) of the cursor (from P(t) along
     * P(t+1) − P(t)) and of the internal model (from p̃_t along ṽ_t), on the same steps
     * {@code firstStep} ... T−2 of every trial; {@code acceptanceRadius} is cursor radius + target
     * radius (an aim that would make the circles overlap has error 0).
     */
    public AngularErrors angularErrors(List<Trial> trials, double acceptanceRadius, int firstStep) {
        if (!(acceptanceRadius >= 0)) {
            throw new InvalidInputException("acceptanceRadius: expected >= 0, got " + acceptanceRadius);
        }
        if (firstStep < tau + 1) {
            throw new InvalidInputException("firstStep: expected >= TAU + 1 = " + (tau + 1) + ", got " + firstStep);
        }
        List<List<Whisker>> all = whiskers(trials);
        double[] cursor = new double[trials.size()];
        double[] model = new double[trials.size()];
        for (int k = 0; k < trials.size(); k++) {
            Trial tr = trials.get(k);
            DMatrixRMaj p = tr.cursorPosition();
            double gx = tr.target().x();
            double gy = tr.target().y();
            double sumCursor = 0;
            double sumModel = 0;
            int n = 0;
            for (Whisker wh : all.get(k)) {
                int t = wh.step();
                if (t < firstStep) {
                    continue;
                }
                int last = wh.states() - 1;
                sumCursor += Math.abs(AngularErrors.degrees(p.get(t, 0), p.get(t, 1), p.get(t + 1, 0) - p.get(t, 0),
                        p.get(t + 1, 1) - p.get(t, 1), gx, gy, acceptanceRadius));
                sumModel += Math.abs(AngularErrors.degrees(wh.positionX(last), wh.positionY(last), wh.velocityX(last),
                        wh.velocityY(last), gx, gy, acceptanceRadius));
                n++;
            }
            // a trial without steps has no mean (NaN), as MATLAB's mean of nothing; the summary skips it
            cursor[k] = sumCursor / n;
            model[k] = sumModel / n;
        }
        return new AngularErrors(cursor, model);
    }
}
