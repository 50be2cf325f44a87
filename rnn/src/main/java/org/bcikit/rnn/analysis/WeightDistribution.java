package org.bcikit.rnn.analysis;

import org.apache.commons.math3.distribution.LogNormalDistribution;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.ejml.data.DMatrixRMaj;

/**
 * The distribution of a weight matrix's entries with a log-normal fit to the magnitudes: maximum
 * likelihood on {@code ln|w|} ({@code mu} = mean, {@code sigma} = root mean square deviation, the
 * 1/n MLE) and the Kolmogorov-Smirnov distance between the magnitudes and the fitted log-normal
 * (Commons Math). Exponentiated-gradient learning drives weights towards log-normal (Cornford et
 * al. 2024); the fit is how a user checks it. Exact zeros are counted but left out of the fit
 * (their logarithm is undefined). The KS p-value is only indicative, since mu and sigma are fitted to
 * the same data (Lilliefors). Immutable.
 */
public final class WeightDistribution {

    private final int count;
    private final int positive;
    private final int negative;
    private final int zeros;
    private final double logMu;
    private final double logSigma;
    private final double ksStatistic;
    private final double ksPValue;

    private WeightDistribution(int count, int positive, int negative, int zeros, double logMu, double logSigma,
                               double ksStatistic, double ksPValue) {
        this.count = count;
        this.positive = positive;
        this.negative = negative;
        this.zeros = zeros;
        this.logMu = logMu;
        this.logSigma = logSigma;
        this.ksStatistic = ksStatistic;
        this.ksPValue = ksPValue;
    }

    /** Fits the entries of {@code w}; see {@link #fit(double[])}. */
    public static WeightDistribution fit(DMatrixRMaj w) {
        return fit(java.util.Arrays.copyOf(w.data, w.getNumElements()));
    }

    /**
     * Fits {@code weights}. Fails when fewer than two non-zero weights exist or all magnitudes are
     * equal (no spread to fit), or when a weight is not finite.
     */
    public static WeightDistribution fit(double[] weights) {
        int pos = 0;
        int neg = 0;
        int zero = 0;
        for (double v : weights) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("weight distribution: weights must be finite, found " + v);
            }
            if (v > 0) {
                pos++;
            } else if (v < 0) {
                neg++;
            } else {
                zero++;
            }
        }
        int n = pos + neg;
        if (n < 2) {
            throw new IllegalArgumentException("weight distribution: need at least 2 non-zero weights, found " + n);
        }
        double[] magnitudes = new double[n];
        double sum = 0.0;
        int i = 0;
        for (double v : weights) {
            if (v != 0.0) {
                magnitudes[i++] = Math.abs(v);
                sum += Math.log(Math.abs(v));
            }
        }
        double mu = sum / n;
        double ss = 0.0;
        for (double m : magnitudes) {
            double d = Math.log(m) - mu;
            ss += d * d;
        }
        double sigma = Math.sqrt(ss / n);
        if (!(sigma > 0)) {
            throw new IllegalArgumentException("weight distribution: all magnitudes are equal, no spread to fit");
        }
        LogNormalDistribution fitted = new LogNormalDistribution(null, mu, sigma);
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double d = ks.kolmogorovSmirnovStatistic(fitted, magnitudes);
        double p = ks.kolmogorovSmirnovTest(fitted, magnitudes, false);
        return new WeightDistribution(weights.length, pos, neg, zero, mu, sigma, d, p);
    }

    /** Number of weights, zeros included. */
    public int count() {
        return count;
    }

    public int positive() {
        return positive;
    }

    public int negative() {
        return negative;
    }

    public int zeros() {
        return zeros;
    }

    /** MLE of the mean of {@code ln|w|}. */
    public double logMu() {
        return logMu;
    }

    /** MLE of the standard deviation of {@code ln|w|}. */
    public double logSigma() {
        return logSigma;
    }

    /** Kolmogorov-Smirnov distance between the magnitudes and the fitted log-normal. */
    public double ksStatistic() {
        return ksStatistic;
    }

    /** KS p-value against the fitted log-normal (optimistic: parameters were fitted). */
    public double ksPValue() {
        return ksPValue;
    }

    /** The fitted log-normal distribution of the magnitudes. */
    public LogNormalDistribution fitted() {
        return new LogNormalDistribution(null, logMu, logSigma);
    }
}
