package org.bcikit.rnn.model;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Initial recurrent matrices that set a network's regime (science.md §5.1, §5.6). The weight
 * scale decides laziness: {@code W_ij ~ N(0, 1) / N^e} is lazy for {@code e = 0.55} and rich for
 * {@code e = 1.0} (Payeur, Orsborn and Lajoie 2023, bioRxiv 2023.03.11.532146); the initial rank is
 * the other knob (Liu et al. ICLR 2024, "How connectivity structure shapes rich and lazy learning in
 * neural circuits": high-rank initialisations learn lazier, low-rank ones richer). Every draw comes
 * from the caller's generator, so a seed fixes the matrix.
 */
public final class Initialisation {

    /** Payeur et al.'s exponent for a lazy start. */
    public static final double LAZY_EXPONENT = 0.55;

    /** Payeur et al.'s exponent for a rich start. */
    public static final double RICH_EXPONENT = 1.0;

    private Initialisation() {
    }

    /** {@code W_ij ~ N(0, 1) / n^exponent}: spectral radius about {@code n^(1/2 - exponent)}. */
    public static DMatrixRMaj gaussian(int n, double exponent, SplittableRandom rng) {
        requireUnits(n);
        return gaussianWithStd(n, Math.pow(n, -exponent), rng);
    }

    /** {@code W_ij ~ N(0, gain^2 / n)}: spectral radius about {@code gain}. */
    public static DMatrixRMaj gaussianWithGain(int n, double gain, SplittableRandom rng) {
        requireUnits(n);
        return gaussianWithStd(n, gain / Math.sqrt(n), rng);
    }

    /**
     * The rank-{@code rank} truncation of the SVD of {@code w0}, rescaled to the Frobenius norm of
     * {@code w0} (Liu et al. 2024): same overall weight scale, fewer directions. A new matrix.
     */
    public static DMatrixRMaj lowRankOf(DMatrixRMaj w0, int rank) {
        int n = w0.numRows;
        if (w0.numCols != n) {
            throw new IllegalArgumentException("low-rank initialisation: W0 must be square, got " + n + "x" + w0.numCols);
        }
        if (rank < 1 || rank > n) {
            throw new IllegalArgumentException("low-rank initialisation: rank must be in [1, " + n + "], got " + rank);
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, n, true, true, false);
        if (!svd.decompose(w0.copy())) {
            throw new ArithmeticException("low-rank initialisation: SVD did not converge");
        }
        double[] s = svd.getSingularValues();
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = svd.getV(null, false);
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        for (int r = 0; r < rank; r++) {
            int c = order[r];
            for (int i = 0; i < n; i++) {
                double ui = s[c] * u.unsafe_get(i, c);
                for (int j = 0; j < n; j++) {
                    out.data[i * n + j] += ui * v.unsafe_get(j, c);
                }
            }
        }
        double target = normF(w0);
        double now = normF(out);
        if (now > 0) {
            CommonOps_DDRM.scale(target / now, out);
        }
        return out;
    }

    /**
     * {@code W = sum_{i <= rank} a_i b_i^T} with {@code a_i, b_i ~ N(0, 1/n)} (Payeur et al.'s
     * low-rank option, science.md §5.1).
     */
    public static DMatrixRMaj lowRankOuterProducts(int n, int rank, SplittableRandom rng) {
        requireUnits(n);
        if (rank < 1 || rank > n) {
            throw new IllegalArgumentException("low-rank initialisation: rank must be in [1, " + n + "], got " + rank);
        }
        double sd = 1.0 / Math.sqrt(n);
        DMatrixRMaj a = new DMatrixRMaj(n, rank);
        DMatrixRMaj b = new DMatrixRMaj(n, rank);
        GaussianFill.fill(a.data, sd, rng);
        GaussianFill.fill(b.data, sd, rng);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(a, b, w);
        return w;
    }

    /**
     * {@code gain} times a Haar-random orthogonal matrix (QR of a Gaussian matrix with the signs of
     * R's diagonal moved into Q, Mezzadri 2007): every singular value and eigenvalue modulus is gain.
     */
    public static DMatrixRMaj orthogonal(int n, double gain, SplittableRandom rng) {
        DMatrixRMaj g = gaussianWithStd(n, 1.0, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, n);
        if (!qr.decompose(g)) {
            throw new ArithmeticException("orthogonal initialisation: QR did not converge");
        }
        DMatrixRMaj q = qr.getQ(null, false);
        DMatrixRMaj r = qr.getR(null, false);
        for (int j = 0; j < n; j++) {
            double sign = r.unsafe_get(j, j) < 0 ? -gain : gain;
            for (int i = 0; i < n; i++) {
                q.unsafe_set(i, j, sign * q.unsafe_get(i, j));
            }
        }
        return q;
    }

    /** {@code gain * I}. */
    public static DMatrixRMaj identity(int n, double gain) {
        requireUnits(n);
        DMatrixRMaj w = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(gain, w);
        return w;
    }

    private static DMatrixRMaj gaussianWithStd(int n, double sd, SplittableRandom rng) {
        requireUnits(n);
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        GaussianFill.fill(w.data, sd, rng);
        return w;
    }

    private static double normF(DMatrixRMaj m) {
        return org.ejml.dense.row.NormOps_DDRM.normF(m);
    }

    private static void requireUnits(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 unit, got " + n);
        }
    }

    /**
     * The unconstrained baseline: {@code W_ij ~ N(0, 1/n)}, rescaled to {@code spectralRadius} when
     * it is positive.
     */
    public static DMatrixRMaj standardGaussian(int n, double spectralRadius, SplittableRandom rng) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least 1 unit, got " + n);
        }
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        double sd = 1.0 / Math.sqrt(n);
        GaussianFill.fill(w.data, sd, rng);
        if (spectralRadius > 0) {
            double r = EigenvalueSpectrum.of(w).spectralRadius();
            if (r > 0) {
                CommonOps_DDRM.scale(spectralRadius / r, w);
            }
        }
        return w;
    }
}
