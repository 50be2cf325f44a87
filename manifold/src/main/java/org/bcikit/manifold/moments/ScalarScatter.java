package org.bcikit.manifold.moments;

import org.ejml.data.DMatrixRMaj;

/**
 * The plain-loop {@link ScatterKernel}: per chunk of {@value ScatterKernel#CHUNK} centred
 * samples, tiles of {@value #ROWS} rows by {@value #COLUMNS} columns of the band's accumulator
 * (32 KiB, first-level cache) take symmetric rank-4 updates, four samples at a time. The
 * accumulator rows are separate arrays indexed by the same {@code j} as the centred samples: only
 * then does HotSpot's C2 vectorise the inner loop. Every element is summed exactly as
 * {@link Covariance#ofUnblocked} sums it (groups of four samples in order, the last few one by
 * one; chunks hold a multiple of four), so the two agree bit for bit. The untiled band kernel
 * before it streamed the whole band's accumulator (up to 1/8 of the triangle) through the
 * second-level cache for every four samples; this one took about 0.75 of its CPU time at
 * 8000 x 1000.
 */
final class ScalarScatter implements ScatterKernel {

    static final int ROWS = 16;
    static final int COLUMNS = 256;

    @Override
    public void band(double[] x, int n, int q, double[] mean, int i0, int i1, DMatrixRMaj out) {
        int ni = i1 - i0;
        int w = q - i0;
        if (ni == 0) {
            return;
        }
        double[][] cb = new double[Math.min(CHUNK, n)][w];
        double[][] rows = new double[ni][w];
        for (int t0 = 0; t0 < n; t0 += CHUNK) {
            int tn = Math.min(CHUNK, n - t0);
            ScatterKernel.centre(x, q, mean, i0, w, t0, tn, cb);
            for (int jp = 0; jp < w; jp += COLUMNS) {
                int jEnd = Math.min(w, jp + COLUMNS);
                for (int ib = 0; ib < ni && ib < jEnd; ib += ROWS) {
                    tile(cb, tn, rows, ib, Math.min(ni, Math.min(ib + ROWS, jEnd)), jp, jEnd);
                }
            }
        }
        ScatterKernel.store(rows, ni, q, i0, w, out);
    }

    private static void tile(double[][] cb, int tn, double[][] rows, int ib, int iEnd, int jp, int jEnd) {
        int tn4 = tn & ~3;
        for (int t = 0; t < tn4; t += 4) {
            double[] s0 = cb[t];
            double[] s1 = cb[t + 1];
            double[] s2 = cb[t + 2];
            double[] s3 = cb[t + 3];
            for (int i = ib; i < iEnd; i++) {
                double a0 = s0[i];
                double a1 = s1[i];
                double a2 = s2[i];
                double a3 = s3[i];
                double[] o = rows[i];
                for (int j = Math.max(jp, i); j < jEnd; j++) {
                    o[j] += a0 * s0[j] + a1 * s1[j] + a2 * s2[j] + a3 * s3[j];
                }
            }
        }
        for (int t = tn4; t < tn; t++) {
            double[] s0 = cb[t];
            for (int i = ib; i < iEnd; i++) {
                double a0 = s0[i];
                double[] o = rows[i];
                for (int j = Math.max(jp, i); j < jEnd; j++) {
                    o[j] += a0 * s0[j];
                }
            }
        }
    }
}
