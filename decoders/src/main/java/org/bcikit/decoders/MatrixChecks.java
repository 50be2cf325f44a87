package org.bcikit.decoders;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/** Shape and value checks shared by the decoders; failures name the field and what was expected. */
public final class MatrixChecks {

    private MatrixChecks() {
    }

    public static DMatrixRMaj shape(String field, DMatrixRMaj m, int rows, int cols) {
        if (m == null) {
            throw new InvalidInputException(field + ": expected a " + rows + " x " + cols + " matrix, got none");
        }
        if (m.numRows != rows || m.numCols != cols) {
            throw new InvalidInputException(field + ": expected " + rows + " x " + cols + ", got "
                    + m.numRows + " x " + m.numCols);
        }
        finite(field, m);
        return m;
    }

    /** Accepts n x 1 or 1 x n and returns an n x 1 copy. */
    public static DMatrixRMaj vector(String field, DMatrixRMaj m, int n) {
        if (m == null) {
            throw new InvalidInputException(field + ": expected a vector of " + n + ", got none");
        }
        if (m.getNumElements() != n || (m.numRows != 1 && m.numCols != 1)) {
            throw new InvalidInputException(field + ": expected a vector of " + n + ", got "
                    + m.numRows + " x " + m.numCols);
        }
        finite(field, m);
        DMatrixRMaj v = new DMatrixRMaj(n, 1);
        System.arraycopy(m.data, 0, v.data, 0, n);
        return v;
    }

    public static void finite(String field, DMatrixRMaj m) {
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new InvalidInputException(field + "[" + (k / m.numCols) + "][" + (k % m.numCols)
                        + "]: expected a finite value, got " + m.data[k]);
            }
        }
    }

    public static void counts(double[] counts, int q) {
        if (counts.length != q) {
            throw new InvalidInputException("counts: decoder reads " + q + " units, got " + counts.length);
        }
    }

    /** Checks that {@code perm} is a permutation of 0..n-1. */
    public static int[] permutation(String field, int[] perm, int n) {
        if (perm == null || perm.length != n) {
            throw new InvalidInputException(field + ": expected a permutation of " + n + " indices, got "
                    + (perm == null ? "none" : perm.length));
        }
        boolean[] seen = new boolean[n];
        for (int p : perm) {
            if (p < 0 || p >= n || seen[p]) {
                throw new InvalidInputException(field + ": expected a permutation of 0.." + (n - 1)
                        + ", found index " + p + (p >= 0 && p < n ? " twice" : ""));
            }
            seen[p] = true;
        }
        return perm.clone();
    }

    public static double maxAbs(DMatrixRMaj m) {
        double x = 0;
        for (int k = 0; k < m.getNumElements(); k++) {
            x = Math.max(x, Math.abs(m.data[k]));
        }
        return x;
    }

    public static double maxAbsDiff(DMatrixRMaj a, DMatrixRMaj b) {
        if (a.getNumElements() != b.getNumElements()) {
            throw new InvalidInputException("cannot compare " + a.numRows + " x " + a.numCols + " with "
                    + b.numRows + " x " + b.numCols);
        }
        double x = 0;
        for (int k = 0; k < a.getNumElements(); k++) {
            x = Math.max(x, Math.abs(a.data[k] - b.data[k]));
        }
        return x;
    }
}
