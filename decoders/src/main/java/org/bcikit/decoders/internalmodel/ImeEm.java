package org.bcikit.decoders.internalmodel;

import java.util.Arrays;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * The E- and M-steps of IME on one {@link WhiskerSet} (science.md §7; Golub, Yu &amp; Chase 2015).
 * State of whisker t: {@code x = [p̃_{-TAU}; ṽ_{-TAU}; ...; p̃_0; ṽ_0]}, D = 4 (TAU+1) numbers, state
 * i (= k + TAU) at offset 4 i (position) and 4 i + 2 (velocity). All whiskers share one prior
 * covariance; the posterior given the target differs per whisker only through α_t, so the sums of
 * posterior covariances the M-step needs are {@code N Σ - Σ_t G_t K_tᵀ} (G_t = K_t S_t⁻¹), accumulated
 * during the E-step without storing a D x D matrix per whisker. Every work array is allocated once.
 */
final class ImeEm {

    private static final double LOG_2PI = Math.log(2 * Math.PI);

    final WhiskerSet w;
    private final int q;
    private final int states;
    private final int dim;
    /** Offsets of p̃_0 and ṽ_0 (the last state) in x. */
    private final int pLast;
    private final int vLast;

    // parameters
    final DMatrixRMaj a = new DMatrixRMaj(2, 2);
    final DMatrixRMaj b;
    final double[] b0 = new double[2];
    final double[] wv = new double[2];
    double r;
    final double[] alpha;

    // work
    private final DMatrixRMaj bu;
    private final double[] sigma;
    private final double[] mu;
    private final double[] mean;
    private final double[] k;
    private final double[] g;
    private final double[] gkSum;
    /** Per whisker: posterior E[p̃_0], E[ṽ_0] (4) and tr Cov(p̃_0), tr Cov(p̃_0, ṽ_0), tr Cov(ṽ_0) (3). */
    private final double[] lastMean;
    private final double[] lastTrace;
    final double[] whiskerLogLikelihood;

    // sufficient statistics of the dynamics regression z_j on a_j = [z_{j-1}; u; 1]
    private final int na;
    private final double[] sza;
    private final double[] zz = new double[4];
    private final double[] zu;
    private final double[] z1 = new double[2];
    private final double[] szz = new double[2];
    /** Σ u uᵀ, Σ u and the number of pairs: constant over iterations. */
    private final double[] uu;
    private final double[] u1;
    private final DMatrixRMaj saa;
    private final DMatrixRMaj saz;
    private final DMatrixRMaj solution;
    private final DMatrixRMaj saaWork;
    private final double[] f = new double[16];
    private final double[] blk = new double[16];
    private final double[] tmp = new double[16];

    ImeEm(WhiskerSet w) {
        this.w = w;
        this.q = w.units;
        this.states = w.tau + 1;
        this.dim = 4 * states;
        this.pLast = dim - 4;
        this.vLast = dim - 2;
        this.b = new DMatrixRMaj(2, q);
        this.alpha = new double[w.n];
        this.bu = new DMatrixRMaj(w.spikes.numRows, 2);
        this.sigma = new double[dim * dim];
        this.mu = new double[dim];
        this.mean = new double[dim];
        this.k = new double[dim * 2];
        this.g = new double[dim * 2];
        this.gkSum = new double[dim * dim];
        this.lastMean = new double[4 * w.n];
        this.lastTrace = new double[3 * w.n];
        this.whiskerLogLikelihood = new double[w.n];
        this.na = q + 3;
        this.sza = new double[2 * na];
        this.zu = new double[2 * q];
        this.uu = new double[q * q];
        this.u1 = new double[q];
        this.saa = new DMatrixRMaj(na, na);
        this.saz = new DMatrixRMaj(na, 2);
        this.solution = new DMatrixRMaj(na, 2);
        this.saaWork = new DMatrixRMaj(na, na);
        double[] s = w.spikes.data;
        for (int i = 0; i < w.n; i++) {
            for (int j = 0; j < states; j++) {
                int row = (w.firstSpikeRow[i] + j) * q;
                for (int x = 0; x < q; x++) {
                    double ux = s[row + x];
                    u1[x] += ux;
                    for (int y = 0; y < q; y++) {
                        uu[x * q + y] += ux * s[row + y];
                    }
                }
            }
        }
    }

    /** Sets the dynamics parameters (copied). */
    void setDynamics(DMatrixRMaj a, DMatrixRMaj b, double[] b0, double[] wv) {
        this.a.setTo(a);
        this.b.setTo(b);
        System.arraycopy(b0, 0, this.b0, 0, 2);
        System.arraycopy(wv, 0, this.wv, 0, 2);
    }

    /** B u for every stacked bin, and the prior covariance; call after the dynamics change. */
    private void prepare() {
        CommonOps_DDRM.multTransB(w.spikes, b, bu);
        priorCovariance();
    }

    /** The prior mean of whisker {@code i} into {@code out} (length D); needs {@link #prepare}. */
    private void priorMean(int i, double[] out) {
        double[] ad = a.data;
        double px = w.feedbackPosition[2 * i];
        double py = w.feedbackPosition[2 * i + 1];
        double vx = w.feedbackVelocity[2 * i];
        double vy = w.feedbackVelocity[2 * i + 1];
        int row = w.firstSpikeRow[i];
        for (int j = 0; j < states; j++) {
            if (j > 0) {
                // p̃ integrates the previous internal velocity (dt = 1, no position noise)
                px += vx;
                py += vy;
            }
            double nx = ad[0] * vx + ad[1] * vy + bu.data[2 * (row + j)] + b0[0];
            double ny = ad[2] * vx + ad[3] * vy + bu.data[2 * (row + j) + 1] + b0[1];
            vx = nx;
            vy = ny;
            out[4 * j] = px;
            out[4 * j + 1] = py;
            out[4 * j + 2] = vx;
            out[4 * j + 3] = vy;
        }
    }

    /** Prior means of all whiskers, whisker-major (n x D), for predictions. */
    double[] priorMeans() {
        prepare();
        double[] out = new double[w.n * dim];
        for (int i = 0; i < w.n; i++) {
            priorMean(i, mu);
            System.arraycopy(mu, 0, out, i * dim, dim);
        }
        return out;
    }

    /**
     * Σ_{-TAU} = blkdiag(0, diag W_v), Σ_k = F Σ_{k-1} Fᵀ + blkdiag(0, diag W_v),
     * Cov(x_i, x_j) = Cov(x_i, x_{j-1}) Fᵀ for j > i, F = [[I, I], [0, A]].
     */
    private void priorCovariance() {
        Arrays.fill(sigma, 0);
        sigma[2 * dim + 2] = wv[0];
        sigma[3 * dim + 3] = wv[1];
        double[] f = this.f;
        f[0] = 1;
        f[2] = 1;
        f[5] = 1;
        f[7] = 1;
        f[10] = a.data[0];
        f[11] = a.data[1];
        f[14] = a.data[2];
        f[15] = a.data[3];
        double[] blk = this.blk;
        double[] tmp = this.tmp;
        for (int s = 1; s < states; s++) {
            getBlock(s - 1, s - 1, blk);
            mul(f, blk, tmp);
            mulTransB(tmp, f, blk);
            blk[10] += wv[0];
            blk[15] += wv[1];
            setBlock(s, s, blk);
        }
        for (int s1 = 0; s1 < states; s1++) {
            for (int s2 = s1 + 1; s2 < states; s2++) {
                getBlock(s1, s2 - 1, tmp);
                mulTransB(tmp, f, blk);
                setBlock(s1, s2, blk);
                for (int x = 0; x < 4; x++) {
                    for (int y = 0; y < 4; y++) {
                        sigma[(4 * s2 + y) * dim + 4 * s1 + x] = blk[4 * x + y];
                    }
                }
            }
        }
    }

    private void getBlock(int s1, int s2, double[] out) {
        for (int x = 0; x < 4; x++) {
            System.arraycopy(sigma, (4 * s1 + x) * dim + 4 * s2, out, 4 * x, 4);
        }
    }

    private void setBlock(int s1, int s2, double[] in) {
        for (int x = 0; x < 4; x++) {
            System.arraycopy(in, 4 * x, sigma, (4 * s1 + x) * dim + 4 * s2, 4);
        }
    }

    private static void mul(double[] x, double[] y, double[] out) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int l = 0; l < 4; l++) {
                    s += x[4 * i + l] * y[4 * l + j];
                }
                out[4 * i + j] = s;
            }
        }
    }

    private static void mulTransB(double[] x, double[] y, double[] out) {
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double s = 0;
                for (int l = 0; l < 4; l++) {
                    s += x[4 * i + l] * y[4 * j + l];
                }
                out[4 * i + j] = s;
            }
        }
    }

    /**
     * α and R from the prior alone (the posterior replaced by the prior), as the initialisation
     * does before the first E-step.
     */
    void observationStepFromPrior() {
        prepare();
        double trPP = sigma[pLast * dim + pLast] + sigma[(pLast + 1) * dim + pLast + 1];
        double trPV = sigma[pLast * dim + vLast] + sigma[(pLast + 1) * dim + vLast + 1];
        double trVV = sigma[vLast * dim + vLast] + sigma[(vLast + 1) * dim + vLast + 1];
        for (int i = 0; i < w.n; i++) {
            priorMean(i, mu);
            System.arraycopy(mu, pLast, lastMean, 4 * i, 4);
            lastTrace[3 * i] = trPP;
            lastTrace[3 * i + 1] = trPV;
            lastTrace[3 * i + 2] = trVV;
        }
        observationStep();
    }

    /**
     * The E-step: posterior of every whisker's chain given its target, the log-likelihood
     * {@code Σ_t ln N(g_t; H_t μ_t, S_t)} (returned; per whisker in {@link #whiskerLogLikelihood}),
     * and the sufficient statistics of both M-steps.
     */
    double eStep() {
        prepare();
        Arrays.fill(gkSum, 0);
        Arrays.fill(sza, 0);
        Arrays.fill(zz, 0);
        Arrays.fill(zu, 0);
        Arrays.fill(z1, 0);
        Arrays.fill(szz, 0);
        double ll = 0;
        double[] s = w.spikes.data;
        for (int i = 0; i < w.n; i++) {
            double al = alpha[i];
            priorMean(i, mu);
            // K = Σ Hᵀ: the covariance of the chain with p̃_0 + α ṽ_0
            for (int x = 0; x < dim; x++) {
                k[2 * x] = sigma[x * dim + pLast] + al * sigma[x * dim + vLast];
                k[2 * x + 1] = sigma[x * dim + pLast + 1] + al * sigma[x * dim + vLast + 1];
            }
            double s00 = k[2 * pLast] + al * k[2 * vLast] + r;
            double s01 = k[2 * pLast + 1] + al * k[2 * vLast + 1];
            double s10 = k[2 * (pLast + 1)] + al * k[2 * (vLast + 1)];
            double s11 = k[2 * (pLast + 1) + 1] + al * k[2 * (vLast + 1) + 1] + r;
            double det = s00 * s11 - s01 * s10;
            double i00 = s11 / det;
            double i01 = -s01 / det;
            double i10 = -s10 / det;
            double i11 = s00 / det;
            double d0 = w.target[2 * i] - mu[pLast] - al * mu[vLast];
            double d1 = w.target[2 * i + 1] - mu[pLast + 1] - al * mu[vLast + 1];
            double quad = d0 * (i00 * d0 + i01 * d1) + d1 * (i10 * d0 + i11 * d1);
            double li = -0.5 * (2 * LOG_2PI + Math.log(det) + quad);
            whiskerLogLikelihood[i] = li;
            ll += li;
            for (int x = 0; x < dim; x++) {
                double k0 = k[2 * x];
                double k1 = k[2 * x + 1];
                g[2 * x] = k0 * i00 + k1 * i10;
                g[2 * x + 1] = k0 * i01 + k1 * i11;
                mean[x] = mu[x] + g[2 * x] * d0 + g[2 * x + 1] * d1;
            }
            // the M-step needs the velocity blocks only (positions are integrated, not regressed)
            for (int x = 2; x < dim; x += (x & 1) == 0 ? 1 : 3) {
                double g0 = g[2 * x];
                double g1 = g[2 * x + 1];
                int row = x * dim;
                for (int y = 2; y < dim; y += (y & 1) == 0 ? 1 : 3) {
                    gkSum[row + y] += g0 * k[2 * y] + g1 * k[2 * y + 1];
                }
            }
            System.arraycopy(mean, pLast, lastMean, 4 * i, 4);
            lastTrace[3 * i] = sigma[pLast * dim + pLast] + sigma[(pLast + 1) * dim + pLast + 1]
                    - g[2 * pLast] * k[2 * pLast] - g[2 * pLast + 1] * k[2 * pLast + 1]
                    - g[2 * (pLast + 1)] * k[2 * (pLast + 1)] - g[2 * (pLast + 1) + 1] * k[2 * (pLast + 1) + 1];
            lastTrace[3 * i + 1] = sigma[pLast * dim + vLast] + sigma[(pLast + 1) * dim + vLast + 1]
                    - g[2 * pLast] * k[2 * vLast] - g[2 * pLast + 1] * k[2 * vLast + 1]
                    - g[2 * (pLast + 1)] * k[2 * (vLast + 1)] - g[2 * (pLast + 1) + 1] * k[2 * (vLast + 1) + 1];
            lastTrace[3 * i + 2] = sigma[vLast * dim + vLast] + sigma[(vLast + 1) * dim + vLast + 1]
                    - g[2 * vLast] * k[2 * vLast] - g[2 * vLast + 1] * k[2 * vLast + 1]
                    - g[2 * (vLast + 1)] * k[2 * (vLast + 1)] - g[2 * (vLast + 1) + 1] * k[2 * (vLast + 1) + 1];
            // dynamics statistics from the posterior means; z_0 = v is observed
            double px = w.feedbackVelocity[2 * i];
            double py = w.feedbackVelocity[2 * i + 1];
            for (int j = 0; j < states; j++) {
                double zx = mean[4 * j + 2];
                double zy = mean[4 * j + 3];
                int row = (w.firstSpikeRow[i] + j) * q;
                sza[0] += zx * px;
                sza[1] += zx * py;
                sza[na] += zy * px;
                sza[na + 1] += zy * py;
                zz[0] += px * px;
                zz[1] += px * py;
                zz[3] += py * py;
                for (int x = 0; x < q; x++) {
                    double ux = s[row + x];
                    sza[2 + x] += zx * ux;
                    sza[na + 2 + x] += zy * ux;
                    zu[x] += px * ux;
                    zu[q + x] += py * ux;
                }
                sza[na - 1] += zx;
                sza[2 * na - 1] += zy;
                z1[0] += px;
                z1[1] += py;
                szz[0] += zx * zx;
                szz[1] += zy * zy;
                px = zx;
                py = zy;
            }
        }
        zz[2] = zz[1];
        // add the summed posterior covariances: N Σ - Σ_t G_t K_tᵀ, velocity blocks only
        int n = w.n;
        for (int j = 0; j < states; j++) {
            int vj = 4 * j + 2;
            szz[0] += n * sigma[vj * dim + vj] - gkSum[vj * dim + vj];
            szz[1] += n * sigma[(vj + 1) * dim + vj + 1] - gkSum[(vj + 1) * dim + vj + 1];
            if (j > 0) {
                int vp = vj - 4;
                for (int x = 0; x < 2; x++) {
                    for (int y = 0; y < 2; y++) {
                        sza[x * na + y] += n * sigma[(vj + x) * dim + vp + y] - gkSum[(vj + x) * dim + vp + y];
                        zz[2 * x + y] += n * sigma[(vp + x) * dim + vp + y] - gkSum[(vp + x) * dim + vp + y];
                    }
                }
            }
        }
        return ll;
    }

    /**
     * M-step for A, B, b0 and W_v: {@code [A B b0] = ΣE[z aᵀ] (ΣE[a aᵀ])⁻¹}, W_v the mean over the
     * two dimensions of the residual variance (isotropic), over N (TAU+1) pairs.
     */
    void dynamicsStep() {
        double[] m = saa.data;
        m[0] = zz[0];
        m[1] = zz[1];
        m[na] = zz[2];
        m[na + 1] = zz[3];
        for (int x = 0; x < q; x++) {
            for (int d = 0; d < 2; d++) {
                m[d * na + 2 + x] = zu[d * q + x];
                m[(2 + x) * na + d] = zu[d * q + x];
            }
            for (int y = 0; y < q; y++) {
                m[(2 + x) * na + 2 + y] = uu[x * q + y];
            }
            m[(2 + x) * na + na - 1] = u1[x];
            m[(na - 1) * na + 2 + x] = u1[x];
        }
        for (int d = 0; d < 2; d++) {
            m[d * na + na - 1] = z1[d];
            m[(na - 1) * na + d] = z1[d];
        }
        int pairs = w.n * states;
        m[na * na - 1] = pairs;
        for (int x = 0; x < na; x++) {
            saz.data[2 * x] = sza[x];
            saz.data[2 * x + 1] = sza[na + x];
        }
        // symmetric positive definite when the regressors are not collinear; LU as a fallback
        saaWork.setTo(saa);
        if (!CommonOps_DDRM.solveSPD(saaWork, saz, solution)) {
            CommonOps_DDRM.solve(saa, saz, solution);
        }
        double[] sol = solution.data;
        for (int d = 0; d < 2; d++) {
            a.data[2 * d] = sol[d];
            a.data[2 * d + 1] = sol[2 + d];
            for (int x = 0; x < q; x++) {
                b.data[d * q + x] = sol[2 * (2 + x) + d];
            }
            b0[d] = sol[2 * (na - 1) + d];
        }
        double v = 0;
        for (int d = 0; d < 2; d++) {
            double fit = 0;
            for (int x = 0; x < na; x++) {
                fit += sol[2 * x + d] * sza[d * na + x];
            }
            v += (szz[d] - fit) / pairs;
        }
        wv[0] = v / 2;
        wv[1] = v / 2;
    }

    /**
     * M-step for the observation: {@code α_t = max(0, (E[ṽ_0]ᵀ g - tr E[p̃_0 ṽ_0ᵀ]) / tr E[ṽ_0 ṽ_0ᵀ])},
     * then {@code R = (1/2N) Σ_t E||g - p̃_0 - α_t ṽ_0||²} with the new α.
     */
    void observationStep() {
        double sum = 0;
        for (int i = 0; i < w.n; i++) {
            double ep0 = lastMean[4 * i];
            double ep1 = lastMean[4 * i + 1];
            double ev0 = lastMean[4 * i + 2];
            double ev1 = lastMean[4 * i + 3];
            double g0 = w.target[2 * i];
            double g1 = w.target[2 * i + 1];
            double epp = lastTrace[3 * i] + ep0 * ep0 + ep1 * ep1;
            double epv = lastTrace[3 * i + 1] + ep0 * ev0 + ep1 * ev1;
            double evv = lastTrace[3 * i + 2] + ev0 * ev0 + ev1 * ev1;
            double egv = ev0 * g0 + ev1 * g1;
            double al = Math.max(0, (egv - epv) / evv);
            alpha[i] = al;
            sum += g0 * g0 + g1 * g1 - 2 * (g0 * (ep0 + al * ev0) + g1 * (ep1 + al * ev1)) + epp + 2 * al * epv
                    + al * al * evv;
        }
        r = sum / (2.0 * w.n);
    }
}
