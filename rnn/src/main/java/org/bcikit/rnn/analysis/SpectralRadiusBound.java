package org.bcikit.rnn.analysis;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
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
 * {@link #certifiesStable} avoids the worst-case factor {@code kappa(X)} by forming
 * {@code F = X^-1 (W X - X D)} itself (two N x N products, several times less than a
 * decomposition), with {@code |.|_2 <= min(|.|_F, sqrt(|.|_1 |.|_inf))} and a test that weights
 * each eigen-direction by its eigenvalue's distance to the unit circle; Y, the computed inverse of
 * X, enters through {@code |X^-1 Z - Y Z| <= |X^-1|_2 |I - X Y|_F |Z|_F}.
 * The eigenvalues are those {@link EigenvalueSpectrum} gives; the vectors come from two steps of
 * inverse iteration on the anchor's Hessenberg form (complex arithmetic, O(N^2) per eigenvalue).
 * A training loop whose W changes by a rank-O matrix {@code -eta P^T R} per step (plain GD on the
 * static network: O = 2) can keep F up to date in O(N^2 O) per step ({@link #track}) instead of
 * forming it at each check with N x N x N products ({@link #certifiesTracked}); the rounding of
 * the accumulated updates is carried as a proven error bound, so the guarantee is the same.
 * Mutable (the tracked F and work buffers): not thread-safe.
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
    private final double[] moduli;
    private final double inverseDefect;
    private final double inverseFrobenius;
    private final double roundingScale;
    private final DMatrixRMaj wx;
    private final DMatrixRMaj f;
    private final DMatrixRMaj trackedW;
    private final DMatrixRMaj stepLeft;
    private final DMatrixRMaj stepRight;
    private final DMatrixRMaj left;
    private final DMatrixRMaj right;
    private int pending;
    private double trackedError;
    private double trackedNorm;

    private SpectralRadiusBound(DMatrixRMaj anchor, double anchorRadius, DMatrixRMaj vectors, DMatrixRMaj blocks,
            double[] moduli) {
        int n = anchor.numRows;
        this.anchor = anchor;
        this.moduli = moduli;
        this.anchorRadius = anchorRadius;
        this.vectors = vectors;
        this.blocks = blocks;
        DMatrixRMaj residual = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(anchor, vectors, residual);
        subtractTimesBlocks(vectors, residual);
        this.residualNorm = NormOps_DDRM.normF(residual);
        this.inverseVectors = new DMatrixRMaj(n, n);
        if (!CommonOps_DDRM.invert(vectors, inverseVectors)) {
            throw new ArithmeticException("spectral bound: the eigenvector matrix is singular");
        }
        DMatrixRMaj defect = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.multAdd(-1, vectors, inverseVectors, defect);
        this.inverseDefect = NormOps_DDRM.normF(defect);
        // |X|_2 <= |X|_F; X^-1 = Y (I - (I - X Y))^-1 gives |X^-1|_2 <= |Y|_F / (1 - |I - X Y|_F)
        this.vectorNorm = NormOps_DDRM.normF(vectors);
        this.inverseNorm = inverseDefect < 0.5 ? NormOps_DDRM.normF(inverseVectors) / (1 - inverseDefect)
                : Double.POSITIVE_INFINITY;
        this.inverseFrobenius = NormOps_DDRM.normF(inverseVectors);
        this.roundingScale = 4 * n * EPS * inverseFrobenius * NormOps_DDRM.normF(vectors);
        this.wx = new DMatrixRMaj(n, n);
        this.f = new DMatrixRMaj(n, n);
        this.trackedW = anchor.copy();
        int capacity = Math.max(8, n / 4);
        this.stepLeft = new DMatrixRMaj(capacity, n);
        this.stepRight = new DMatrixRMaj(capacity, n);
        this.left = new DMatrixRMaj(n, capacity);
        this.right = new DMatrixRMaj(capacity, n);
        // F at the anchor is X^-1 R0: tracking starts here
        CommonOps_DDRM.mult(inverseVectors, residual, f);
        this.trackedNorm = NormOps_DDRM.normF(anchor);
        this.trackedError = freshError(trackedNorm, residualNorm);
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
        double[] moduli = new double[n];
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
            moduli[col] = Math.hypot(re[i], im[i]);
            moduli[col + width - 1] = moduli[col];
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
        return new SpectralRadiusBound(w0.copy(), spectrum.spectralRadius(), x, blocks, moduli);
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
     * Whether {@code rho(W) < 1} is proven from {@code F = X^-1 (W X - X D)} (two N x N products into
     * the work buffers, nothing allocated): either {@code rho(D) + |F|_2 < 1} (Bauer-Fike), or the
     * weighted test {@code sum_i |F_i.|^2 / (1 - |lambda_i|)^2 < 1} over the rows of F, each weighted
     * by its own eigenvalue's distance to the unit circle. The second holds because an eigenvalue mu
     * of D + F with {@code |mu| >= 1} would give a y with {@code y = (mu I - D)^-1 F y}, so
     * {@code 1 <= |(mu I - D)^-1 F|_F}, and {@code |mu - lambda_i| >= 1 - |lambda_i|} row block by
     * row block. Rows of eigenvalues far inside the circle count little, which makes the test far
     * sharper than Bauer-Fike when only a few eigenvalues are near 1. Both include the error of the
     * computed inverse and a rounding allowance. False whenever the anchor itself is not stable.
     */
    public boolean certifiesStable(DMatrixRMaj w) {
        checkSize(w);
        if (!(anchorRadius < 1)) {
            return false;
        }
        CommonOps_DDRM.mult(w, vectors, wx);
        subtractTimesBlocks(vectors, wx); // Z = W X - X D
        CommonOps_DDRM.mult(inverseVectors, wx, f);
        // this fresh F restarts the tracking at w
        trackedW.setTo(w);
        pending = 0;
        trackedNorm = NormOps_DDRM.normF(w);
        trackedError = freshError(trackedNorm, NormOps_DDRM.normF(wx));
        return certifies(trackedError);
    }

    /**
     * Follows one step {@code W <- W - eta P^T R} (P and R are O x N, copied, not modified;
     * {@code w} is the matrix after the step): F is kept as {@code F += -(Y S^T)(R_s X)} with the
     * steps' factors stacked ({@code S} the rows of {@code eta P}, {@code R_s} those of R), applied
     * when a check needs F or the stack holds N/4 rows (at least 8), so a check every 10 steps of
     * rank 2 costs four N x N x 20 products instead of two N x N x N. Tracking starts at the anchor
     * and restarts at each {@link #certifiesStable}. Nothing allocated for O up to the stack's size.
     *
     * <p><b>Why the tracked F keeps the guarantee.</b> A proven bound {@code e} on
     * {@code |X^-1 (W X - X D) - F|_F} for the matrix W actually reached is carried along; each
     * application of m stacked rows adds (with {@code gamma_k = 2 k eps}, generous for sums of k
     * terms): the error of Y as {@code X^-1} and the rounding of both factors,
     * {@code |S| |R_s| [(|X^-1| |I - X Y| + gamma_N |Y|)(|X| + gamma_N |X|) + |X^-1| gamma_N |X|]};
     * the rounding of the accumulation, {@code gamma_(m+2) (|F| + |Y S^T| |R_s X|)}; and the part
     * of the actual change of W that is not {@code -S^T R_s} (the rounding of the gradient and of
     * the updates, or any other change), {@code G = W - W_prev + S^T R_s}, formed with its own
     * rounding allowance and carried as {@code |X^-1|_2 |G|_F |X|_2}. The bound grows linearly
     * (about 1e-13 per step at N = 100 with a well-conditioned X); a check that the tracked F
     * cannot certify falls back to a fresh F. Nothing is assumed about how W changed: a W that is
     * not the tracked steps' gives a large G, so no certificate from the tracked F.
     */
    public void track(double eta, DMatrixRMaj p, DMatrixRMaj r, DMatrixRMaj w) {
        checkSize(w);
        int n = anchor.numRows;
        int o = p.numRows;
        if (p.numCols != n || r.numRows != o || r.numCols != n) {
            throw new IllegalArgumentException("spectral bound: expected O x " + n + " factors, got " + p.numRows
                    + "x" + p.numCols + " and " + r.numRows + "x" + r.numCols);
        }
        if (!(anchorRadius < 1)) {
            return; // never certifies
        }
        int capacity = stepLeft.data.length / n;
        if (pending + o > capacity) {
            // only for O larger than the stack: the factors of this step are applied on their own
            apply(w);
            stepLeft.reshape(Math.max(capacity, o), n, true);
            stepRight.reshape(Math.max(capacity, o), n, true);
            capacity = stepLeft.data.length / n;
        }
        int at = pending * n;
        for (int i = 0; i < o * n; i++) {
            stepLeft.data[at + i] = eta * p.data[i];
            stepRight.data[at + i] = r.data[i];
        }
        pending += o;
        if (pending + o > capacity) {
            apply(w);
        }
    }

    /** Applies the stacked steps to F, w being the matrix they led to, and adds their error. */
    private void apply(DMatrixRMaj w) {
        int n = anchor.numRows;
        int m = pending;
        pending = 0;
        stepLeft.reshape(m, n, true);
        stepRight.reshape(m, n, true);
        left.reshape(n, m);
        right.reshape(m, n);
        if (m > 0) {
            CommonOps_DDRM.multTransB(inverseVectors, stepLeft, left); // Y S^T
            CommonOps_DDRM.mult(stepRight, vectors, right); // R_s X
            CommonOps_DDRM.mult(left, right, wx); // wx is free between fresh certificates
        } else {
            wx.zero();
        }
        double oldF = 0;
        int size = n * n;
        for (int i = 0; i < size; i++) {
            double v = f.data[i];
            oldF += v * v;
            f.data[i] = v - wx.data[i];
        }
        if (m > 0) {
            CommonOps_DDRM.multTransA(stepLeft, stepRight, wx);
        }
        double g2 = 0;
        double w2 = 0;
        for (int i = 0; i < size; i++) {
            double now = w.data[i];
            double g = now - trackedW.data[i] + wx.data[i];
            g2 += g * g;
            w2 += now * now;
            trackedW.data[i] = now;
        }
        double normS = NormOps_DDRM.normF(stepLeft);
        double normR = NormOps_DDRM.normF(stepRight);
        double normW = Math.sqrt(w2);
        double gammaN = gamma(n);
        double yError = inverseNorm * inverseDefect + gammaN * inverseFrobenius;
        double xError = gammaN * vectorNorm;
        double factors = normS * normR * (yError * (vectorNorm + xError) + inverseNorm * xError);
        double accumulation = gamma(m + 2) * (Math.sqrt(oldF)
                + NormOps_DDRM.normF(left) * NormOps_DDRM.normF(right));
        double other = inverseNorm * vectorNorm
                * (Math.sqrt(g2) + gamma(m + 3) * (normW + trackedNorm + normS * normR));
        trackedNorm = normW;
        double e = trackedError + factors + accumulation + other;
        trackedError = Double.isNaN(e) ? Double.POSITIVE_INFINITY : e;
        int capacity = stepLeft.data.length / n;
        stepLeft.reshape(capacity, n, true);
        stepRight.reshape(capacity, n, true);
    }

    /**
     * Whether {@code rho(W) < 1} is proven as {@link #certifiesStable} does, from the F kept up to
     * date by {@link #track} (its stacked steps applied first, {@code w} being the matrix they led
     * to) and its error bound: O(N^2) plus the stacked steps' products.
     */
    public boolean certifiesTracked(DMatrixRMaj w) {
        checkSize(w);
        if (!(anchorRadius < 1)) {
            return false;
        }
        apply(w);
        return Double.isFinite(trackedError) && certifies(trackedError);
    }

    /** The proven bound on the error of the F held, for tests and diagnostics. */
    public double trackedError() {
        return trackedError;
    }

    /**
     * The F held ({@code X^-1 (W X - X D)} of the matrix of the last {@link #certifiesTracked} or
     * {@link #certifiesStable}, to {@link #trackedError}); read-only.
     */
    public DMatrixRMaj trackedF() {
        return f;
    }

    /** Bounds |X^-1 Z - Y Z|_F plus the rounding of forming Z and Y Z, for a fresh F. */
    private double freshError(double normW, double normZ) {
        double rounding = roundingScale * (normW + NormOps_DDRM.normF(blocks) + normZ);
        return inverseNorm * inverseDefect * normZ + rounding;
    }

    private static double gamma(int k) {
        return 2 * k * EPS;
    }

    /** The two tests of {@link #certifiesStable} on the F held, {@code error} bounding its error. */
    private boolean certifies(double error) {
        if ((anchorRadius + twoNormBound(f) + error) * (1 + SLACK) < 1) {
            return true;
        }
        double weighted = 0;
        int n = f.numCols;
        for (int i = 0; i < f.numRows; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                double v = f.data[i * n + j];
                row += v * v;
            }
            double gap = 1 - moduli[i];
            weighted += row / (gap * gap);
        }
        double certificate = Math.sqrt(weighted) + error / (1 - anchorRadius);
        return certificate * (1 + SLACK) < 1;
    }

    /** The anchor's spectral radius (the eigenvalues {@link EigenvalueSpectrum} gives). */
    public double anchorRadius() {
        return anchorRadius;
    }

    /** An upper bound on the condition number {@code |X|_2 |X^-1|_2} of the anchor's real eigenvectors. */
    public double conditionNumber() {
        return vectorNorm * inverseNorm;
    }

    /** {@code out -= x D} in O(N^2): D has 1 x 1 and 2 x 2 diagonal blocks. */
    private void subtractTimesBlocks(DMatrixRMaj x, DMatrixRMaj out) {
        int n = x.numCols;
        for (int j = 0; j < n; j++) {
            int from = Math.max(0, j - 1);
            int to = Math.min(n - 1, j + 1);
            for (int c = from; c <= to; c++) {
                double d = blocks.data[c * n + j];
                if (d == 0) {
                    continue;
                }
                for (int i = 0; i < x.numRows; i++) {
                    out.data[i * n + j] -= x.data[i * n + c] * d;
                }
            }
        }
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
