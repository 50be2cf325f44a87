package org.bcikit.rnn.dale;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Log-normal weight initialisation for multiplicative learning (Cornford et al. 2024, "Brain-like
 * learning with exponentiated gradients"): magnitudes {@code |w|} are log-normal with standard
 * deviation {@code gain / sqrt(fan_out)} and mean {@code meanToStd} times that (1.5 published),
 * signs random (or fixed per column, for Dale's law). The fan-out of a source unit is the number of
 * rows (targets) of the matrix.
 */
public final class LogNormalInitialisation {

    /** The published ratio of the magnitudes' mean to their standard deviation. */
    public static final double PUBLISHED_MEAN_TO_STD = 1.5;

    private final double gain;
    private final double meanToStd;

    /** Magnitudes with std {@code gain / sqrt(fan_out)} and mean {@code meanToStd} times that. */
    public LogNormalInitialisation(double gain, double meanToStd) {
        if (!(gain > 0) || !(meanToStd > 0)) {
            throw new IllegalArgumentException("log-normal init: gain and mean/std ratio must be positive, got "
                    + gain + ", " + meanToStd);
        }
        this.gain = gain;
        this.meanToStd = meanToStd;
    }

    /** The published setting: mean/std ratio 1.5. */
    public static LogNormalInitialisation published(double gain) {
        return new LogNormalInitialisation(gain, PUBLISHED_MEAN_TO_STD);
    }

    /** {@code sigma} of {@code ln|w|} for this configuration (independent of the fan-out). */
    public double logSigma() {
        return Math.sqrt(Math.log1p(1.0 / (meanToStd * meanToStd)));
    }

    /** {@code mu} of {@code ln|w|} for a matrix with {@code fanOut} rows. */
    public double logMu(int fanOut) {
        double std = gain / Math.sqrt(fanOut);
        double mean = meanToStd * std;
        double s = logSigma();
        return Math.log(mean) - 0.5 * s * s;
    }

    /** Non-negative magnitudes only (for W+ of ColEI or the parts of a DANN). */
    public DMatrixRMaj magnitudes(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj w = new DMatrixRMaj(rows, cols);
        double mu = logMu(rows);
        double sigma = logSigma();
        for (int k = 0; k < w.data.length; k++) {
            w.data[k] = Math.exp(mu + sigma * rng.nextGaussian());
        }
        return w;
    }

    /** Log-normal magnitudes with independent random signs (+ or - with probability 1/2). */
    public DMatrixRMaj sample(int rows, int cols, SplittableRandom rng) {
        DMatrixRMaj w = magnitudes(rows, cols, rng);
        for (int k = 0; k < w.data.length; k++) {
            if (rng.nextBoolean()) {
                w.data[k] = -w.data[k];
            }
        }
        return w;
    }

    /**
     * Log-normal magnitudes with Dale's-law signs: the first {@code excitatory} columns positive,
     * the rest negative.
     */
    public DMatrixRMaj sampleDale(int rows, int cols, int excitatory, SplittableRandom rng) {
        DMatrixRMaj w = magnitudes(rows, cols, rng);
        for (int i = 0; i < rows; i++) {
            for (int j = excitatory; j < cols; j++) {
                w.unsafe_set(i, j, -w.unsafe_get(i, j));
            }
        }
        return w;
    }
}
