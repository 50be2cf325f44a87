package org.bcikit.rnn.dale;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RecurrentWeights;
import org.ejml.data.DMatrixRMaj;

/**
 * Column-partitioned excitatory/inhibitory recurrent weights (ColEI): {@code W = W+ diag(s)} with
 * {@code W+ >= 0}, {@code s_j = +1} for the first {@code nE} (excitatory) columns and {@code -1} for
 * the last {@code nI} (inhibitory) columns, so every unit's outgoing weights share one sign (Dale's
 * law). Units are ordered E first, then I.
 *
 * <p>The trainable parameter is {@code W+} (named {@code "Wplus"}). Updates are projected:
 * {@link #refresh()} clamps negative entries of {@code W+} to 0 (Song, Yang and Wang 2016, PLoS
 * Comput Biol 12:e1004792). Self-connections are excluded: {@link #initialise} leaves the
 * diagonal at 0 and freezes it with the plasticity mask.
 *
 * <p>{@link #initialise} follows Li et al. NeurIPS 2023 ("Learning better with Dale's law: a
 * spectral perspective"): exponential {@code W+} with scale
 * {@code sigma_E = sqrt(1 / (((2 pi - 1) / 2 pi) (nE + nE^2 / nI)))} for E columns and
 * {@code sigma_I = (nE / nI) sigma_E} for I columns (so E and I drive balance on average), zero
 * diagonal, then a rescale to a chosen spectral radius (1.5 in the paper). These networks have
 * multimodal, dispersed singular-value spectra (low normalised SVD entropy), worse when small or
 * with few I units; see {@link org.bcikit.rnn.analysis.SingularValueSpectrum}.
 */
public final class ColEiWeights implements RecurrentWeights {

    /** Spectral radius used by Li et al. 2023 for ColEI initialisation. */
    public static final double PUBLISHED_SPECTRAL_RADIUS = 1.5;

    private final int excitatory;
    private final Parameter wPlus;
    private final DMatrixRMaj effective;

    /**
     * Wraps a copy of {@code wPlus} (N x N, entries >= 0) whose first {@code excitatory} columns are
     * excitatory and the rest inhibitory. All weights are plastic (no mask).
     */
    public ColEiWeights(DMatrixRMaj wPlus, int excitatory) {
        if (wPlus.numRows != wPlus.numCols) {
            throw new IllegalArgumentException("ColEI: W+ must be square, got " + wPlus.numRows + "x" + wPlus.numCols);
        }
        if (excitatory < 0 || excitatory > wPlus.numCols) {
            throw new IllegalArgumentException("ColEI: excitatory count " + excitatory + " outside [0, " + wPlus.numCols + "]");
        }
        for (double v : wPlus.data) {
            if (!(v >= 0.0)) {
                throw new IllegalArgumentException("ColEI: W+ must be non-negative and finite, found " + v);
            }
        }
        this.excitatory = excitatory;
        this.wPlus = new Parameter("Wplus", wPlus.copy());
        this.effective = new DMatrixRMaj(wPlus.numRows, wPlus.numCols);
        recompute();
    }

    /**
     * The published initialisation (see class comment) for {@code n} units of which
     * {@code round(inhibitoryFraction * n)} are inhibitory (at least 1 and at most n - 1), rescaled to
     * {@code spectralRadius}; the diagonal is 0 and frozen by the mask.
     */
    public static ColEiWeights initialise(int n, double inhibitoryFraction, double spectralRadius, SplittableRandom rng) {
        int nI = DaleInitialisation.inhibitoryCount(n, inhibitoryFraction);
        int nE = n - nI;
        double sigmaE = Math.sqrt(1.0 / (((2 * Math.PI - 1) / (2 * Math.PI)) * (nE + (double) nE * nE / nI)));
        double sigmaI = ((double) nE / nI) * sigmaE;
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    w.unsafe_set(i, j, DaleInitialisation.exponential(rng, j < nE ? sigmaE : sigmaI));
                }
            }
        }
        ColEiWeights c = new ColEiWeights(w, nE);
        c.wPlus.mask(DaleInitialisation.offDiagonalMask(n));
        if (spectralRadius > 0) {
            double radius = EigenvalueSpectrum.of(c.effective).spectralRadius();
            if (radius > 0) {
                org.ejml.dense.row.CommonOps_DDRM.scale(spectralRadius / radius, c.wPlus.value());
                c.recompute();
            }
        }
        return c;
    }

    /** Number of excitatory units (the first columns). */
    public int excitatory() {
        return excitatory;
    }

    /** Number of inhibitory units (the last columns). */
    public int inhibitory() {
        return units() - excitatory;
    }

    /** The sign of unit {@code j}'s outgoing weights: +1 excitatory, -1 inhibitory. */
    public double sign(int j) {
        return j < excitatory ? 1.0 : -1.0;
    }

    /** The non-negative magnitudes W+ (the trainable parameter). */
    public Parameter magnitudes() {
        return wPlus;
    }

    @Override
    public int units() {
        return wPlus.value().numRows;
    }

    @Override
    public DMatrixRMaj effective() {
        return effective;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(wPlus);
    }

    /** dL/dW+_ij = dL/dW_ij * s_j. */
    @Override
    public void backpropagate(DMatrixRMaj gradEffective) {
        int n = units();
        if (gradEffective.numRows != n || gradEffective.numCols != n) {
            throw new IllegalArgumentException("ColEI: gradient " + gradEffective.numRows + "x" + gradEffective.numCols
                    + " does not match W " + n + "x" + n);
        }
        double[] g = gradEffective.data;
        double[] out = wPlus.gradient().data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[row + j] = j < excitatory ? g[row + j] : 0.0 - g[row + j];
            }
        }
    }

    /** Projects W+ onto the non-negative orthant (clamp at 0), then recomputes W. */
    @Override
    public void refresh() {
        double[] w = wPlus.value().data;
        for (int k = 0; k < w.length; k++) {
            if (w[k] < 0.0) {
                w[k] = 0.0;
            }
        }
        recompute();
    }

    private void recompute() {
        int n = units();
        double[] w = wPlus.value().data;
        double[] out = effective.data;
        for (int i = 0; i < n; i++) {
            int row = i * n;
            for (int j = 0; j < n; j++) {
                out[row + j] = j < excitatory ? w[row + j] : 0.0 - w[row + j];
            }
        }
    }

    @Override
    public ColEiWeights copy() {
        ColEiWeights c = new ColEiWeights(wPlus.value(), excitatory);
        c.wPlus.mask(wPlus.mask() == null ? null : wPlus.mask().copy());
        return c;
    }
}
