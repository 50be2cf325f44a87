package org.bcikit.data.synthetic;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.bcikit.data.Recording;
import org.bcikit.data.random.GaussianFill;
import org.ejml.data.DMatrixRMaj;

/**
 * A session drawn from a {@link SyntheticPopulation}: the recording (centre-out trials with
 * targets, condition ids, cursor position and intended velocity per bin) plus the subject's
 * ground truth, and the subject itself as a sampler of counts for any intended velocity
 * ({@link #sampleCounts}), so decoders can be run in closed loop against a known brain.
 *
 * <p>Ground truth moments ({@link #meanCounts()}, {@link #countCovariance()}) are exact
 * expectations over the latent and Poisson noise, averaged over the session's bins (its
 * intended velocities), so the sample moments of the recording converge to them. They are exact
 * for EXPONENTIAL rates; for RECTIFIED_LINEAR they ignore the rectification (rare at the default
 * modulation), and then the counts follow the factor-analysis model
 * {@code Cov(u) = L Cz L^T + diag(E u)} exactly, with L = {@link #loadings()} and
 * Cz = {@link #latentCovariance()}.
 *
 * <p>Immutable; matrices are returned as copies. {@link #sampleCounts} is safe to call from
 * several threads with separate random sources.
 */
public final class SyntheticSession {

    /** Evaluated only, never sampled, so it needs no random generator and holds no mutable state. */
    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    private final SyntheticPopulation config;
    private final Recording recording;
    private final double[] baseline;     // b, Hz
    private final DMatrixRMaj normalized; // a, q x d
    private final DMatrixRMaj tuning;     // T, d x 2
    private final SyntheticMoments moments;

    private SyntheticSession(SyntheticPopulation config, Recording recording, double[] baseline,
                             DMatrixRMaj normalized, DMatrixRMaj tuning) {
        this.config = config;
        this.recording = recording;
        this.baseline = baseline;
        this.normalized = normalized;
        this.tuning = tuning;
        this.moments = recording == null ? null : new SyntheticMoments(this);
    }

    static SyntheticSession generate(SyntheticPopulation c) {
        SplittableRandom root = new SplittableRandom(c.seed());
        SplittableRandom subjectRng = root.split();
        SplittableRandom trialRng = root.split();
        int q = c.units();
        int d = c.factors();
        double[] b = new double[q];
        DMatrixRMaj a = new DMatrixRMaj(q, d);
        DMatrixRMaj t = new DMatrixRMaj(d, 2);
        for (int i = 0; i < q; i++) {
            b[i] = c.baselineRate() * Math.exp(0.4 * subjectRng.nextGaussian());
        }
        double scale = c.modulation() / Math.sqrt(d);
        GaussianFill.fill(a.data, scale, subjectRng);
        for (int j = 0; j < d; j++) {
            double phi = 2 * Math.PI * subjectRng.nextDouble();
            t.set(j, 0, Math.cos(phi) / c.peakSpeed());
            t.set(j, 1, Math.sin(phi) / c.peakSpeed());
        }
        SyntheticSession subject = new SyntheticSession(c, null, b, a, t);
        Recording rec = SyntheticTrials.draw(c, subject, trialRng);
        return new SyntheticSession(c, rec, b, a, t);
    }

    public SyntheticPopulation config() {
        return config;
    }

    /** The simulated recording. */
    public Recording recording() {
        return recording;
    }

    /** Baseline rates b in Hz (q). */
    public double[] baselineRates() {
        return baseline.clone();
    }

    /** The tuning matrix T (d x 2): the latent mean is {@code T v} for intended velocity v. */
    public DMatrixRMaj tuning() {
        return tuning.copy();
    }

    /** Normalised loadings a (q x d): rates are {@code b exp(a z)} or {@code b (1 + a z)}. */
    public DMatrixRMaj normalizedLoadings() {
        return normalized.copy();
    }

    /**
     * Loadings on the count scale (q x d): {@code binWidth b_i a_ij}, the change of the expected
     * count per unit change of factor j (exact for RECTIFIED_LINEAR, the slope at z = 0 for
     * EXPONENTIAL). Their column space is the true intrinsic manifold.
     */
    public DMatrixRMaj loadings() {
        DMatrixRMaj l = normalized.copy();
        for (int i = 0; i < l.numRows; i++) {
            for (int j = 0; j < l.numCols; j++) {
                l.unsafe_set(i, j, config.binWidth() * baseline[i] * l.unsafe_get(i, j));
            }
        }
        return l;
    }

    /** Covariance of the latent factors over the session's bins: {@code Cov_t(T v_t) + noise^2 I} (d x d). */
    public DMatrixRMaj latentCovariance() {
        return moments.latentCovariance();
    }

    /** Expected count per bin of each unit over the session (q). */
    public double[] meanCounts() {
        return moments.mean();
    }

    /** Mean firing rate of each unit over the session in Hz: {@link #meanCounts()} / binWidth (q). */
    public double[] meanRates() {
        double[] m = moments.mean();
        for (int i = 0; i < m.length; i++) {
            m[i] /= config.binWidth();
        }
        return m;
    }

    /** Covariance of the counts over the session's bins (q x q): {@code sharedCovariance + diag(privateVariances)}. */
    public DMatrixRMaj countCovariance() {
        return moments.covariance();
    }

    /** The rate-driven part of the count covariance: {@code Cov(lambda binWidth)} (q x q). */
    public DMatrixRMaj sharedCovariance() {
        return moments.shared();
    }

    /** Private (Poisson) variances of the implied FA model: equal to the mean counts (q). */
    public double[] privateVariances() {
        return moments.mean();
    }

    /**
     * Draws one bin of counts for intended velocity (vx, vy) into {@code out} (length q), using
     * {@code rng} for the latent and Poisson noise. Allocates a d-vector; see the overload with
     * a scratch array for hot loops.
     */
    public void sampleCounts(double vx, double vy, RandomGenerator rng, double[] out) {
        sampleCounts(vx, vy, rng, out, new double[config.factors()]);
    }

    /**
     * As {@link #sampleCounts(double, double, RandomGenerator, double[])}, allocating nothing:
     * {@code latent} (length d) receives the drawn factors z.
     */
    public void sampleCounts(double vx, double vy, RandomGenerator rng, double[] out, double[] latent) {
        int d = config.factors();
        double noise = config.latentNoise();
        for (int j = 0; j < d; j++) {
            latent[j] = tuning.unsafe_get(j, 0) * vx + tuning.unsafe_get(j, 1) * vy + noise * rng.nextGaussian();
        }
        for (int i = 0; i < baseline.length; i++) {
            double az = 0;
            for (int j = 0; j < d; j++) {
                az += normalized.unsafe_get(i, j) * latent[j];
            }
            double rate = config.rateModel() == SyntheticPopulation.RateModel.EXPONENTIAL
                    ? baseline[i] * Math.exp(az) : baseline[i] * Math.max(0, 1 + az);
            out[i] = PoissonSampler.sample(rate * config.binWidth(), rng);
        }
    }

    /**
     * The expected counts for intended velocity (vx, vy), integrating over the latent noise
     * (exactly, including the rectification), into {@code out} (length q).
     */
    public void expectedCounts(double vx, double vy, double[] out) {
        int d = config.factors();
        double var = config.latentNoise() * config.latentNoise();
        for (int i = 0; i < baseline.length; i++) {
            double m = 0;
            double s2 = 0;
            for (int j = 0; j < d; j++) {
                double aij = normalized.unsafe_get(i, j);
                m += aij * (tuning.unsafe_get(j, 0) * vx + tuning.unsafe_get(j, 1) * vy);
                s2 += aij * aij * var;
            }
            double gain = config.rateModel() == SyntheticPopulation.RateModel.EXPONENTIAL
                    ? Math.exp(m + s2 / 2) : expectedRectified(1 + m, Math.sqrt(s2));
            out[i] = config.binWidth() * baseline[i] * gain;
        }
    }

    /** E[max(0, x)] for x ~ N(mu, s^2). */
    static double expectedRectified(double mu, double s) {
        if (s == 0) {
            return Math.max(0, mu);
        }
        double z = mu / s;
        return mu * STANDARD_NORMAL.cumulativeProbability(z) + s * STANDARD_NORMAL.density(z);
    }
}
