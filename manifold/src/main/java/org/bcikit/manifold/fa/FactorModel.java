package org.bcikit.manifold.fa;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.moments.SampleMoments;
import org.bcikit.manifold.moments.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * A fitted factor-analysis model {@code x = L z + e}, {@code Cov(x) = L L^T + Psi}, where x are
 * the model's units: {@code x = Sigma_u (u - mu)} with {@code Sigma_u = diag(scale)} (1/std of
 * each unit when z-scored, the rig convention of Golub et al. 2018; all ones otherwise).
 * Immutable: every matrix is copied in and out.
 *
 * <p>Besides the fitted values it gives the posterior of the factors
 * ({@code E[z|u] = beta Sigma_u (u - mu)}, {@code beta = L^T (L L^T + Psi)^-1}, computed by the
 * Woodbury identity), the likelihood of new data, and the orthonormalised factors of Sadtler et
 * al. (2014): with {@code L = U D V^T}, {@code z_orth = D V^T z}, dimensions ordered by shared
 * variance (the eigenvalues of {@code L L^T}, i.e. the squared singular values of L).
 * Likelihoods are of the model's units x (so of the z-scored counts when z-scored).
 */
public final class FactorModel {

    private final double[] mean;
    private final double[] scale;
    private final DMatrixRMaj loadings;
    private final double[] psi;
    private final double logLikelihood;
    private final int iterations;
    private final boolean converged;
    private final double[] history;

    private final DMatrixRMaj beta;
    private final DMatrixRMaj posteriorCovariance;
    private final DMatrixRMaj psiInvL;
    private final double logDetCovariance;
    private final DMatrixRMaj orthonormalBasis;
    private final DMatrixRMaj orthTransform;
    private final double[] sharedVariance;

    FactorModel(double[] mean, double[] scale, DMatrixRMaj loadings, double[] psi, double logLikelihood,
            int iterations, boolean converged, double[] history) {
        this.mean = mean.clone();
        this.scale = scale.clone();
        this.loadings = loadings.copy();
        this.psi = psi.clone();
        this.logLikelihood = logLikelihood;
        this.iterations = iterations;
        this.converged = converged;
        this.history = history.clone();
        int q = loadings.numRows;
        int d = loadings.numCols;
        psiInvL = new DMatrixRMaj(q, d);
        for (int i = 0; i < q; i++) {
            for (int k = 0; k < d; k++) {
                psiInvL.unsafe_set(i, k, loadings.unsafe_get(i, k) / psi[i]);
            }
        }
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(loadings, psiInvL, m);
        for (int k = 0; k < d; k++) {
            m.unsafe_set(k, k, m.unsafe_get(k, k) + 1);
        }
        SpdFactor chol = new SpdFactor(d);
        if (!chol.factor(m)) {
            throw new IllegalStateException("factor model: I + L^T Psi^-1 L is not positive definite");
        }
        posteriorCovariance = new DMatrixRMaj(d, d);
        chol.invert(posteriorCovariance);
        double logDet = chol.logDet();
        for (double p : psi) {
            logDet += Math.log(p);
        }
        logDetCovariance = logDet;
        beta = new DMatrixRMaj(d, q);
        CommonOps_DDRM.multTransB(posteriorCovariance, psiInvL, beta);

        // L^T L = V D^2 V^T gives V, D and then U = L V D^-1 without a q x q decomposition
        DMatrixRMaj ltl = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(loadings, loadings, ltl);
        SymmetricEigen eig = SymmetricEigen.descending(ltl);
        sharedVariance = new double[d];
        orthTransform = new DMatrixRMaj(d, d);
        DMatrixRMaj lv = new DMatrixRMaj(q, d);
        CommonOps_DDRM.mult(loadings, eig.vectors(), lv);
        orthonormalBasis = new DMatrixRMaj(q, d);
        for (int k = 0; k < d; k++) {
            double var = Math.max(eig.values()[k], 0);
            sharedVariance[k] = var;
            double sv = Math.sqrt(var);
            for (int j = 0; j < d; j++) {
                // rows of D V^T
                orthTransform.unsafe_set(k, j, sv * eig.vectors().unsafe_get(j, k));
            }
            for (int i = 0; i < q; i++) {
                orthonormalBasis.unsafe_set(i, k, sv > 0 ? lv.unsafe_get(i, k) / sv : 0);
            }
        }
    }

    /** Number of factors d. */
    public int dims() {
        return loadings.numCols;
    }

    /** Number of units q. */
    public int units() {
        return loadings.numRows;
    }

    /** Mean of each unit's counts mu_u (raw units). */
    public double[] mean() {
        return mean.clone();
    }

    /** The diagonal of Sigma_u: 1/std of each unit when z-scored, else all ones. */
    public double[] scale() {
        return scale.clone();
    }

    public boolean zScored() {
        for (double s : scale) {
            if (s != 1.0) {
                return true;
            }
        }
        return false;
    }

    /** Loadings L (q x d). */
    public DMatrixRMaj loadings() {
        return loadings.copy();
    }

    /** Private (unit-specific) variances, the diagonal of Psi. */
    public double[] privateVariances() {
        return psi.clone();
    }

    /** Mean log-likelihood per sample of the fitting data at the fitted parameters. */
    public double logLikelihoodPerSample() {
        return logLikelihood;
    }

    /**
     * Number of EM updates computed. With SQUAREM this counts every evaluation of the EM map,
     * including the step after each extrapolation and those of cycles that fell back.
     */
    public int iterations() {
        return iterations;
    }

    /** True when the tolerance was reached before the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /**
     * The log-likelihood per sample at the start and at every point the fit moved to (each plain
     * EM update; with SQUAREM also each accepted extrapolation cycle), never decreasing.
     */
    public double[] logLikelihoodHistory() {
        return history.clone();
    }

    /** {@code beta = L^T (L L^T + Psi)^-1} (d x q): maps model units x to E[z|x]. */
    public DMatrixRMaj beta() {
        return beta.copy();
    }

    /** {@code Cov[z|u] = (I + L^T Psi^-1 L)^-1 = I - beta L} (d x d), the same for every sample. */
    public DMatrixRMaj posteriorCovariance() {
        return posteriorCovariance.copy();
    }

    /** The model covariance {@code L L^T + Psi} (q x q) of the model's units. */
    public DMatrixRMaj covariance() {
        int q = units();
        DMatrixRMaj c = new DMatrixRMaj(q, q);
        CommonOps_DDRM.multTransB(loadings, loadings, c);
        for (int i = 0; i < q; i++) {
            c.unsafe_set(i, i, c.unsafe_get(i, i) + psi[i]);
        }
        return c;
    }

    /** ln det(L L^T + Psi), from the determinant lemma. */
    public double logDetCovariance() {
        return logDetCovariance;
    }

    /** Shared variance along each orthonormalised dimension: the eigenvalues of L L^T, descending. */
    public double[] sharedVariance() {
        return sharedVariance.clone();
    }

    /** Cumulative fraction of shared variance explained by the first 1..d orthonormal dimensions. */
    public double[] sharedVarianceExplained() {
        double total = 0;
        for (double v : sharedVariance) {
            total += v;
        }
        double[] out = new double[sharedVariance.length];
        double run = 0;
        for (int k = 0; k < out.length; k++) {
            run += sharedVariance[k];
            out[k] = total > 0 ? run / total : 0;
        }
        return out;
    }

    /** The smallest number of orthonormal dimensions explaining at least {@code fraction} of shared variance. */
    public int dimsForSharedVariance(double fraction) {
        double[] cum = sharedVarianceExplained();
        for (int k = 0; k < cum.length; k++) {
            if (cum[k] >= fraction - 1e-12) {
                return k + 1;
            }
        }
        return cum.length;
    }

    /** Per unit, the fraction of its variance that is shared: {@code (L L^T)_ii / ((L L^T)_ii + psi_i)}. */
    public double[] unitSharedFraction() {
        double[] out = new double[units()];
        for (int i = 0; i < out.length; i++) {
            double shared = 0;
            for (int k = 0; k < dims(); k++) {
                shared += loadings.unsafe_get(i, k) * loadings.unsafe_get(i, k);
            }
            out[i] = shared / (shared + psi[i]);
        }
        return out;
    }

    /** U of {@code L = U D V^T} (q x d): an orthonormal basis of the manifold, by shared variance. */
    public DMatrixRMaj orthonormalBasis() {
        return orthonormalBasis.copy();
    }

    /** {@code D V^T} (d x d): maps factors z to orthonormalised factors. */
    public DMatrixRMaj orthonormalisingTransform() {
        return orthTransform.copy();
    }

    /** E[z|u] for each row of {@code samples} (n x q raw counts): a new n x d matrix. */
    public DMatrixRMaj posteriorMean(DMatrixRMaj samples) {
        DMatrixRMaj x = toModelUnits(samples);
        DMatrixRMaj z = new DMatrixRMaj(x.numRows, dims());
        CommonOps_DDRM.multTransB(x, beta, z);
        return z;
    }

    /** Orthonormalised factors {@code D V^T E[z|u]} per row of {@code samples}: n x d. */
    public DMatrixRMaj orthonormalisedLatents(DMatrixRMaj samples) {
        DMatrixRMaj z = posteriorMean(samples);
        DMatrixRMaj out = new DMatrixRMaj(z.numRows, dims());
        CommonOps_DDRM.multTransB(z, orthTransform, out);
        return out;
    }

    /**
     * Mean log-likelihood per sample of {@code samples} (n x q raw counts) under this model, in
     * the model's units; O(n q d) through the Woodbury identity.
     */
    public double logLikelihood(DMatrixRMaj samples) {
        DMatrixRMaj x = toModelUnits(samples);
        int n = x.numRows;
        int q = units();
        int d = dims();
        DMatrixRMaj w = new DMatrixRMaj(n, d);
        CommonOps_DDRM.mult(x, psiInvL, w); // rows: L^T Psi^-1 x
        DMatrixRMaj bx = new DMatrixRMaj(n, d);
        CommonOps_DDRM.multTransB(x, beta, bx); // rows: beta x = M^-1 L^T Psi^-1 x
        double quad = 0;
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < q; i++) {
                double v = x.unsafe_get(t, i);
                quad += v * v / psi[i];
            }
            for (int k = 0; k < d; k++) {
                quad -= w.unsafe_get(t, k) * bx.unsafe_get(t, k);
            }
        }
        return -0.5 * (q * Math.log(2 * Math.PI) + logDetCovariance + quad / n);
    }

    /**
     * Mean log-likelihood per sample of data summarised by {@code data} (its mean and covariance),
     * under this model in the model's units: the held-out likelihood of cross-validation without
     * reading the samples again. With C the data's second moment about this model's mean, scaled
     * to model units, it is {@code -1/2 [q ln 2 pi + ln|Sigma| + tr(Sigma^-1 C)]}, the trace by the
     * Woodbury identity in O(q^2 d).
     */
    public double logLikelihood(SampleMoments data) {
        int q = units();
        int d = dims();
        if (data.units() != q) {
            throw new InvalidInputException("data: expected " + q + " units (columns) as the model, got "
                    + data.units());
        }
        DMatrixRMaj c = data.secondMomentAbout(mean);
        for (int i = 0; i < q; i++) {
            for (int j = 0; j < q; j++) {
                c.data[i * q + j] *= scale[i] * scale[j];
            }
        }
        DMatrixRMaj ca = new DMatrixRMaj(q, d);
        CommonOps_DDRM.mult(c, psiInvL, ca);
        DMatrixRMaj g = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransA(psiInvL, ca, g);
        double trace = 0;
        for (int i = 0; i < q; i++) {
            trace += c.unsafe_get(i, i) / psi[i];
        }
        for (int k = 0; k < d * d; k++) {
            trace -= posteriorCovariance.data[k] * g.data[k]; // tr(M^-1 G), both symmetric
        }
        return -0.5 * (q * Math.log(2 * Math.PI) + logDetCovariance + trace);
    }

    private DMatrixRMaj toModelUnits(DMatrixRMaj samples) {
        int q = units();
        if (samples.numCols != q) {
            throw new InvalidInputException("data: expected " + q + " units (columns) as the model, got "
                    + samples.numCols);
        }
        DMatrixRMaj x = new DMatrixRMaj(samples.numRows, q);
        for (int t = 0; t < samples.numRows; t++) {
            for (int i = 0; i < q; i++) {
                double v = samples.unsafe_get(t, i);
                if (!Double.isFinite(v)) {
                    throw new InvalidInputException("data[" + t + "][" + i + "]: expected a finite value, found " + v);
                }
                x.unsafe_set(t, i, (v - mean[i]) * scale[i]);
            }
        }
        return x;
    }
}
