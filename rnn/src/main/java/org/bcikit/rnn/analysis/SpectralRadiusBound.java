package org.bcikit.rnn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.decomposition.hessenberg.HessenbergSimilarDecomposition_DDRM;

/**
 * A guaranteed upper bound on the spectral radius of any matrix near an anchor {@code W0}, in
 * O(N^2) per matrix after one eigen-decomposition of the anchor (Bauer and Fike 1960, "Norms and
 * exclusion theorems", Numer. Math. 2: 137-141). It lets a training loop that stops at radius 1
 * skip most eigen-decompositions without changing a single stop decision.
 *
 * <p><b>Why the bound holds.</b> The anchor's eigenvectors are put in real form: a real eigenvalue
 * gives a column x, a complex pair {@code a +- ib} with eigenvector {@code u + iv} gives columns
 * (u, v) and the 2 x 2 block {@code [[a, b], [-b, a]]}. So {@code W0 X = X D + R0}, D block
 * diagonal and normal (each block is a scaled rotation), R0 the residual of the computed vectors.
 * For any W, {@code X^-1 W X = D + F} with {@code F = X^-1 (W X - X D) = X^-1 (R0 + (W - W0) X)},
 * so W and D + F have the same eigenvalues. Since D is normal, Bauer-Fike puts every eigenvalue of
 * D + F within {@code |F|_2} of one of D's, hence
 * <pre>
 *   rho(W) &lt;= rho(D) + |X^-1|_2 (|R0|_F + |X|_2 |W - W0|_F).
 * </pre>
 * The residual term makes the bound hold for the computed vectors as they are, however
 * inaccurate; {@link #bound} adds a relative slack of 1e-12 for the rounding of the O(N^2) norm.
 * {@link #tightBound} uses the same identity without the triangle inequality on
 * {@code (W - W0) X}: it forms {@code Z = W X - X D} and bounds {@code |X^-1 Z|_2} by
 * {@code |Y Z|_2 + |X^-1|_2 |I - X Y|_F |Z|_F} with Y the computed inverse of X, and
 * {@code |.|_2 <= min(|.|_F, sqrt(|.|_1 |.|_inf))}, plus a rounding allowance for the two
 * products. It costs two N x N products, several times less than a decomposition, and is usually
 * far below {@link #bound}, which pays the worst case alignment {@code kappa(X)}.
 * The eigenvalues are those {@link EigenvalueSpectrum} gives; the vectors come from two steps of
 * inverse iteration on the anchor's Hessenberg form (complex arithmetic, O(N^2) per eigenvalue).
 * Mutable work buffers for {@link #tightBound}: not thread-safe.
 */
public final class SpectralRadiusBound {

    private static final double SLACK = 1e-12;
    private static final double EPS = Math.ulp(1.0);

    private final DMatrixRMaj anchor;
    private final double anchorRadius;
    private final double inverseNorm;
    private final double vectorNorm;
    private final double residualNorm;
    private final DMatrixRMaj vectors;
    private final DMatrixRMaj inverseVectors;
    private final DMatrixRMaj blocks;
    private final double inverseDefect;
    private final double roundingScale;
    private final DMatrixRMaj wx;
    private final DMatrixRMaj f;

    private SpectralRadiusBound(DMatrixRMaj anchor, double anchorRadius, DMatrixRMaj vectors, DMatrixRMaj blocks) {
        int n = anchor.numRows;
        this.anchor = anchor;
        this.anchorRadius = anchorRadius;
        this.vectors = vectors;
        this.blocks = blocks;
        DMatrixRMaj residual = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(anchor, vectors, residual);
        CommonOps_DDRM.multAdd(-1, vectors, blocks, residual);
        this.residualNorm = NormOps_DDRM.normF(residual);
        double[] s = SingularOps_DDRM.singularValues(vectors);
        double max = 0;
        double min = Double.POSITIVE_INFINITY;
        for (double v : s) {
            max = Math.max(max, v);
            min = Math.min(min, v);
        }
        this.vectorNorm = max;
        // a numerically singular X certifies nothing
        this.inverseNorm = min > max * 1e-8 ? 1.0 / min : Double.POSITIVE_INFINITY;
        this.inverseVectors = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(vectors, inverseVectors)) {
            throw new ArithmeticException("spectral bound: the eigenvector matrix is singular");
        }
        DMatrixRMaj defect = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.multAdd(-1, vectors, inverseVectors, defect);
        this.inverseDefect = NormOps_DDRM.normF(defect);
        this.roundingScale = 4 * n * EPS * NormOps_DDRM.normF(inverseVectors) * NormOps_DDRM.normF(vectors);
        this.wx = new DMatrixRMaj(n, n);
        this.f = new DMatrixRMaj(n, n);
    }

    /**
     * Anchors the bound at {@code w0} (copied, not modified): its eigenvalues, real eigenvectors and
     * their conditioning. O(N^3).
     *
     * @throws ArithmeticException if the eigen-decomposition does not converge or gives no usable vectors
     */
    public static SpectralRadiusBound anchor(DMatrixRMaj w0) {
        return anchor(w0, EigenvalueSpectrum.of(w0));
    }

    /**
     * As {@link #anchor(DMatrixRMaj)} with the eigenvalues of {@code w0} already computed
     * ({@code spectrum} must be {@code EigenvalueSpectrum.of(w0)}; its radius is the anchor's).
     */
    public static SpectralRadiusBound anchor(DMatrixRMaj w0, EigenvalueSpectrum spectrum) {
        if (w0.numRows != w0.numCols) {
            throw new IllegalArgumentException("spectral bound needs a square matrix, got " + w0.numRows + "x"
                    + w0.numCols);
        }
        int n = w0.numRows;
        double[] re = spectrum.real();
        double[] im = spectrum.imaginary();
        if (re.length != n) {
            throw new IllegalArgumentException("spectral bound: " + re.length + " eigenvalues for a " + n + "x" + n
                    + " matrix");
        }
        HessenbergSimilarDecomposition_DDRM hessenberg = new HessenbergSimilarDecomposition_DDRM(n);
        if (!hessenberg.decompose(w0.copy())) {
            throw new ArithmeticException("Hessenberg reduction of a " + n + "x" + n + " matrix failed");
        }
        DMatrixRMaj q = hessenberg.getQ(null);
        HessenbergInverseIteration iteration = new HessenbergInverseIteration(hessenberg.getH(null));
        DMatrixRMaj xh = new DMatrixRMaj(n, n); // eigenvectors in the Hessenberg basis, real form
        DMatrixRMaj blocks = new DMatrixRMaj(n, n);
        int col = 0;
        for (int i = 0; i < n; i++) {
            if (im[i] < 0) {
                continue; // the conjugate of a pair already placed
            }
            int width = im[i] > 0 ? 2 : 1;
            if (col + width > n) {
                throw new ArithmeticException("eigenvalues of a " + n + "x" + n + " matrix are not in conjugate pairs");
            }
            iteration.vector(re[i], im[i], xh, col);
            blocks.set(col, col, re[i]);
            if (width == 2) {
                blocks.set(col, col + 1, im[i]);
                blocks.set(col + 1, col, -im[i]);
                blocks.set(col + 1, col + 1, re[i]);
            }
            col += width;
        }
        if (col != n) {
            throw new ArithmeticException("eigenvalues of a " + n + "x" + n + " matrix are not in conjugate pairs");
        }
        DMatrixRMaj x = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(q, xh, x);
        return new SpectralRadiusBound(w0.copy(), spectrum.spectralRadius(), x, blocks);
    }

    /**
     * An upper bound on the spectral radius of {@code w} (same size as the anchor; not modified):
     * infinite if the eigenvectors are numerically singular. O(N^2), allocates nothing.
     */
    public double bound(DMatrixRMaj w) {
        checkSize(w);
        double d2 = 0;
        int m = anchor.getNumElements();
        for (int i = 0; i < m; i++) {
            double d = w.data[i] - anchor.data[i];
            d2 += d * d;
        }
        double b = anchorRadius + inverseNorm * (residualNorm + vectorNorm * Math.sqrt(d2));
        return Double.isNaN(b) ? Double.POSITIVE_INFINITY : b * (1 + SLACK);
    }

    /**
     * A tighter upper bound on the spectral radius of {@code w}, from {@code X^-1 (W X - X D)}: two
     * N x N products into the work buffers (nothing allocated).
     */
    public double tightBound(DMatrixRMaj w) {
        checkSize(w);
        CommonOps_DDRM.mult(w, vectors, wx);
        CommonOps_DDRM.multAdd(-1, vectors, blocks, wx); // Z = W X - X D
        CommonOps_DDRM.mult(inverseVectors, wx, f);
        double z = NormOps_DDRM.normF(wx);
        double rounding = roundingScale * (NormOps_DDRM.normF(w) + NormOps_DDRM.normF(blocks) + z);
        double b = anchorRadius + twoNormBound(f) + inverseNorm * inverseDefect * z + rounding;
        return Double.isNaN(b) ? Double.POSITIVE_INFINITY : b * (1 + SLACK);
    }

    /** The anchor's spectral radius (the eigenvalues {@link EigenvalueSpectrum} gives). */
    public double anchorRadius() {
        return anchorRadius;
    }

    /** The condition number {@code |X|_2 |X^-1|_2} of the anchor's real eigenvector matrix. */
    public double conditionNumber() {
        return vectorNorm * inverseNorm;
    }

    private static double twoNormBound(DMatrixRMaj m) {
        int n = m.numRows;
        double frob = 0;
        double maxRow = 0;
        double maxCol = 0;
        for (int i = 0; i < n; i++) {
            double r = 0;
            for (int j = 0; j < m.numCols; j++) {
                double v = m.data[i * m.numCols + j];
                r += Math.abs(v);
                frob += v * v;
            }
            maxRow = Math.max(maxRow, r);
        }
        for (int j = 0; j < m.numCols; j++) {
            double c = 0;
            for (int i = 0; i < n; i++) {
                c += Math.abs(m.data[i * m.numCols + j]);
            }
            maxCol = Math.max(maxCol, c);
        }
        return Math.min(Math.sqrt(frob), Math.sqrt(maxRow * maxCol));
    }

    private void checkSize(DMatrixRMaj w) {
        if (w.numRows != anchor.numRows || w.numCols != anchor.numCols) {
            throw new IllegalArgumentException("spectral bound: expected a " + anchor.numRows + "x" + anchor.numCols
                    + " matrix, got " + w.numRows + "x" + w.numCols);
        }
    }
}
