package org.bcikit.rnn.learning;

import java.util.Arrays;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.ejml.data.DMatrixRMaj;

/**
 * How Gaussian the change of weights is in the dual coordinates of a potential (Pogodin et al. ICLR
 * 2024, "Synaptic weight distributions depend on the geometry of plasticity"): the change
 * {@code d = grad phi(w_final) - grad phi(w_init)} is standardised (mean 0, sample std 1) and scored
 * by the L1 distance between its empirical CDF and the standard normal CDF Phi on [-5, 5],
 * {@code integral |F_n(x) - Phi(x)| dx}, computed exactly piece by piece. 0 is perfectly Gaussian;
 * a smaller score for one potential than for another says the weights moved in that geometry.
 * Weights whose dual coordinate is not finite (0 under negative entropy) are skipped.
 */
public final class GaussianityScore {

    /** Half-width of the integration window, in standard deviations. */
    public static final double WINDOW = 5.0;

    private static final NormalDistribution STANDARD = new NormalDistribution(null, 0.0, 1.0);

    private GaussianityScore() {
    }

    /** The score of the dual-space change from {@code before} to {@code after} under {@code potential}. */
    public static double of(DMatrixRMaj before, DMatrixRMaj after, MirrorDescent.Potential potential) {
        if (before.getNumElements() != after.getNumElements()) {
            throw new IllegalArgumentException("Gaussianity score: before has " + before.getNumElements()
                    + " weights, after has " + after.getNumElements());
        }
        double[] d = new double[before.getNumElements()];
        int n = 0;
        for (int k = 0; k < d.length; k++) {
            double change = potential.dual(after.data[k]) - potential.dual(before.data[k]);
            if (Double.isFinite(change)) {
                d[n++] = change;
            }
        }
        return ofSample(Arrays.copyOf(d, n));
    }

    /** The score of a sample: standardised, then L1 distance of its ECDF from Phi on [-5, 5]. */
    public static double ofSample(double[] sample) {
        int n = sample.length;
        if (n < 2) {
            throw new IllegalArgumentException("Gaussianity score: need at least 2 values, got " + n);
        }
        double mean = 0.0;
        for (double v : sample) {
            mean += v;
        }
        mean /= n;
        double ss = 0.0;
        for (double v : sample) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (n - 1));
        if (!(sd > 0)) {
            throw new IllegalArgumentException("Gaussianity score: all changes are equal, nothing to score");
        }
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = (sample[i] - mean) / sd;
        }
        Arrays.sort(z);
        double total = 0.0;
        double a = -WINDOW;
        int below = 0;
        while (below < n && z[below] <= a) {
            below++;
        }
        for (int i = below; i <= n && a < WINDOW; i++) {
            double b = i < n ? Math.min(z[i], WINDOW) : WINDOW;
            if (b > a) {
                total += absDifferenceIntegral((double) i / n, a, b);
                a = b;
            }
        }
        return total;
    }

    /** Integral over [a, b] of |c - Phi(x)|, exactly, splitting where Phi crosses c. */
    private static double absDifferenceIntegral(double c, double a, double b) {
        double fa = STANDARD.cumulativeProbability(a);
        double fb = STANDARD.cumulativeProbability(b);
        if (c <= fa) {
            return phiIntegral(a, b) - c * (b - a);
        }
        if (c >= fb) {
            return c * (b - a) - phiIntegral(a, b);
        }
        double x = STANDARD.inverseCumulativeProbability(c);
        x = Math.max(a, Math.min(b, x));
        return (c * (x - a) - phiIntegral(a, x)) + (phiIntegral(x, b) - c * (b - x));
    }

    /** Integral of Phi over [a, b], using the antiderivative x Phi(x) + phi(x). */
    private static double phiIntegral(double a, double b) {
        return antiderivative(b) - antiderivative(a);
    }

    private static double antiderivative(double x) {
        return x * STANDARD.cumulativeProbability(x) + STANDARD.density(x);
    }
}
