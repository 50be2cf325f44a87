package org.bcikit.rnn.adaptation;

import org.bcikit.rnn.model.StaticActivity;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A BCI decoder that reads a network through its PCA intrinsic manifold: {@code y = D C v}, with
 * {@code C} (M x N, orthonormal rows) the top-M principal axes of the activity's total covariance
 * and {@code D} (O x M) the least-squares map that best reproduces the network's own readout V:
 * {@code D = V Q C^T (C Q C^T)^-1}, {@code Q = Var + vbar vbar^T} (Payeur, Orsborn and Lajoie 2023,
 * science.md §5.1). Perturbations permute it: within-manifold {@code D C[pi, :]} (the manifold is
 * kept, the factors are remapped) and outside-manifold {@code D C[:, pi]} (the units are remapped,
 * so the decoder reads a different subspace). Immutable.
 */
public final class ManifoldDecoder {

    private final DMatrixRMaj axes;
    private final DMatrixRMaj factorReadout;

    private ManifoldDecoder(DMatrixRMaj axes, DMatrixRMaj factorReadout) {
        this.axes = axes;
        this.factorReadout = factorReadout;
    }

    /** Fits {@code C} and {@code D} to {@code activity} and the current readout {@code v} (O x N). */
    public static ManifoldDecoder fit(StaticActivity activity, DMatrixRMaj v, int dimension) {
        DMatrixRMaj c = activity.principalAxes(dimension);
        DMatrixRMaj q = activity.secondMoment();
        int n = activity.size();
        DMatrixRMaj qct = new DMatrixRMaj(n, dimension);
        CommonOps_DDRM.multTransB(q, c, qct);
        DMatrixRMaj cqct = new DMatrixRMaj(dimension, dimension);
        CommonOps_DDRM.mult(c, qct, cqct);
        if (!CommonOps_DDRM.invert(cqct)) {
            throw new ArithmeticException("manifold decoder: C Q C^T is singular");
        }
        DMatrixRMaj vqct = new DMatrixRMaj(v.numRows, dimension);
        CommonOps_DDRM.mult(v, qct, vqct);
        DMatrixRMaj d = new DMatrixRMaj(v.numRows, dimension);
        CommonOps_DDRM.mult(vqct, cqct, d);
        return new ManifoldDecoder(c, d);
    }

    /** Manifold dimension M. */
    public int dimension() {
        return axes.numRows;
    }

    /** The manifold's orthonormal axes C (M x N), a copy. */
    public DMatrixRMaj axes() {
        return axes.copy();
    }

    /** The factor-to-output map D (O x M), a copy. */
    public DMatrixRMaj factorReadout() {
        return factorReadout.copy();
    }

    /** The intuitive readout {@code D C} (O x N), a new matrix. */
    public DMatrixRMaj readout() {
        DMatrixRMaj v = new DMatrixRMaj(factorReadout.numRows, axes.numCols);
        CommonOps_DDRM.mult(factorReadout, axes, v);
        return v;
    }

    /** A within-manifold perturbation {@code D C[pi, :]}: factor i is read where factor pi(i) was. */
    public DMatrixRMaj withinManifold(int[] permutation, DMatrixRMaj out) {
        requirePermutation(permutation, dimension());
        int n = axes.numCols;
        for (int o = 0; o < factorReadout.numRows; o++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int m = 0; m < dimension(); m++) {
                    s += factorReadout.unsafe_get(o, m) * axes.unsafe_get(permutation[m], j);
                }
                out.unsafe_set(o, j, s);
            }
        }
        return out;
    }

    /** An outside-manifold perturbation {@code D C[:, pi]}: unit j is read as unit pi(j) was. */
    public DMatrixRMaj outsideManifold(int[] permutation, DMatrixRMaj out) {
        requirePermutation(permutation, axes.numCols);
        int n = axes.numCols;
        for (int o = 0; o < factorReadout.numRows; o++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int m = 0; m < dimension(); m++) {
                    s += factorReadout.unsafe_get(o, m) * axes.unsafe_get(m, permutation[j]);
                }
                out.unsafe_set(o, j, s);
            }
        }
        return out;
    }

    private static void requirePermutation(int[] p, int n) {
        if (p.length != n) {
            throw new IllegalArgumentException("permutation of length " + p.length + ", expected " + n);
        }
    }
}
