package org.bcikit.decoders.kalman;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.MatrixChecks;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The front end of the rig's decoder: spike counts to the features the Kalman filter observes
 * (Sadtler et al. 2014, Nature 512:423; Golub et al. 2018, Nat Neurosci 21:607):
 * <pre>
 *   z_t = beta Sigma_u P (u_t - mu_u)            factor-analysis posterior mean of z-scored counts
 *   y_t = eta Sigma_z z_t                        normalised, possibly permuted factors
 *   beta = L^T (L L^T + diag(Ph))^-1
 * </pre>
 * {@code eta} is the identity for an intuitive decoder and a d x d permutation for a
 * within-manifold perturbation; {@code P} permutes the q units for an outside-manifold
 * perturbation (identity otherwise). Everything folds into {@code y_t = G u_t - g} with
 * {@code G = eta Sigma_z beta Sigma_u P}, {@code g = G mu_u}, so an outside-manifold
 * perturbation moves each unit's role but still removes the unit's own mean (science.md §2).
 * Immutable; accessors return copies.
 */
public final class FactorReadout {

    private final DMatrixRMaj muU;
    private final DMatrixRMaj sigmaU;
    private final DMatrixRMaj beta;
    private final DMatrixRMaj sigmaZ;
    private final DMatrixRMaj eta;
    private final int[] unitPermutation;
    private final DMatrixRMaj gain;
    private final DMatrixRMaj offset;

    private FactorReadout(DMatrixRMaj muU, DMatrixRMaj sigmaU, DMatrixRMaj beta, DMatrixRMaj sigmaZ,
            DMatrixRMaj eta, int[] unitPermutation) {
        int q = beta.numCols;
        int d = beta.numRows;
        this.muU = MatrixChecks.vector("mu_u", muU, q);
        this.sigmaU = MatrixChecks.shape("Sigma_u", sigmaU, q, q).copy();
        this.beta = MatrixChecks.shape("beta", beta, d, q).copy();
        this.sigmaZ = MatrixChecks.shape("Sigma_z", sigmaZ, d, d).copy();
        this.eta = MatrixChecks.shape("eta", eta, d, d).copy();
        this.unitPermutation = unitPermutation == null ? null
                : MatrixChecks.permutation("unit permutation", unitPermutation, q);
        DMatrixRMaj es = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(this.eta, this.sigmaZ, es);
        DMatrixRMaj esb = new DMatrixRMaj(d, q);
        CommonOps_DDRM.mult(es, this.beta, esb);
        DMatrixRMaj unpermuted = new DMatrixRMaj(d, q);
        CommonOps_DDRM.mult(esb, this.sigmaU, unpermuted);
        this.gain = new DMatrixRMaj(d, q);
        for (int i = 0; i < q; i++) {
            // (G P)[:, perm[i]] = G[:, i]: unit perm[i] is read where unit i used to be
            int dst = unitPermutation == null ? i : this.unitPermutation[i];
            for (int r = 0; r < d; r++) {
                gain.unsafe_set(r, dst, unpermuted.unsafe_get(r, i));
            }
        }
        // each unit's own mean is removed before it is moved: m0 = -K d - M2 mu_u (science.md §2)
        this.offset = new DMatrixRMaj(d, 1);
        CommonOps_DDRM.mult(gain, this.muU, offset);
    }

    /** A readout from a stored {@code beta} (d x q). */
    public static FactorReadout of(DMatrixRMaj muU, DMatrixRMaj sigmaU, DMatrixRMaj beta, DMatrixRMaj sigmaZ,
            DMatrixRMaj eta) {
        if (beta == null) {
            throw new InvalidInputException("beta: expected a d x q matrix, got none");
        }
        return new FactorReadout(muU, sigmaU, beta, sigmaZ, eta, null);
    }

    /**
     * A readout whose {@code beta} is recomputed from FA loadings {@code L} (q x d) and private
     * variances {@code Ph} (q, all &gt; 0), both fitted on z-scored counts.
     */
    public static FactorReadout fromLoadings(DMatrixRMaj muU, DMatrixRMaj sigmaU, DMatrixRMaj loadings,
            DMatrixRMaj privateVariances, DMatrixRMaj sigmaZ, DMatrixRMaj eta) {
        return of(muU, sigmaU, posteriorMap(loadings, privateVariances), sigmaZ, eta);
    }

    /**
     * {@code beta = L^T (L L^T + diag(Ph))^-1}, computed in the Woodbury form
     * {@code (I + L^T Ph^-1 L)^-1 L^T Ph^-1} so only a d x d system is solved.
     */
    public static DMatrixRMaj posteriorMap(DMatrixRMaj loadings, DMatrixRMaj privateVariances) {
        if (loadings == null) {
            throw new InvalidInputException("L: expected a q x d loading matrix, got none");
        }
        int q = loadings.numRows;
        int d = loadings.numCols;
        MatrixChecks.finite("L", loadings);
        DMatrixRMaj ph = MatrixChecks.vector("Ph", privateVariances, q);
        DMatrixRMaj ltPsiInv = new DMatrixRMaj(d, q);
        for (int i = 0; i < q; i++) {
            double psi = ph.data[i];
            if (!(psi > 0)) {
                throw new InvalidInputException("Ph[" + i + "]: expected a private variance > 0, got " + psi);
            }
            for (int j = 0; j < d; j++) {
                ltPsiInv.unsafe_set(j, i, loadings.unsafe_get(i, j) / psi);
            }
        }
        DMatrixRMaj m = CommonOps_DDRM.identity(d);
        CommonOps_DDRM.multAdd(ltPsiInv, loadings, m);
        DMatrixRMaj beta = new DMatrixRMaj(d, q);
        if (!CommonOps_DDRM.solveSPD(m, ltPsiInv, beta)) {
            throw new InvalidInputException("L, Ph: I + L^T Ph^-1 L is not positive definite");
        }
        return beta;
    }

    /** The same readout with the factors permuted: row i of the new eta is row perm[i] of the identity. */
    public FactorReadout withEta(DMatrixRMaj newEta) {
        return new FactorReadout(muU, sigmaU, beta, sigmaZ, newEta, unitPermutation);
    }

    /**
     * The same readout reading the units in a new order: unit {@code perm[i]} takes the place of
     * unit {@code i} (composed with any permutation already applied).
     */
    public FactorReadout withUnitPermutation(int[] perm) {
        int q = units();
        int[] p = MatrixChecks.permutation("unit permutation", perm, q);
        if (unitPermutation != null) {
            int[] composed = new int[q];
            for (int i = 0; i < q; i++) {
                composed[i] = p[unitPermutation[i]];
            }
            p = composed;
        }
        return new FactorReadout(muU, sigmaU, beta, sigmaZ, eta, p);
    }

    public int units() {
        return beta.numCols;
    }

    public int features() {
        return beta.numRows;
    }

    /** Writes {@code y = G u - g} (length d) for counts {@code u} (length q). Allocates nothing. */
    public void features(double[] counts, double[] out) {
        int q = gain.numCols;
        int d = gain.numRows;
        double[] gd = gain.data;
        for (int r = 0; r < d; r++) {
            double s = -offset.data[r];
            int base = r * q;
            for (int i = 0; i < q; i++) {
                s += gd[base + i] * counts[i];
            }
            out[r] = s;
        }
    }

    /** {@code G = eta Sigma_z beta Sigma_u P}, d x q. */
    public DMatrixRMaj featureGain() {
        return gain.copy();
    }

    /** {@code g = G mu_u}, d x 1. */
    public DMatrixRMaj featureOffset() {
        return offset.copy();
    }

    public DMatrixRMaj muU() {
        return muU.copy();
    }

    public DMatrixRMaj sigmaU() {
        return sigmaU.copy();
    }

    public DMatrixRMaj beta() {
        return beta.copy();
    }

    public DMatrixRMaj sigmaZ() {
        return sigmaZ.copy();
    }

    public DMatrixRMaj eta() {
        return eta.copy();
    }

    /** The unit permutation (identity when none was applied). */
    public int[] unitPermutation() {
        if (unitPermutation != null) {
            return unitPermutation.clone();
        }
        int[] id = new int[units()];
        for (int i = 0; i < id.length; i++) {
            id[i] = i;
        }
        return id;
    }
}
