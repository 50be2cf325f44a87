package org.bcikit.manifold;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * Factor analysis by expectation-maximisation on the sample covariance: {@code u = mu + L z + e},
 * {@code z ~ N(0, I_d)}, {@code e ~ N(0, Psi)}, Psi diagonal. This is how the intrinsic manifold
 * of a BCI session is estimated (Sadtler et al. 2014, Nature 512:423; Williamson et al. 2016,
 * PLoS Comput. Biol. 12:e1005141).
 *
 * <p>The EM updates are Rubin and Thayer's (1982, "EM algorithms for ML factor analysis",
 * Psychometrika 47:69) in the form of the Yu lab's {@code fastfa}: one pass over the data builds
 * the covariance S (the only step whose cost grows with the number of samples), then each
 * iteration costs O(q^2 d). Every q x q inverse and log-determinant goes through the Woodbury
 * identity and the matrix determinant lemma with {@code M = I + L^T Psi^-1 L} (d x d):
 * <pre>
 *   beta = L^T (L L^T + Psi)^-1 = M^-1 L^T Psi^-1,      Cov[z|u] = M^-1
 *   E[zz^T] = M^-1 + beta S beta^T
 *   L' = S beta^T E[zz^T]^-1,   Psi' = max(diag(S - L' beta S), minVarianceFraction * diag(S))
 *   ln|Sigma| = ln|M| + sum ln psi_i,   tr(Sigma^-1 S) = tr(Psi^-1 S) - tr(M^-1 A^T S A), A = Psi^-1 L
 * </pre>
 * The floor on Psi prevents Heywood cases (a unit explained entirely by the factors); since the
 * expected complete-data likelihood is unimodal in each psi_i, the floored update is still an
 * EM step and the likelihood never decreases.
 *
 * <p>The log-likelihood is scikit-learn's {@code score}: natural log, mean per sample, with the
 * covariance normalised by n. Iteration stops when the gain of one step falls below
 * {@code tolerance} times the total gain since the second iteration ({@code fastfa}'s rule).
 *
 * <p>Configuration is an immutable value; {@link #fit} returns an immutable {@link FactorModel}.
 */
public final class FactorAnalysis {

    /** How the loadings are initialised. */
    public enum Init {
        /** Probabilistic PCA's closed-form solution (Tipping and Bishop 1999): deterministic. */
        PCA,
        /** Gaussian loadings scaled to the data, drawn from the seed (as {@code fastfa}). */
        RANDOM
    }

    private final int dims;
    private final double tolerance;
    private final int maxIterations;
    private final double minVarianceFraction;
    private final Init init;
    private final long seed;
    private final boolean zScore;

    /** d factors, tolerance 1e-8, at most 100000 iterations, floor 0.01, PCA start, no z-scoring. */
    public FactorAnalysis(int dims) {
        this(dims, 1e-8, 100_000, 0.01, Init.PCA, 0L, false);
    }

    private FactorAnalysis(int dims, double tolerance, int maxIterations, double minVarianceFraction,
            Init init, long seed, boolean zScore) {
        if (dims < 1) {
            throw new InvalidInputException("dims: expected at least 1 factor, got " + dims);
        }
        if (!(tolerance >= 0)) {
            throw new InvalidInputException("tolerance: expected a number >= 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new InvalidInputException("maxIterations: expected at least 1, got " + maxIterations);
        }
        if (!(minVarianceFraction >= 0 && minVarianceFraction < 1)) {
            throw new InvalidInputException("minVarianceFraction: expected a fraction in [0, 1), got "
                    + minVarianceFraction);
        }
        this.dims = dims;
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
        this.minVarianceFraction = minVarianceFraction;
        this.init = init;
        this.seed = seed;
        this.zScore = zScore;
    }

    public FactorAnalysis withDims(int d) {
        return new FactorAnalysis(d, tolerance, maxIterations, minVarianceFraction, init, seed, zScore);
    }

    /** Stop when one iteration's gain is below this fraction of the gain so far. */
    public FactorAnalysis withTolerance(double tol) {
        return new FactorAnalysis(dims, tol, maxIterations, minVarianceFraction, init, seed, zScore);
    }

    public FactorAnalysis withMaxIterations(int max) {
        return new FactorAnalysis(dims, tolerance, max, minVarianceFraction, init, seed, zScore);
    }

    /** Floor on each private variance as a fraction of that unit's variance (0 disables it). */
    public FactorAnalysis withMinVarianceFraction(double fraction) {
        return new FactorAnalysis(dims, tolerance, maxIterations, fraction, init, seed, zScore);
    }

    public FactorAnalysis withInit(Init how) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, how, seed, zScore);
    }

    /** Seed of the random initialisation ({@link Init#RANDOM}). */
    public FactorAnalysis withSeed(long s) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, s, zScore);
    }

    /** Fit on z-scored units (the rig convention: {@code Sigma_u = diag(1/std)}). */
    public FactorAnalysis withZScore(boolean z) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, seed, z);
    }

    public int dims() {
        return dims;
    }

    public double tolerance() {
        return tolerance;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double minVarianceFraction() {
        return minVarianceFraction;
    }

    public Init init() {
        return init;
    }

    public long seed() {
        return seed;
    }

    public boolean zScore() {
        return zScore;
    }

    /**
     * Fits the model to {@code samples} (n x q, samples as rows; not modified).
     *
     * @throws InvalidInputException for NaN/Inf values, units with zero variance (named by column),
     *                               n &lt;= q, or d &gt;= q
     */
    public FactorModel fit(DMatrixRMaj samples) {
        int n = samples.numRows;
        int q = samples.numCols;
        checkShape(n, q);
        double[] mean = Covariance.mean(samples);
        int[] silent = silentUnits(samples);
        if (silent.length > 0) {
            throw new InvalidInputException("data: expected every unit to vary, found " + silent.length
                    + " unit(s) with zero variance (columns " + Arrays.toString(silent) + ")");
        }
        DMatrixRMaj s = Covariance.of(samples, mean);
        return fitCovariance(s, mean, n);
    }

    /**
     * Fits the model to a sample covariance {@code covariance} (q x q, normalised by n; not
     * modified) of n samples with the given means. Used by cross-validation, which builds each
     * fold's covariance once and fits every d to it.
     */
    public FactorModel fitCovariance(DMatrixRMaj covariance, double[] mean, int n) {
        int q = covariance.numRows;
        checkShape(n, q);
        DMatrixRMaj s = covariance.copy();
        double[] scale = new double[q];
        for (int i = 0; i < q; i++) {
            double v = s.unsafe_get(i, i);
            if (!(v > 0) || !Double.isFinite(v)) {
                throw new InvalidInputException("data: unit (column) " + i
                        + ": expected a positive finite variance, found " + v);
            }
            // MATLAB's std (n - 1), as the rig's code computes Sigma_u
            scale[i] = zScore ? 1.0 / Math.sqrt(v * n / (n - 1.0)) : 1.0;
        }
        if (zScore) {
            for (int i = 0; i < q; i++) {
                for (int j = 0; j < q; j++) {
                    s.unsafe_set(i, j, s.unsafe_get(i, j) * scale[i] * scale[j]);
                }
            }
        }
        return new Em(s).run(mean, scale);
    }

    private void checkShape(int n, int q) {
        if (dims >= q) {
            throw new InvalidInputException("dims: expected fewer factors than units (" + q + "), got " + dims);
        }
        if (n <= q) {
            throw new InvalidInputException("data: expected more samples than units, got " + n
                    + " samples of " + q + " units");
        }
    }

    /** Columns of {@code samples} whose values are all equal (units that never vary). */
    public static int[] silentUnits(DMatrixRMaj samples) {
        int n = samples.numRows;
        int q = samples.numCols;
        boolean[] varies = new boolean[q];
        double[] x = samples.data;
        for (int t = 1; t < n; t++) {
            int row = t * q;
            for (int i = 0; i < q; i++) {
                if (x[row + i] != x[i]) {
                    varies[i] = true;
                }
            }
        }
        return java.util.stream.IntStream.range(0, q).filter(i -> !varies[i]).toArray();
    }

    /**
     * One EM run on a fixed covariance; work matrices are allocated once here. Loadings and
     * every q-long product are stored transposed (d x q), so each O(q^2 d) and O(q d^2) product
     * runs along contiguous rows of length q.
     */
    private final class Em {
        private final int q;
        private final int d = dims;
        private final DMatrixRMaj s;
        private final double[] sDiag;
        private final DMatrixRMaj lT;
        private final double[] psi;
        private final DMatrixRMaj aT;
        private final DMatrixRMaj saT;
        private final DMatrixRMaj sbT;
        private final DMatrixRMaj m;
        private final DMatrixRMaj mInv;
        private final DMatrixRMaj g;
        private final DMatrixRMaj gm;
        private final DMatrixRMaj ezz;
        private final DMatrixRMaj ezzInv;
        private final SpdFactor chol;

        Em(DMatrixRMaj s) {
            this.s = s;
            this.q = s.numRows;
            this.sDiag = new double[q];
            for (int i = 0; i < q; i++) {
                sDiag[i] = s.unsafe_get(i, i);
            }
            lT = new DMatrixRMaj(d, q);
            psi = new double[q];
            aT = new DMatrixRMaj(d, q);
            saT = new DMatrixRMaj(d, q);
            sbT = new DMatrixRMaj(d, q);
            m = new DMatrixRMaj(d, d);
            mInv = new DMatrixRMaj(d, d);
            g = new DMatrixRMaj(d, d);
            gm = new DMatrixRMaj(d, d);
            ezz = new DMatrixRMaj(d, d);
            ezzInv = new DMatrixRMaj(d, d);
            chol = new SpdFactor(d);
        }

        FactorModel run(double[] mean, double[] scale) {
            initialise();
            double[] history = new double[Math.min(maxIterations, 1024) + 1];
            int evaluations = 0;
            boolean converged = false;
            int updates = 0;
            double base = Double.NaN;
            double ll = logLikelihood();
            while (true) {
                if (evaluations == history.length) {
                    history = Arrays.copyOf(history, 2 * history.length);
                }
                history[evaluations++] = ll;
                if (evaluations == 2) {
                    base = ll;
                } else if (evaluations > 2) {
                    double old = history[evaluations - 2];
                    if (ll - old <= tolerance * (old - base)) {
                        converged = true;
                        break;
                    }
                }
                if (updates == maxIterations) {
                    break;
                }
                update();
                updates++;
                ll = logLikelihood();
            }
            DMatrixRMaj l = new DMatrixRMaj(q, d);
            CommonOps_DDRM.transpose(lT, l);
            return new FactorModel(mean, scale, l, psi, ll, updates, converged,
                    Arrays.copyOf(history, evaluations));
        }

        private void initialise() {
            if (init == Init.PCA) {
                SymmetricEigen eig = SymmetricEigen.descending(s);
                double rest = 0;
                for (int k = d; k < q; k++) {
                    rest += Math.max(eig.values()[k], 0);
                }
                double sigma2 = rest / (q - d);
                for (int k = 0; k < d; k++) {
                    double w = Math.sqrt(Math.max(eig.values()[k] - sigma2, 0));
                    for (int i = 0; i < q; i++) {
                        lT.unsafe_set(k, i, eig.vectors().unsafe_get(i, k) * w);
                    }
                }
                for (int i = 0; i < q; i++) {
                    double shared = 0;
                    for (int k = 0; k < d; k++) {
                        shared += lT.unsafe_get(k, i) * lT.unsafe_get(k, i);
                    }
                    psi[i] = Math.max(sDiag[i] - shared, minVarianceFraction * sDiag[i]);
                }
            } else {
                SplittableRandom rng = new SplittableRandom(seed);
                double total = 0;
                for (double v : sDiag) {
                    total += v;
                }
                double w = Math.sqrt(total / q / d);
                for (int k = 0; k < lT.getNumElements(); k++) {
                    lT.data[k] = w * rng.nextGaussian();
                }
                System.arraycopy(sDiag, 0, psi, 0, q);
            }
            for (int i = 0; i < q; i++) {
                // a floor of 0 would let psi reach 0 and Psi^-1 blow up; keep it strictly positive
                psi[i] = Math.max(psi[i], 1e-12 * sDiag[i]);
            }
        }

        /**
         * The log-likelihood per sample at the current (L, Psi). Leaves A^T, (S A)^T, M^-1 and
         * G = A^T S A in the work matrices for {@link #update}.
         */
        private double logLikelihood() {
            for (int k = 0; k < d; k++) {
                int row = k * q;
                for (int i = 0; i < q; i++) {
                    aT.data[row + i] = lT.data[row + i] / psi[i];
                }
            }
            CommonOps_DDRM.multTransB(lT, aT, m);
            for (int k = 0; k < d; k++) {
                m.unsafe_set(k, k, m.unsafe_get(k, k) + 1);
            }
            if (!chol.factor(m)) {
                throw new IllegalStateException("factor analysis: I + L^T Psi^-1 L lost positive definiteness");
            }
            double logDet = chol.logDet();
            chol.invert(mInv);
            CommonOps_DDRM.mult(aT, s, saT); // A^T S = (S A)^T, S symmetric: the O(q^2 d) step
            CommonOps_DDRM.multTransB(saT, aT, g);
            double trace = 0;
            for (int i = 0; i < q; i++) {
                logDet += Math.log(psi[i]);
                trace += sDiag[i] / psi[i];
            }
            double[] mi = mInv.data;
            double[] gd = g.data;
            for (int k = 0; k < mi.length; k++) {
                trace -= mi[k] * gd[k]; // tr(M^-1 G): both symmetric
            }
            return -0.5 * (q * Math.log(2 * Math.PI) + logDet + trace);
        }

        /** One EM step from the quantities {@link #logLikelihood} left behind. */
        private void update() {
            CommonOps_DDRM.mult(mInv, saT, sbT); // (S beta^T)^T = beta S
            CommonOps_DDRM.mult(mInv, g, gm);
            CommonOps_DDRM.mult(gm, mInv, ezz); // beta S beta^T
            CommonOps_DDRM.addEquals(ezz, mInv);
            if (!chol.factor(ezz)) {
                throw new IllegalStateException("factor analysis: E[zz^T] lost positive definiteness");
            }
            chol.invert(ezzInv);
            CommonOps_DDRM.mult(ezzInv, sbT, lT); // L'^T = E[zz^T]^-1 beta S
            double floorFraction = Math.max(minVarianceFraction, 1e-12);
            for (int i = 0; i < q; i++) {
                double explained = 0;
                for (int k = 0; k < d; k++) {
                    explained += lT.data[k * q + i] * sbT.data[k * q + i];
                }
                psi[i] = Math.max(sDiag[i] - explained, floorFraction * sDiag[i]);
            }
        }
    }
}
