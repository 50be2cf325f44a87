package org.bcikit.manifold.moments;

import java.util.stream.IntStream;

import org.ejml.data.DMatrixRMaj;

/**
 * Products {@code out = A S} of a block of row vectors A (m x q) with a fixed symmetric q x q
 * matrix S (by symmetry also {@code (S A^T)^T}): the O(q^2 m) step of every factor-analysis EM
 * iteration and of the subspace iteration that starts it.
 *
 * <p>S is held as one array per row and each output row accumulates in its own array: HotSpot's
 * C2 vectorises {@code o[j] += a0 s0[j] + ... + a3 s3[j]} only when the store and the loads share
 * the index. The columns are cut into panels of {@value #PANEL}; for each panel, four rows of S
 * at a time are added into all m output rows, so the m panel-wide accumulators stay in the
 * first-level cache and every element of S is read from memory once per product (the loop over
 * one output row at a time read all of S m times and was bound by memory at q = 1000).
 *
 * <p>Each panel is one task and every output element is summed in the same order (rows of S in
 * groups of four, then the rest), so the product is bit for bit the same on any number of
 * threads. Instances hold work arrays and are not thread-safe.
 */
public final class SymmetricProduct {

    /** Output columns per task; 128 x 30 accumulators take 30 KiB. */
    static final int PANEL = 128;
    /** Below this many multiply-adds (q^2 m) a product stays on the calling thread. */
    private static final long PARALLEL_WORK = 2_000_000L;

    private final int q;
    private final double[][] rows;
    private final double[][] acc;

    /**
     * Copies {@code symmetric} (q x q, not modified) and prepares for blocks of at most
     * {@code maxRows} row vectors.
     */
    public SymmetricProduct(DMatrixRMaj symmetric, int maxRows) {
        q = symmetric.numRows;
        rows = new double[q][];
        for (int i = 0; i < q; i++) {
            rows[i] = java.util.Arrays.copyOfRange(symmetric.data, i * q, (i + 1) * q);
        }
        acc = new double[maxRows][q];
    }

    /** A new q x q copy of S. */
    public DMatrixRMaj matrix() {
        DMatrixRMaj s = new DMatrixRMaj(q, q);
        for (int i = 0; i < q; i++) {
            System.arraycopy(rows[i], 0, s.data, i * q, q);
        }
        return s;
    }

    /** The order q of S. */
    public int size() {
        return q;
    }

    /**
     * Writes {@code a S} into {@code out} (both m x q, m at most the constructor's
     * {@code maxRows}; {@code a} not modified). Large products spread their column panels over
     * the common fork-join pool.
     */
    public void leftTimes(DMatrixRMaj a, DMatrixRMaj out) {
        int m = a.numRows;
        if (a.numCols != q || out.numRows != m || out.numCols != q || m > acc.length) {
            throw new IllegalArgumentException("expected " + m + " x " + q + " blocks of at most "
                    + acc.length + " rows, got " + a.numRows + " x " + a.numCols + " and "
                    + out.numRows + " x " + out.numCols);
        }
        int panels = (q + PANEL - 1) / PANEL;
        if (panels > 1 && (long) q * q * m > PARALLEL_WORK) {
            IntStream.range(0, panels).parallel().forEach(p -> panel(a.data, m, p * PANEL, Math.min(q, (p + 1) * PANEL)));
        } else {
            for (int p = 0; p < panels; p++) {
                panel(a.data, m, p * PANEL, Math.min(q, (p + 1) * PANEL));
            }
        }
        for (int k = 0; k < m; k++) {
            System.arraycopy(acc[k], 0, out.data, k * q, q);
        }
    }

    private void panel(double[] a, int m, int j0, int j1) {
        for (int k = 0; k < m; k++) {
            java.util.Arrays.fill(acc[k], j0, j1, 0);
        }
        int i = 0;
        for (; i + 4 <= q; i += 4) {
            double[] s0 = rows[i];
            double[] s1 = rows[i + 1];
            double[] s2 = rows[i + 2];
            double[] s3 = rows[i + 3];
            for (int k = 0; k < m; k++) {
                int at = k * q + i;
                double a0 = a[at];
                double a1 = a[at + 1];
                double a2 = a[at + 2];
                double a3 = a[at + 3];
                double[] o = acc[k];
                for (int j = j0; j < j1; j++) {
                    o[j] += a0 * s0[j] + a1 * s1[j] + a2 * s2[j] + a3 * s3[j];
                }
            }
        }
        for (; i < q; i++) {
            double[] s0 = rows[i];
            for (int k = 0; k < m; k++) {
                double a0 = a[k * q + i];
                double[] o = acc[k];
                for (int j = j0; j < j1; j++) {
                    o[j] += a0 * s0[j];
                }
            }
        }
    }
}
