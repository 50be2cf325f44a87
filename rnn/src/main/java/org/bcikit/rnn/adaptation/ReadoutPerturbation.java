package org.bcikit.rnn.adaptation;

import org.ejml.data.DMatrixRMaj;

/**
 * A perturbed BCI readout for a static network: a within-manifold (rows of C permuted) or
 * outside-manifold (columns of C permuted) remapping of a {@link ManifoldDecoder}, with each
 * condition's expected loss under it at the moment it was chosen.
 *
 * @param kind          WMP or OMP
 * @param permutation   the permutation of factors (WMP, length M) or of units (OMP, length N)
 * @param readout       the perturbed readout (O x N)
 * @param conditionLoss each condition's expected loss under it (length K)
 */
public record ReadoutPerturbation(Kind kind, int[] permutation, DMatrixRMaj readout, double[] conditionLoss) {

    /** Within- or outside-manifold. */
    public enum Kind { WMP, OMP }

    /** The mean of {@link #conditionLoss()}: the network's expected loss under this readout. */
    public double loss() {
        double s = 0;
        for (double l : conditionLoss) {
            s += l;
        }
        return s / conditionLoss.length;
    }
}
