package org.bcikit.manifold.fa;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.NumericalFailureException;
import org.bcikit.manifold.moments.Covariance;
import org.bcikit.manifold.moments.SampleMoments;
import org.bcikit.manifold.moments.LeadingEigen;
import org.bcikit.manifold.moments.SymmetricEigen;
import org.bcikit.manifold.moments.SymmetricProduct;
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
 * {@code tolerance} times the total gain since the first update ({@code fastfa}'s rule).
 *
 * <p>EM for factor analysis is linearly convergent and slow where the likelihood is flat (often
 * hundreds of steps at a 1e-8 tolerance). By default the EM map is accelerated with SQUAREM
 * (Varadhan and Roland 2008, "Simple and globally convergent methods for accelerating the
 * convergence of any EM algorithm", Scand. J. Stat. 35:335; scheme S3 with step-length bounds
 * as in their R package): from theta0 two EM steps give theta1, theta2; with
 * {@code r = theta1 - theta0}, {@code v = theta2 - 2 theta1 + theta0} and
 * {@code alpha = -max(1, min(stepMax, |r| / |v|))} the extrapolated point
 * {@code theta0 - 2 alpha r + alpha^2 v} (private variances clamped to the floor) is followed by
 * one EM step. That result is kept only if its likelihood is at least theta2's; otherwise the
 * cycle falls back to theta2 and the step bound shrinks. So the likelihood still never
 * decreases, and every kept point is at least as good as plain EM from the same start. In the
 * accelerated mode the convergence test compares whole cycles (the gain of a cycle against
 * {@code tolerance} times the gain since the first update).
 *
 * <p>EM can stall where the likelihood is nearly flat: at 50000 x 1000 with 20 factors it stopped
 * (at a fixed point to rounding, plain EM after 848 steps) 1.3e-8 per sample below
 * scikit-learn's fit. So a converged EM run can end ({@link #withProfileSteps}) with profile
 * steps, as scikit-learn's
 * {@code FactorAnalysis} iterates (Barber 2012, "Bayesian reasoning and machine learning",
 * section 21.2): for the current Psi, the likelihood's exact maximiser over L,
 * {@code L = Psi^1/2 U diag(sqrt(max(theta - 1, 0)))} with (theta, U) the d leading eigenpairs of
 * {@code Psi^-1/2 S Psi^-1/2} ({@link LeadingEigen}), then {@code Psi = max(diag(S - L L^T), floor)};
 * a step is kept only if the likelihood rises, and they stop by the same tolerance rule (at most
 * {@value #PROFILE_STEPS}). There two steps lifted it above scikit-learn's (to -1190.5405633300
 * against -1190.5405633318). They follow EM rather than replace it, so EM, its acceleration and
 * its guarantees are as before.
 *
 * <p>Configuration is an immutable value; {@link #fit} returns an immutable {@link FactorModel}.
 */
public final class FactorAnalysis {

    /** How the loadings are initialised. */
    public enum Init {
        /**
         * Probabilistic PCA's closed-form solution (Tipping and Bishop 1999): deterministic. Only
         * the d leading eigenvectors of S are computed ({@link LeadingEigen}, q^2 per iteration).
         */
        PCA,
        /**
         * The same start from the full eigendecomposition of S (q^3): the reference {@link #PCA}
         * is tested against, about 2 s of a fit at q = 1000 where the leading ones take 0.04 s.
         */
        PCA_FULL,
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
    private final boolean accelerated;
    private final boolean profile;
    /** The most profile steps after EM. */
    static final int PROFILE_STEPS = 50;

    /**
     * d factors, tolerance 1e-8, at most 100000 iterations, floor 0.01, PCA start, no z-scoring,
     * SQUAREM acceleration.
     */
    public FactorAnalysis(int dims) {
        this(dims, 1e-8, 100_000, 0.01, Init.PCA, 0L, false, true, false);
    }

    private FactorAnalysis(int dims, double tolerance, int maxIterations, double minVarianceFraction,
            Init init, long seed, boolean zScore, boolean accelerated, boolean profile) {
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
        this.accelerated = accelerated;
        this.profile = profile;
    }

    public FactorAnalysis withDims(int d) {
        return new FactorAnalysis(d, tolerance, maxIterations, minVarianceFraction, init, seed, zScore, accelerated, profile);
    }

    /** Stop when one iteration's gain is below this fraction of the gain so far. */
    public FactorAnalysis withTolerance(double tol) {
        return new FactorAnalysis(dims, tol, maxIterations, minVarianceFraction, init, seed, zScore, accelerated, profile);
    }

    public FactorAnalysis withMaxIterations(int max) {
        return new FactorAnalysis(dims, tolerance, max, minVarianceFraction, init, seed, zScore, accelerated, profile);
    }

    /** Floor on each private variance as a fraction of that unit's variance (0 disables it). */
    public FactorAnalysis withMinVarianceFraction(double fraction) {
        return new FactorAnalysis(dims, tolerance, maxIterations, fraction, init, seed, zScore, accelerated, profile);
    }

    public FactorAnalysis withInit(Init how) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, how, seed, zScore, accelerated, profile);
    }

    /** Seed of the random initialisation ({@link Init#RANDOM}). */
    public FactorAnalysis withSeed(long s) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, s, zScore, accelerated, profile);
    }

    /** Fit on z-scored units (the rig convention: {@code Sigma_u = diag(1/std)}). */
    public FactorAnalysis withZScore(boolean z) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, seed, z, accelerated, profile);
    }

    /** SQUAREM acceleration of the EM map (default on); off gives plain EM, one update per step. */
    public FactorAnalysis withAcceleration(boolean on) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, seed, zScore, on, profile);
    }

    /**
     * Profile steps after EM has converged (default off; see the class comment): on 50000 x 1000
     * with 20 factors they lifted the likelihood 1.5e-8 per sample, above scikit-learn's fit.
     * Off by default because the better optimum changes fits downstream (a perturbation chosen
     * from a fitted decoder can differ).
     */
    public FactorAnalysis withProfileSteps(boolean on) {
        return new FactorAnalysis(dims, tolerance, maxIterations, minVarianceFraction, init, seed, zScore, accelerated, on);
    }

    public boolean profileSteps() {
        return profile;
    }

    public boolean accelerated() {
        return accelerated;
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

    /** Fits the model to precomputed moments (mean and covariance normalised by n). */
    public FactorModel fit(SampleMoments moments) {
        return fitCovariance(moments.covarianceView(), moments.mean(), moments.count());
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
        private final double floorFraction = Math.max(minVarianceFraction, 1e-12);
        // SQUAREM's three points (theta0, theta1, theta2)
        private final double[] l0;
        private final double[] l1;
        private final double[] l2;
        private final double[] p0;
        private final double[] p1;
        private final double[] p2;
        private final SymmetricProduct product;
        private DMatrixRMaj scaled; // Psi^-1/2 S Psi^-1/2, allocated by the first profile step
        private double[] history;
        private int recorded;
        private int updates;

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
            l0 = new double[d * q];
            l1 = new double[d * q];
            l2 = new double[d * q];
            p0 = new double[q];
            p1 = new double[q];
            p2 = new double[q];
            product = new SymmetricProduct(s, LeadingEigen.blockSize(q, d));
        }

        FactorModel run(double[] mean, double[] scale) {
            initialise();
            history = new double[Math.min(maxIterations, 1024) + 1];
            double ll = logLikelihood();
            record(ll);
            boolean converged = accelerated ? squarem(ll) : plain(ll);
            if (converged && profile) {
                profileSteps();
            }
            DMatrixRMaj l = new DMatrixRMaj(q, d);
            CommonOps_DDRM.transpose(lT, l);
            return new FactorModel(mean, scale, l, psi, history[recorded - 1], updates, converged,
                    Arrays.copyOf(history, recorded));
        }

        private void record(double ll) {
            if (recorded == history.length) {
                history = Arrays.copyOf(history, 2 * history.length);
            }
            history[recorded++] = ll;
        }

        /** fastfa's rule: the gain from {@code old} to {@code now} against the gain since the first update. */
        private boolean small(double old, double now) {
            return recorded > 2 && now - old <= tolerance * (old - history[1]);
        }

        /** Plain EM; true if converged. */
        private boolean plain(double ll) {
            while (updates < maxIterations) {
                update();
                updates++;
                double old = ll;
                ll = logLikelihood();
                record(ll);
                if (small(old, ll)) {
                    return true;
                }
            }
            return false;
        }

        /** SQUAREM-accelerated EM (see the class comment); true if converged. */
        private boolean squarem(double ll) {
            double stepMax = 1;
            int n = lT.data.length;
            while (updates < maxIterations) {
                double ll0 = ll;
                save(l0, p0);
                update();
                updates++;
                ll = logLikelihood();
                record(ll);
                if (small(ll0, ll)) {
                    return true; // one plain step already gains too little
                }
                if (updates == maxIterations) {
                    break;
                }
                save(l1, p1);
                update();
                updates++;
                double ll2 = logLikelihood();
                record(ll2);
                ll = ll2;
                if (updates == maxIterations) {
                    break;
                }
                save(l2, p2);
                double rr = 0;
                double vv = 0;
                for (int k = 0; k < n; k++) {
                    double r = l1[k] - l0[k];
                    double v = l2[k] - 2 * l1[k] + l0[k];
                    rr += r * r;
                    vv += v * v;
                }
                for (int i = 0; i < q; i++) {
                    double r = p1[i] - p0[i];
                    double v = p2[i] - 2 * p1[i] + p0[i];
                    rr += r * r;
                    vv += v * v;
                }
                if (!(vv > 0)) {
                    return true; // EM is at a fixed point to rounding
                }
                double alpha = Math.min(stepMax, Math.max(1, Math.sqrt(rr / vv)));
                // theta' = theta0 + 2 alpha r + alpha^2 v (alpha > 0 here: the paper's -alpha)
                double a2 = alpha * alpha;
                for (int k = 0; k < n; k++) {
                    double r = l1[k] - l0[k];
                    double v = l2[k] - 2 * l1[k] + l0[k];
                    lT.data[k] = l0[k] + 2 * alpha * r + a2 * v;
                }
                for (int i = 0; i < q; i++) {
                    double r = p1[i] - p0[i];
                    double v = p2[i] - 2 * p1[i] + p0[i];
                    psi[i] = Math.max(p0[i] + 2 * alpha * r + a2 * v, floorFraction * sDiag[i]);
                }
                double llx = logLikelihood();
                double llNew = Double.NaN;
                if (Double.isFinite(llx)) {
                    update();
                    updates++;
                    llNew = logLikelihood();
                }
                if (llNew >= ll2) {
                    record(llNew);
                    ll = llNew;
                    if (alpha == stepMax) {
                        stepMax *= 4;
                    }
                } else {
                    // the extrapolation overshot: keep the plain EM result
                    restore(l2, p2);
                    ll = logLikelihood();
                    stepMax = Math.max(1, stepMax / 4);
                }
                if (small(ll0, ll)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * After EM has converged: steps that maximise the likelihood over L exactly for the
         * current Psi and then set {@code Psi = max(diag(S - L L^T), floor)} (see the class
         * comment), each kept only if the likelihood rises, until a step gains less than
         * {@code tolerance} times the gain so far or {@value #PROFILE_STEPS} steps are done.
         */
        private void profileSteps() {
            double ll = history[recorded - 1];
            for (int step = 0; step < PROFILE_STEPS && updates < maxIterations; step++) {
                save(l0, p0);
                optimalLoadings();
                for (int i = 0; i < q; i++) {
                    double shared = 0;
                    for (int k = 0; k < d; k++) {
                        shared += lT.data[k * q + i] * lT.data[k * q + i];
                    }
                    psi[i] = Math.max(sDiag[i] - shared, floorFraction * sDiag[i]);
                }
                double now = logLikelihood();
                if (!(now > ll)) {
                    restore(l0, p0);
                    return;
                }
                updates++;
                record(now);
                double old = ll;
                ll = now;
                if (small(old, now)) {
                    return;
                }
            }
        }

        /**
         * {@code L = Psi^1/2 U diag(sqrt(max(theta - 1, 0)))} from the d leading eigenpairs
         * (theta, U) of {@code Psi^-1/2 S Psi^-1/2}: the maximiser over L at fixed Psi.
         */
        private void optimalLoadings() {
            if (scaled == null) {
                scaled = new DMatrixRMaj(q, q);
            }
            double[] root = new double[q];
            for (int i = 0; i < q; i++) {
                root[i] = Math.sqrt(psi[i]);
            }
            for (int i = 0; i < q; i++) {
                int row = i * q;
                for (int j = 0; j < q; j++) {
                    scaled.data[row + j] = s.data[row + j] / (root[i] * root[j]);
                }
            }
            SymmetricEigen eig = LeadingEigen.of(scaled, d);
            for (int k = 0; k < d; k++) {
                double w = Math.sqrt(Math.max(eig.values()[k] - 1, 0));
                for (int i = 0; i < q; i++) {
                    lT.data[k * q + i] = root[i] * eig.vectors().unsafe_get(i, k) * w;
                }
            }
        }

        private void save(double[] l, double[] p) {
            System.arraycopy(lT.data, 0, l, 0, l.length);
            System.arraycopy(psi, 0, p, 0, q);
        }

        private void restore(double[] l, double[] p) {
            System.arraycopy(l, 0, lT.data, 0, l.length);
            System.arraycopy(p, 0, psi, 0, q);
        }

        private void initialise() {
            if (init == Init.PCA || init == Init.PCA_FULL) {
                // only the d leading eigenvectors are needed; the rest of the spectrum enters
                // through its sum, the trace less the leading eigenvalues
                SymmetricEigen eig = init == Init.PCA ? LeadingEigen.of(product, d) : SymmetricEigen.descending(s);
                double rest = 0;
                for (int i = 0; i < q; i++) {
                    rest += sDiag[i];
                }
                for (int k = 0; k < d; k++) {
                    rest -= eig.values()[k];
                }
                double sigma2 = Math.max(rest, 0) / (q - d);
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
                throw new NumericalFailureException("factor analysis: I + L^T Psi^-1 L lost positive definiteness");
            }
            double logDet = chol.logDet();
            chol.invert(mInv);
            product.leftTimes(aT, saT); // A^T S = (S A)^T, S symmetric: the O(q^2 d) step
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
                throw new NumericalFailureException("factor analysis: E[zz^T] lost positive definiteness (the fit is degenerate; try a larger --min-var-frac or fewer factors)");
            }
            chol.invert(ezzInv);
            CommonOps_DDRM.mult(ezzInv, sbT, lT); // L'^T = E[zz^T]^-1 beta S
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
