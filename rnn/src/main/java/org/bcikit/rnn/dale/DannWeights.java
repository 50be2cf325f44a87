package org.bcikit.rnn.dale;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RecurrentWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Recurrent Dale's ANN (DANN) weights: {@code W = W_EE - W_EI W_IE} with {@code W_EE} (nE x nE),
 * {@code W_EI} (nE x nI) and {@code W_IE} (nI x nE) all non-negative (Cornford et al. ICLR 2021,
 * "Learning to live with Dale's principle"; recurrent version Li et al. NeurIPS 2023).
 *
 * <p><b>Model.</b> The network's N = {@link #units()} units are the excitatory principal cells; the
 * nI inhibitory cells are linear, instantaneous interneurons that read the E population through
 * {@code W_IE} and inhibit it through {@code W_EI}. In the full synaptic matrix over E and I cells
 * ({@link #synaptic()}, sources in columns)
 * <pre>{@code
 *   [ W_EE  -W_EI ]   E columns >= 0 (E -> E and E -> I synapses excite),
 *   [ W_IE    0   ]   I columns <= 0 (I -> E synapses inhibit; no I -> I),
 * }</pre>
 * so Dale's law holds exactly at the synapses. Eliminating the interneurons gives the effective
 * E -> E matrix {@code W = W_EE - W_EI W_IE}, whose entries have either sign: each is bounded
 * above by the direct excitation {@code W_EE} and below by minus the disynaptic inhibition
 * {@code W_EI W_IE}.
 *
 * <p><b>Updates.</b> {@link #backpropagate} gives the exact chain rule
 * ({@code dW_EE = G}, {@code dW_EI = -G W_IE^T}, {@code dW_IE = -W_EI^T G}); the published
 * correction that rescales the interneuron gradients is an update rule,
 * {@link DannCorrectedUpdates}. {@link #refresh()} clamps all three matrices at 0 (projection).
 *
 * <p><b>Initialisation</b> ({@link #initialise}): {@code W_EE} and {@code W_IE} exponential with the
 * same scale, {@code W_EI = 1/nI} so each row sums to 1 and inhibition subtracts the mean
 * excitatory drive (E[W] = 0); optionally rescaled to a spectral radius. Spectra are unimodal and
 * clustered, NSE near 1, like a standard network's.
 *
 * <p><b>Divisive normalisation</b> (optional, Cornford et al. 2021): {@link #divisiveNormalise}
 * divides a drive by {@code gamma = W_EI (exp(alpha) . (W_IE h))}. It depends on the activity h, so
 * it is not part of the effective matrix; a model opts in by calling it on its pre-activation.
 */
public final class DannWeights implements RecurrentWeights {

    /** The published default scale numerator (1/3, as PyTorch's default linear init). */
    public static final double PUBLISHED_NUMERATOR = 1.0 / 3.0;

    private final Parameter wEE;
    private final Parameter wEI;
    private final Parameter wIE;
    private final DMatrixRMaj effective;
    private final DMatrixRMaj alpha;
    private final DMatrixRMaj inhibitory;

    /** Wraps copies of the three non-negative matrices; all weights plastic. */
    public DannWeights(DMatrixRMaj wEE, DMatrixRMaj wEI, DMatrixRMaj wIE) {
        int nE = wEE.numRows;
        int nI = wEI.numCols;
        if (wEE.numCols != nE || wEI.numRows != nE || wIE.numRows != nI || wIE.numCols != nE || nI < 1) {
            throw new IllegalArgumentException("DANN: expected W_EE nE x nE, W_EI nE x nI, W_IE nI x nE with nI >= 1, got "
                    + dims(wEE) + ", " + dims(wEI) + ", " + dims(wIE));
        }
        requireNonNegative("W_EE", wEE);
        requireNonNegative("W_EI", wEI);
        requireNonNegative("W_IE", wIE);
        this.wEE = new Parameter("W_EE", wEE.copy());
        this.wEI = new Parameter("W_EI", wEI.copy());
        this.wIE = new Parameter("W_IE", wIE.copy());
        this.effective = new DMatrixRMaj(nE, nE);
        this.alpha = new DMatrixRMaj(nI, 1);
        this.inhibitory = new DMatrixRMaj(nI, 1);
        recompute();
    }

    /**
     * The published initialisation for {@code nE} principal units and {@code nI} interneurons:
     * exponential {@code W_EE}, {@code W_IE} with scale {@code sqrt(nE/(nE-1) * (1/3) / nE)},
     * {@code W_EI = 1/nI}. When {@code spectralRadius > 0}, {@code W_EE} and {@code W_IE} are then
     * scaled together so that W has that spectral radius.
     */
    public static DannWeights initialise(int nE, int nI, double spectralRadius, SplittableRandom rng) {
        if (nE < 2 || nI < 1) {
            throw new IllegalArgumentException("DANN: need nE >= 2 and nI >= 1, got nE=" + nE + ", nI=" + nI);
        }
        double scale = Math.sqrt((double) nE / (nE - 1) * PUBLISHED_NUMERATOR / nE);
        DMatrixRMaj ee = new DMatrixRMaj(nE, nE);
        DMatrixRMaj ie = new DMatrixRMaj(nI, nE);
        DaleInitialisation.exponential(rng, scale, ee);
        DaleInitialisation.exponential(rng, scale, ie);
        DMatrixRMaj ei = new DMatrixRMaj(nE, nI);
        CommonOps_DDRM.fill(ei, 1.0 / nI);
        DannWeights d = new DannWeights(ee, ei, ie);
        if (spectralRadius > 0) {
            double r = EigenvalueSpectrum.of(d.effective).spectralRadius();
            if (r > 0) {
                CommonOps_DDRM.scale(spectralRadius / r, d.wEE.value());
                CommonOps_DDRM.scale(spectralRadius / r, d.wIE.value());
                d.recompute();
            }
        }
        return d;
    }

    /** Number of inhibitory interneurons. */
    public int interneurons() {
        return wEI.value().numCols;
    }

    /** Principal-to-principal weights W_EE (nE x nE). */
    public Parameter excitatoryToExcitatory() {
        return wEE;
    }

    /** Interneuron-to-principal weights W_EI (nE x nI), entering W with a minus sign. */
    public Parameter inhibitoryToExcitatory() {
        return wEI;
    }

    /** Principal-to-interneuron weights W_IE (nI x nE). */
    public Parameter excitatoryToInhibitory() {
        return wIE;
    }

    @Override
    public int units() {
        return wEE.value().numRows;
    }

    @Override
    public DMatrixRMaj effective() {
        return effective;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(wEE, wEI, wIE);
    }

    @Override
    public void backpropagate(DMatrixRMaj g) {
        int n = units();
        if (g.numRows != n || g.numCols != n) {
            throw new IllegalArgumentException("DANN: gradient " + dims(g) + " does not match W " + n + "x" + n);
        }
        wEE.gradient().setTo(g);
        CommonOps_DDRM.multTransB(-1.0, g, wIE.value(), wEI.gradient());
        CommonOps_DDRM.multTransA(-1.0, wEI.value(), g, wIE.gradient());
    }

    /** Clamps W_EE, W_EI and W_IE at 0, then recomputes W. */
    @Override
    public void refresh() {
        clamp(wEE.value());
        clamp(wEI.value());
        clamp(wIE.value());
        recompute();
    }

    /**
     * The full (nE + nI) x (nE + nI) synaptic matrix over E then I cells (targets in rows, sources
     * in columns): {@code [[W_EE, -W_EI], [W_IE, 0]]}. A new matrix.
     */
    public DMatrixRMaj synaptic() {
        int nE = units();
        int nI = interneurons();
        DMatrixRMaj s = new DMatrixRMaj(nE + nI, nE + nI);
        CommonOps_DDRM.insert(wEE.value(), s, 0, 0);
        DMatrixRMaj negEI = wEI.value().copy();
        CommonOps_DDRM.scale(-1.0, negEI);
        CommonOps_DDRM.insert(negEI, s, 0, nE);
        CommonOps_DDRM.insert(wIE.value(), s, nE, 0);
        return s;
    }

    /**
     * The log-gains {@code alpha} (nI x 1, initially 0) of the interneurons' divisive
     * normalisation; set entries to change the shunting strength. Not trained by this class.
     */
    public DMatrixRMaj normalisationLogGains() {
        return alpha;
    }

    /**
     * Divisive (shunting) normalisation: {@code drive_i <- drive_i / (gamma_i + epsilon)} with
     * {@code gamma = W_EI (exp(alpha) . (W_IE h))}, for activity {@code h} (nE x 1) and a
     * pre-activation {@code drive} (nE x 1, overwritten). Allocates nothing.
     */
    public void divisiveNormalise(DMatrixRMaj h, DMatrixRMaj drive, double epsilon) {
        int n = units();
        if (h.getNumElements() != n || drive.getNumElements() != n) {
            throw new IllegalArgumentException("DANN: h and drive must have " + n + " entries");
        }
        CommonOps_DDRM.mult(wIE.value(), h, inhibitory);
        for (int k = 0; k < inhibitory.data.length; k++) {
            inhibitory.data[k] *= Math.exp(alpha.data[k]);
        }
        double[] ei = wEI.value().data;
        int nI = interneurons();
        for (int i = 0; i < n; i++) {
            double gamma = 0.0;
            for (int k = 0; k < nI; k++) {
                gamma += ei[i * nI + k] * inhibitory.data[k];
            }
            drive.data[i] /= gamma + epsilon;
        }
    }

    @Override
    public DannWeights copy() {
        DannWeights c = new DannWeights(wEE.value(), wEI.value(), wIE.value());
        c.wEE.mask(wEE.mask() == null ? null : wEE.mask().copy());
        c.wEI.mask(wEI.mask() == null ? null : wEI.mask().copy());
        c.wIE.mask(wIE.mask() == null ? null : wIE.mask().copy());
        c.alpha.setTo(alpha);
        return c;
    }

    private void recompute() {
        effective.setTo(wEE.value());
        CommonOps_DDRM.multAdd(-1.0, wEI.value(), wIE.value(), effective);
    }

    private static void clamp(DMatrixRMaj m) {
        for (int k = 0; k < m.data.length; k++) {
            if (m.data[k] < 0.0) {
                m.data[k] = 0.0;
            }
        }
    }

    private static void requireNonNegative(String name, DMatrixRMaj m) {
        for (double v : m.data) {
            if (!(v >= 0.0)) {
                throw new IllegalArgumentException("DANN: " + name + " must be non-negative and finite, found " + v);
            }
        }
    }

    private static String dims(DMatrixRMaj m) {
        return m.numRows + "x" + m.numCols;
    }
}
