package org.bcikit.data.mat;

import org.ejml.data.DMatrixRMaj;

/**
 * One decoder ("mapping") exactly as the rig stored it, in the Batista/Yu/Chase convention of
 * Golub et al. 2018, Nat Neurosci 21:607 (see {@code shared/docs/science.md} §2):
 * <pre>
 *   z_t = beta Sigma_u (u_t - mu_u)                       factors of z-scored counts
 *   eta Sigma_z z_t = C x_t + d + r,  x_t = A x_{t-1} + w  velocity Kalman filter
 *   x_t = M1 x_{t-1} + M2 u_t + m0                         its steady state
 *   vraw = M2 u_t + m0                                     raw decoded velocity
 * </pre>
 * with q recorded units and d factors. An immutable value: every getter returns a new copy.
 * Vectors are column vectors (n x 1). Fields stored as integers in the file (A, Q, eta) are
 * converted to double exactly.
 */
public final class RigMapping {

    private final DMatrixRMaj muU;
    private final DMatrixRMaj sigmaU;
    private final DMatrixRMaj loadings;
    private final DMatrixRMaj privateVariances;
    private final DMatrixRMaj beta;
    private final DMatrixRMaj sigmaZ;
    private final DMatrixRMaj eta;
    private final DMatrixRMaj u;
    private final DMatrixRMaj dSingular;
    private final DMatrixRMaj v;
    private final DMatrixRMaj a;
    private final DMatrixRMaj q;
    private final DMatrixRMaj c;
    private final DMatrixRMaj dOffset;
    private final DMatrixRMaj r;
    private final DMatrixRMaj k;
    private final DMatrixRMaj m1;
    private final DMatrixRMaj m2;
    private final DMatrixRMaj m0;

    private RigMapping(MatValue m, int units, int factors) {
        int qn = units;
        int dn = factors;
        muU = m.field("mu_u").column(qn);
        sigmaU = m.field("Sigma_u").matrix(qn, qn);
        loadings = m.field("L").matrix(qn, dn);
        privateVariances = m.field("Ph").column(qn);
        beta = m.field("beta").matrix(dn, qn);
        sigmaZ = m.field("Sigma_z").matrix(dn, dn);
        eta = m.field("eta").matrix(dn, dn);
        u = m.field("U").matrix(qn, dn);
        dSingular = m.field("D").matrix(dn, dn);
        v = m.field("V").matrix(dn, dn);
        a = m.field("A").matrix(2, 2);
        q = m.field("Q").matrix(2, 2);
        c = m.field("C").matrix(dn, 2);
        dOffset = m.field("d").column(dn);
        r = m.field("R").matrix(dn, dn);
        k = m.field("K").matrix(2, dn);
        m1 = m.field("M1").matrix(2, 2);
        m2 = m.field("M2").matrix(2, qn);
        m0 = m.field("m0").column(2);
        requirePermutation(m.field("eta"), eta);
    }

    /**
     * Reads a mapping struct. The number of units q is taken from {@code mu_u} and the number of
     * factors d from the rows of {@code C}; every other field is checked against them.
     */
    static RigMapping read(MatValue mapping) {
        int units = mapping.field("mu_u").column(-1).numRows;
        int factors = mapping.field("C").rows();
        return new RigMapping(mapping, units, factors);
    }

    /** Like {@link #read(MatValue)}, but q and d are fixed by another mapping of the session. */
    static RigMapping read(MatValue mapping, int units, int factors) {
        return new RigMapping(mapping, units, factors);
    }

    private static void requirePermutation(MatValue where, DMatrixRMaj p) {
        int n = p.numRows;
        int[] colOnes = new int[n];
        for (int i = 0; i < n; i++) {
            int rowOnes = 0;
            for (int j = 0; j < n; j++) {
                double x = p.unsafe_get(i, j);
                if (x != 0 && x != 1) {
                    throw where.error("expected a permutation matrix (0/1 entries), found " + x
                            + " at (" + (i + 1) + ", " + (j + 1) + ")");
                }
                if (x == 1) {
                    rowOnes++;
                    colOnes[j]++;
                }
            }
            if (rowOnes != 1) {
                throw where.error("expected a permutation matrix, row " + (i + 1) + " has " + rowOnes + " ones");
            }
        }
        for (int j = 0; j < n; j++) {
            if (colOnes[j] != 1) {
                throw where.error("expected a permutation matrix, column " + (j + 1) + " has " + colOnes[j] + " ones");
            }
        }
    }

    /** Number of recorded units q. */
    public int units() {
        return muU.numRows;
    }

    /** Number of factors d. */
    public int factors() {
        return c.numRows;
    }

    /** Mean counts mu_u, q x 1. */
    public DMatrixRMaj muU() {
        return muU.copy();
    }

    /** Sigma_u = diag(1 / std of each unit), q x q. */
    public DMatrixRMaj sigmaU() {
        return sigmaU.copy();
    }

    /** FA loadings L, q x d (fitted on z-scored counts). */
    public DMatrixRMaj loadings() {
        return loadings.copy();
    }

    /** FA private variances Ph, q x 1. */
    public DMatrixRMaj privateVariances() {
        return privateVariances.copy();
    }

    /** beta = L^T (L L^T + diag(Ph))^-1, d x q. */
    public DMatrixRMaj beta() {
        return beta.copy();
    }

    /** Sigma_z = diag(1 / std of each factor), d x d. */
    public DMatrixRMaj sigmaZ() {
        return sigmaZ.copy();
    }

    /** The factor permutation eta, d x d: identity for the intuitive mapping, the WMP otherwise. */
    public DMatrixRMaj eta() {
        return eta.copy();
    }

    /** U of the SVD L = U D V^T, q x d. */
    public DMatrixRMaj U() {
        return u.copy();
    }

    /** D of the SVD L = U D V^T, d x d. */
    public DMatrixRMaj D() {
        return dSingular.copy();
    }

    /** V of the SVD L = U D V^T, d x d. */
    public DMatrixRMaj V() {
        return v.copy();
    }

    /** Kalman state transition A, 2 x 2. */
    public DMatrixRMaj A() {
        return a.copy();
    }

    /** Kalman state noise covariance Q, 2 x 2. */
    public DMatrixRMaj Q() {
        return q.copy();
    }

    /** Kalman observation matrix C, d x 2. */
    public DMatrixRMaj C() {
        return c.copy();
    }

    /** Kalman observation offset d, d x 1. */
    public DMatrixRMaj d() {
        return dOffset.copy();
    }

    /** Kalman observation noise covariance R, d x d. */
    public DMatrixRMaj R() {
        return r.copy();
    }

    /** Steady-state Kalman gain K, 2 x d. */
    public DMatrixRMaj K() {
        return k.copy();
    }

    /** M1 = (I - K C) A, 2 x 2. */
    public DMatrixRMaj M1() {
        return m1.copy();
    }

    /** M2 = K eta Sigma_z beta Sigma_u, 2 x q. */
    public DMatrixRMaj M2() {
        return m2.copy();
    }

    /** m0 = -K d - M2 mu_u, 2 x 1. */
    public DMatrixRMaj m0() {
        return m0.copy();
    }
}
