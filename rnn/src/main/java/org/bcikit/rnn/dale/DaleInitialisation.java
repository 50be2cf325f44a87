package org.bcikit.rnn.dale;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Shared pieces of the Dale's-law initialisations ({@link ColEiWeights}, {@link DannWeights}) and
 * the unconstrained Gaussian baseline they are compared with (Li et al. NeurIPS 2023). Every draw
 * comes from the caller's generator, so a seed fixes the numbers.
 */
public final class DaleInitialisation {

    private DaleInitialisation() {
    }

    /**
     * Number of inhibitory units among {@code n} for an inhibitory fraction {@code f} in (0, 1):
     * {@code round(f n)}, kept within [1, n - 1] so both populations exist.
     */
    public static int inhibitoryCount(int n, double f) {
        if (n < 2) {
            throw new IllegalArgumentException("an E/I network needs at least 2 units, got " + n);
        }
        if (!(f > 0.0 && f < 1.0)) {
            throw new IllegalArgumentException("inhibitory fraction must be in (0, 1), got " + f);
        }
        return (int) Math.min(n - 1, Math.max(1, Math.round(f * n)));
    }

    /**
     * Number of DANN interneurons for {@code nE} principal (excitatory) units so that
     * {@code nI / (nE + nI)} is as close as possible to the inhibitory fraction {@code f}; at least 1.
     */
    public static int interneuronCount(int nE, double f) {
        if (nE < 1) {
            throw new IllegalArgumentException("a DANN needs at least 1 excitatory unit, got " + nE);
        }
        if (!(f > 0.0 && f < 1.0)) {
            throw new IllegalArgumentException("inhibitory fraction must be in (0, 1), got " + f);
        }
        return (int) Math.max(1, Math.round(f * nE / (1.0 - f)));
    }

    /** One draw from an exponential distribution with mean (and standard deviation) {@code scale}. */
    public static double exponential(SplittableRandom rng, double scale) {
        return -scale * Math.log1p(-rng.nextDouble());
    }

    /** Fills {@code out} with independent exponential draws of mean {@code scale}. */
    public static void exponential(SplittableRandom rng, double scale, DMatrixRMaj out) {
        for (int k = 0; k < out.data.length; k++) {
            out.data[k] = exponential(rng, scale);
        }
    }

    /** An n x n plasticity mask with 0 on the diagonal (no self-connections) and 1 elsewhere. */
    public static DMatrixRMaj offDiagonalMask(int n) {
        DMatrixRMaj m = new DMatrixRMaj(n, n);
        CommonOps_DDRM.fill(m, 1.0);
        for (int i = 0; i < n; i++) {
            m.unsafe_set(i, i, 0.0);
        }
        return m;
    }
}
