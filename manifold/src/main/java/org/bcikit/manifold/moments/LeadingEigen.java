package org.bcikit.manifold.moments;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.ejml.data.DMatrixRMaj;

/**
 * The k largest eigenvalues of a symmetric positive semi-definite matrix and their eigenvectors,
 * by block subspace (orthogonal) iteration with Rayleigh-Ritz projection (Rutishauser 1970,
 * "Simultaneous iteration method for symmetric matrices", Numer. Math. 16:205; Saad 2011,
 * "Numerical methods for large eigenvalue problems", ch. 5). Factor analysis needs only the d
 * leading eigenvectors of a q x q covariance to start EM; one iteration costs q^2 b (b = k plus
 * a few guard vectors) instead of the q^3 of a full decomposition, and at q = 1000, d = 20 a
 * covariance with a clear gap after the d-th eigenvalue converges in a handful of iterations.
 *
 * <p>Iteration stops when every one of the k Ritz pairs has residual
 * {@code |S v - theta v| <= }{@value #TOLERANCE}{@code  * theta_1}. Convergence is geometric with
 * ratio {@code lambda_(b+1) / lambda_k}; a covariance without a gap there can take long, so after
 * {@value #MAX_ITERATIONS} iterations (or when b is not small against q) the full
 * decomposition ({@link SymmetricEigen#descending}) is used instead: the answer is then exact,
 * only slower. The start block is drawn from a fixed seed: it changes the number of iterations,
 * not the result beyond the tolerance. Vectors follow {@link SymmetricEigen}'s sign convention.
 */
public final class LeadingEigen {

    /** Residual bound relative to the largest eigenvalue. */
    static final double TOLERANCE = 1e-10;
    /** Iterations before falling back to the full decomposition. */
    static final int MAX_ITERATIONS = 300;
    private static final long START_SEED = 0x5EEDL;

    private LeadingEigen() {
    }

    /**
     * The {@code k} leading eigenpairs of {@code symmetric} (q x q, not modified): values in
     * decreasing order, vectors the columns of a new q x k matrix.
     */
    public static SymmetricEigen of(DMatrixRMaj symmetric, int k) {
        return of(new SymmetricProduct(symmetric, blockSize(symmetric.numRows, k)), k);
    }

    /**
     * The {@code k} leading eigenpairs of the matrix {@code s} multiplies by, which must take
     * blocks of at least {@link #blockSize} rows.
     */
    public static SymmetricEigen of(SymmetricProduct s, int k) {
        int q = s.size();
        if (k < 1 || k > q) {
            throw new IllegalArgumentException("k: expected 1.." + q + ", got " + k);
        }
        int b = blockSize(q, k);
        SymmetricEigen found = 4 * b > q ? null : iterate(s, k, b);
        return found != null ? found : truncate(SymmetricEigen.descending(s.matrix()), k);
    }

    /** The block the iteration for {@code k} pairs of a q x q matrix works with: k and a few guard vectors. */
    public static int blockSize(int q, int k) {
        return Math.min(q, k + Math.max(4, k / 2));
    }

    /** Subspace iteration on {@code s} with a block of {@code b} rows; null if it did not converge. */
    static SymmetricEigen iterate(SymmetricProduct s, int k, int b) {
        int q = s.size();
        DMatrixRMaj v = new DMatrixRMaj(b, q);
        DMatrixRMaj w = new DMatrixRMaj(b, q);
        DMatrixRMaj h = new DMatrixRMaj(b, b);
        DMatrixRMaj rv = new DMatrixRMaj(b, q);
        DMatrixRMaj rw = new DMatrixRMaj(b, q);
        SplittableRandom rng = new SplittableRandom(START_SEED);
        GaussianFill.fill(v.data, 1.0, rng);
        orthonormaliseRows(v);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            s.leftTimes(v, w); // rows of W = (S V^T)^T
            org.ejml.dense.row.CommonOps_DDRM.multTransB(w, v, h);
            for (int i = 0; i < b; i++) {
                for (int j = 0; j < i; j++) {
                    double mean = 0.5 * (h.unsafe_get(i, j) + h.unsafe_get(j, i));
                    h.unsafe_set(i, j, mean);
                    h.unsafe_set(j, i, mean);
                }
            }
            SymmetricEigen small = SymmetricEigen.descending(h);
            DMatrixRMaj u = small.vectors(); // columns: Ritz vectors in the basis of V's rows
            org.ejml.dense.row.CommonOps_DDRM.multTransA(u, v, rv);
            org.ejml.dense.row.CommonOps_DDRM.multTransA(u, w, rw);
            double[] theta = small.values();
            double worst = 0;
            for (int r = 0; r < k; r++) {
                double sum = 0;
                for (int j = 0; j < q; j++) {
                    double e = rw.data[r * q + j] - theta[r] * rv.data[r * q + j];
                    sum += e * e;
                }
                worst = Math.max(worst, Math.sqrt(sum));
            }
            if (worst <= TOLERANCE * Math.abs(theta[0])) {
                return ritz(rv, theta, k);
            }
            // the next block is S applied to the Ritz vectors (the columns of W, rotated)
            System.arraycopy(rw.data, 0, v.data, 0, v.data.length);
            orthonormaliseRows(v);
        }
        return null;
    }

    /** Modified Gram-Schmidt on the rows of {@code v}, twice (enough for orthogonality to rounding). */
    static void orthonormaliseRows(DMatrixRMaj v) {
        int b = v.numRows;
        int q = v.numCols;
        double[] x = v.data;
        for (int pass = 0; pass < 2; pass++) {
            int tries = 0;
            for (int r = 0; r < b; r++) {
                int at = r * q;
                for (int p = 0; p < r; p++) {
                    int from = p * q;
                    double dot = 0;
                    for (int j = 0; j < q; j++) {
                        dot += x[at + j] * x[from + j];
                    }
                    for (int j = 0; j < q; j++) {
                        x[at + j] -= dot * x[from + j];
                    }
                }
                double norm = 0;
                for (int j = 0; j < q; j++) {
                    norm += x[at + j] * x[at + j];
                }
                norm = Math.sqrt(norm);
                if (!(norm > 0)) {
                    // a start vector inside the span of the others: replace it by a unit vector
                    java.util.Arrays.fill(x, at, at + q, 0);
                    x[at + (r + tries++) % q] = 1;
                    if (tries > q) {
                        throw new IllegalStateException("subspace iteration: no direction left to orthonormalise");
                    }
                    r--;
                    continue;
                }
                for (int j = 0; j < q; j++) {
                    x[at + j] /= norm;
                }
            }
        }
    }

    private static SymmetricEigen ritz(DMatrixRMaj rv, double[] theta, int k) {
        int q = rv.numCols;
        DMatrixRMaj vectors = new DMatrixRMaj(q, k);
        for (int r = 0; r < k; r++) {
            int arg = 0;
            for (int i = 1; i < q; i++) {
                if (Math.abs(rv.data[r * q + i]) > Math.abs(rv.data[r * q + arg])) {
                    arg = i;
                }
            }
            double sign = rv.data[r * q + arg] < 0 ? -1 : 1;
            for (int i = 0; i < q; i++) {
                vectors.unsafe_set(i, r, sign * rv.data[r * q + i]);
            }
        }
        return new SymmetricEigen(java.util.Arrays.copyOf(theta, k), vectors);
    }

    private static SymmetricEigen truncate(SymmetricEigen full, int k) {
        DMatrixRMaj vectors = new DMatrixRMaj(full.vectors().numRows, k);
        org.ejml.dense.row.CommonOps_DDRM.extract(full.vectors(), 0, full.vectors().numRows, 0, k, vectors, 0, 0);
        return new SymmetricEigen(java.util.Arrays.copyOf(full.values(), k), vectors);
    }
}
