package org.bcikit.manifold.geometry;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;

/**
 * Principal angles between two subspaces of R^q, each given by a basis stored as columns. With
 * orthonormal bases Q1 (q x k1) and Q2 (q x k2), the cosines of the min(k1, k2) angles are the
 * singular values of {@code Q1^T Q2} (Björck and Golub 1973, "Numerical methods for computing
 * angles between linear subspaces", Math. Comp. 27:579).
 *
 * <p>Cosines near 1 lose precision (an angle of 1e-8 rad changes the cosine by only 5e-17), so
 * angles below 45 degrees come from the sines instead: the singular values of
 * {@code Q2 - Q1 Q1^T Q2} (Knyazev and Argentati 2002, SIAM J. Sci. Comput. 23:2008). Used to
 * compare an estimated intrinsic manifold with the generating one, and manifolds before and
 * after learning.
 */
public final class PrincipalAngles {

    private PrincipalAngles() {
    }

    /**
     * The principal angles in radians, ascending, between the column spans of {@code a} (q x k1)
     * and {@code b} (q x k2); bases need not be orthonormal but must have full column rank.
     */
    public static double[] between(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.numRows != b.numRows) {
            throw new org.bcikit.data.InvalidInputException("subspaces: expected bases in the same space, got "
                    + a.numRows + " and " + b.numRows + " rows");
        }
        DMatrixRMaj q1 = OrthonormalBasis.ofColumns(a, "first basis");
        DMatrixRMaj q2 = OrthonormalBasis.ofColumns(b, "second basis");
        if (q2.numCols > q1.numCols) {
            DMatrixRMaj t = q1;
            q1 = q2;
            q2 = t;
        }
        int k = q2.numCols;
        DMatrixRMaj m = new DMatrixRMaj(q1.numCols, k);
        CommonOps_DDRM.multTransA(q1, q2, m);
        double[] cos = sorted(SingularOps_DDRM.singularValues(m.copy()), k);
        reverse(cos); // descending cosines = ascending angles
        DMatrixRMaj residual = q2.copy();
        CommonOps_DDRM.multAdd(-1.0, q1, m, residual);
        double[] sin = sorted(SingularOps_DDRM.singularValues(residual), k);
        double[] angles = new double[k];
        for (int i = 0; i < k; i++) {
            double c = Math.min(1.0, cos[i]);
            double s = Math.min(1.0, sin[i]);
            angles[i] = c >= Math.sqrt(0.5) ? Math.asin(s) : Math.acos(c);
        }
        Arrays.sort(angles);
        return angles;
    }

    /** The largest principal angle in radians: 0 when one span contains the other. */
    public static double largest(DMatrixRMaj a, DMatrixRMaj b) {
        double[] angles = between(a, b);
        return angles[angles.length - 1];
    }

    /** The largest principal angle in degrees. */
    public static double largestDegrees(DMatrixRMaj a, DMatrixRMaj b) {
        return Math.toDegrees(largest(a, b));
    }

    /** The first k values, ascending; SVDs of thin matrices may return exactly k values. */
    private static double[] sorted(double[] values, int k) {
        double[] v = Arrays.copyOf(values, k);
        Arrays.sort(v);
        return v;
    }

    private static void reverse(double[] v) {
        for (int i = 0, j = v.length - 1; i < j; i++, j--) {
            double t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
    }
}
