package org.bcikit.data.synthetic;

import java.util.random.RandomGenerator;

import org.apache.commons.math3.special.Gamma;

/**
 * Draws Poisson counts from a caller's random source, allocating nothing, so that a simulation
 * gives the same counts for the same seed. Small means use inversion by sequential search;
 * means of 10 and above use Hörmann's transformed rejection with squeeze (PTRS; W. Hörmann,
 * "The transformed rejection method for generating Poisson random variables", Insurance:
 * Mathematics and Economics 12:39-45, 1993), whose cost does not grow with the mean.
 */
public final class PoissonSampler {

    private PoissonSampler() {
    }

    /** One Poisson draw with mean {@code mean} (finite, &gt;= 0). */
    public static int sample(double mean, RandomGenerator rng) {
        if (!(mean >= 0) || Double.isInfinite(mean)) {
            throw new IllegalArgumentException("Poisson mean must be finite and >= 0, got " + mean);
        }
        if (mean == 0) {
            return 0;
        }
        return mean < 10 ? inversion(mean, rng) : ptrs(mean, rng);
    }

    private static int inversion(double mean, RandomGenerator rng) {
        double u = rng.nextDouble();
        double p = Math.exp(-mean);
        double cdf = p;
        int k = 0;
        // The cap only guards against rounding in the far tail (p underflows long before it).
        while (u > cdf && k < 1000) {
            k++;
            p *= mean / k;
            cdf += p;
        }
        return k;
    }

    private static int ptrs(double mean, RandomGenerator rng) {
        double slam = Math.sqrt(mean);
        double loglam = Math.log(mean);
        double b = 0.931 + 2.53 * slam;
        double a = -0.059 + 0.02483 * b;
        double invalpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2);
        while (true) {
            double u = rng.nextDouble() - 0.5;
            double v = rng.nextDouble();
            double us = 0.5 - Math.abs(u);
            long k = (long) Math.floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) {
                return (int) k;
            }
            if (k < 0 || (us < 0.013 && v > us)) {
                continue;
            }
            if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b)
                    <= -mean + k * loglam - Gamma.logGamma(k + 1.0)) {
                return (int) k;
            }
        }
    }
}
