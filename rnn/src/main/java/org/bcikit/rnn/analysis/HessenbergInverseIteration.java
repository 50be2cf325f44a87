package org.bcikit.rnn.analysis;

import org.ejml.data.DMatrixRMaj;

/**
 * Eigenvectors of an upper Hessenberg matrix H for eigenvalues already known, by inverse
 * iteration: one solve of {@code (H - lambda I) y = y_prev} in complex arithmetic, each Gaussian
 * elimination with partial pivoting between neighbouring rows, O(N^2) since H has one subdiagonal.
 * A pivot that vanishes (lambda is an exact eigenvalue) is replaced by a tiny multiple of |H|, the
 * usual device that turns the singular solve into a large, eigenvector-rich solution. EJML gives no
 * eigenvectors for complex eigenvalues; this supplies them. Mutable work buffers: not thread-safe.
 */
final class HessenbergInverseIteration {

    private static final int ITERATIONS = 1;

    private final DMatrixRMaj h;
    private final int n;
    private final double tiny;
    private final double[] re;
    private final double[] im;
    private final double[] yr;
    private final double[] yi;

    /** Over {@code h} (N x N upper Hessenberg; referenced, not copied or modified). */
    HessenbergInverseIteration(DMatrixRMaj h) {
        this.h = h;
        this.n = h.numRows;
        double norm = 0;
        for (int i = 0; i < h.getNumElements(); i++) {
            norm = Math.max(norm, Math.abs(h.data[i]));
        }
        this.tiny = Math.max(norm, Double.MIN_NORMAL) * n * 1e-16;
        this.re = new double[n * n];
        this.im = new double[n * n];
        this.yr = new double[n];
        this.yi = new double[n];
    }

    /**
     * Writes the eigenvector for {@code lambda = lr + i li}, scaled to unit norm, into {@code out}:
     * its real part in column {@code col} and, when {@code li != 0}, its imaginary part in column
     * {@code col + 1}.
     */
    void vector(double lr, double li, DMatrixRMaj out, int col) {
        for (int i = 0; i < n; i++) {
            yr[i] = 1.0;
            yi[i] = 0.0;
        }
        for (int it = 0; it < ITERATIONS; it++) {
            solve(lr, li);
            normalise();
        }
        if (li != 0) {
            principalAxes();
        }
        for (int i = 0; i < n; i++) {
            out.set(i, col, yr[i]);
            if (li != 0) {
                out.set(i, col + 1, yi[i]);
            }
        }
    }

    /**
     * Multiplies y by the phase that makes its real and imaginary parts orthogonal (the axes of
     * the ellipse it traces): any phase is an eigenvector, and this one keeps the real
     * eigenvector matrix best conditioned.
     */
    private void principalAxes() {
        double uu = 0;
        double vv = 0;
        double uv = 0;
        for (int i = 0; i < n; i++) {
            uu += yr[i] * yr[i];
            vv += yi[i] * yi[i];
            uv += yr[i] * yi[i];
        }
        double theta = 0.5 * Math.atan2(-2 * uv, uu - vv);
        double c = Math.cos(theta);
        double s = Math.sin(theta);
        for (int i = 0; i < n; i++) {
            double u = yr[i];
            double v = yi[i];
            yr[i] = u * c - v * s;
            yi[i] = u * s + v * c;
        }
    }

    /** Overwrites y with {@code (H - lambda I)^-1 y}. */
    private void solve(double lr, double li) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                re[i * n + j] = h.unsafe_get(i, j) - (i == j ? lr : 0);
                im[i * n + j] = i == j ? -li : 0;
            }
        }
        for (int k = 0; k < n - 1; k++) {
            int a = k * n;
            int b = (k + 1) * n;
            if (Math.hypot(re[b + k], im[b + k]) > Math.hypot(re[a + k], im[a + k])) {
                for (int j = k; j < n; j++) {
                    swap(re, a + j, b + j);
                    swap(im, a + j, b + j);
                }
                swap(yr, k, k + 1);
                swap(yi, k, k + 1);
            }
            pivotFloor(a + k);
            // m = row(k+1)[k] / row(k)[k]
            double dr = re[a + k];
            double di = im[a + k];
            double den = dr * dr + di * di;
            double mr = (re[b + k] * dr + im[b + k] * di) / den;
            double mi = (im[b + k] * dr - re[b + k] * di) / den;
            for (int j = k + 1; j < n; j++) {
                double xr = re[a + j];
                double xi = im[a + j];
                re[b + j] -= mr * xr - mi * xi;
                im[b + j] -= mr * xi + mi * xr;
            }
            re[b + k] = 0;
            im[b + k] = 0;
            double zr = yr[k];
            double zi = yi[k];
            yr[k + 1] -= mr * zr - mi * zi;
            yi[k + 1] -= mr * zi + mi * zr;
        }
        pivotFloor((n - 1) * n + n - 1);
        for (int i = n - 1; i >= 0; i--) {
            double sr = yr[i];
            double si = yi[i];
            for (int j = i + 1; j < n; j++) {
                double ar = re[i * n + j];
                double ai = im[i * n + j];
                sr -= ar * yr[j] - ai * yi[j];
                si -= ar * yi[j] + ai * yr[j];
            }
            double dr = re[i * n + i];
            double di = im[i * n + i];
            double den = dr * dr + di * di;
            yr[i] = (sr * dr + si * di) / den;
            yi[i] = (si * dr - sr * di) / den;
        }
    }

    private void pivotFloor(int index) {
        if (Math.hypot(re[index], im[index]) < tiny) {
            re[index] = tiny;
            im[index] = 0;
        }
    }

    private void normalise() {
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += yr[i] * yr[i] + yi[i] * yi[i];
        }
        double scale = 1.0 / Math.sqrt(s);
        for (int i = 0; i < n; i++) {
            yr[i] *= scale;
            yi[i] *= scale;
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
