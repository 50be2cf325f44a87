package org.bcikit.rnn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SpecializedOps_DDRM;

/**
 * How lazily a network learned (Liu et al. ICLR 2024, "How connectivity structure shapes rich and
 * lazy learning in neural circuits"; science.md §5.6). Lazy learning changes the weights little
 * relative to their size and leaves the network's kernels (its representation and its tangent
 * kernel) aligned with their initial values; rich learning moves them.
 * <ul>
 *   <li>relative weight change {@code |W_T - W_0|_F / |W_0|_F};</li>
 *   <li>kernel alignment {@code <K_0, K_T>_F / (|K_0|_F |K_T|_F)} in [-1, 1] (1 = same up to scale);</li>
 *   <li>representation alignment: kernel alignment of {@code K = H H^T}, H the activity over a fixed
 *       probe batch (one row per probe);</li>
 *   <li>tangent-kernel alignment: kernel alignment of {@code K = J J^T}, J the Jacobian of the
 *       outputs over the probe batch with respect to the recurrent weights (one row per output,
 *       one column per weight);</li>
 *   <li>effective rank {@code exp(-sum p_i ln p_i)}, {@code p_i = sigma_i / sum sigma}.</li>
 * </ul>
 */
public final class LazinessMeasures {

    private LazinessMeasures() {
    }

    /** {@code |W_T - W_0|_F / |W_0|_F}; fails for a zero initial matrix. */
    public static double relativeWeightChange(DMatrixRMaj w0, DMatrixRMaj wT) {
        sameShape(w0, wT);
        double base = NormOps_DDRM.normF(w0);
        if (!(base > 0)) {
            throw new IllegalArgumentException("relative weight change: the initial weights are zero");
        }
        return SpecializedOps_DDRM.diffNormF(wT, w0) / base;
    }

    /** {@code <K0, KT>_F / (|K0|_F |KT|_F)}. */
    public static double kernelAlignment(DMatrixRMaj k0, DMatrixRMaj kT) {
        sameShape(k0, kT);
        double dot = 0;
        for (int i = 0; i < k0.getNumElements(); i++) {
            dot += k0.data[i] * kT.data[i];
        }
        double norms = NormOps_DDRM.normF(k0) * NormOps_DDRM.normF(kT);
        if (!(norms > 0)) {
            throw new IllegalArgumentException("kernel alignment: a kernel is zero");
        }
        return dot / norms;
    }

    /** Kernel alignment of {@code H0 H0^T} and {@code HT HT^T} (probes x units, same probes). */
    public static double representationAlignment(DMatrixRMaj h0, DMatrixRMaj hT) {
        sameShape(h0, hT);
        return kernelAlignment(gram(h0), gram(hT));
    }

    /** Kernel alignment of {@code J0 J0^T} and {@code JT JT^T} (outputs x weights, same probes). */
    public static double tangentKernelAlignment(DMatrixRMaj j0, DMatrixRMaj jT) {
        sameShape(j0, jT);
        return kernelAlignment(gram(j0), gram(jT));
    }

    /** Effective rank of {@code w} (between 1 and min(rows, cols)). */
    public static double effectiveRank(DMatrixRMaj w) {
        return SingularValueSpectrum.of(w).effectiveRank();
    }

    private static DMatrixRMaj gram(DMatrixRMaj h) {
        DMatrixRMaj k = new DMatrixRMaj(h.numRows, h.numRows);
        CommonOps_DDRM.multTransB(h, h, k);
        return k;
    }

    private static void sameShape(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows || a.numCols != b.numCols) {
            throw new IllegalArgumentException("expected matrices of the same shape, got " + a.numRows + "x"
                    + a.numCols + " and " + b.numRows + "x" + b.numCols);
        }
    }
}
