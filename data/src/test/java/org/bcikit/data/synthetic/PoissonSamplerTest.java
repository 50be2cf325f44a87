package org.bcikit.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PoissonSamplerTest {

    /** Sample mean and variance of n draws must match the mean within 5 standard errors. */
    private static void checkMoments(double mean, int n) {
        SplittableRandom rng = new SplittableRandom(42);
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < n; i++) {
            int k = PoissonSampler.sample(mean, rng);
            sum += k;
            sumSq += (double) k * k;
        }
        double m = sum / n;
        double v = sumSq / n - m * m;
        assertEquals(mean, m, 5 * Math.sqrt(mean / n), "mean for " + mean);
        // Var of the sample variance of a Poisson: (mean + 2 mean^2) / n.
        assertEquals(mean, v, 5 * Math.sqrt((mean + 2 * mean * mean) / n), "variance for " + mean);
    }

    @Test
    void matchesPoissonMomentsOnBothSidesOfTheAlgorithmSwitch() {
        checkMoments(0.3, 100_000);
        checkMoments(4.0, 100_000);
        checkMoments(25.0, 100_000);
        checkMoments(400.0, 50_000);
    }

    @Test
    void matchesTheProbabilityOfZeroAndIsReproducible() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 100_000;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            zeros += PoissonSampler.sample(1.0, rng) == 0 ? 1 : 0;
        }
        double p = Math.exp(-1);
        assertEquals(p, zeros / (double) n, 5 * Math.sqrt(p * (1 - p) / n));
        assertEquals(PoissonSampler.sample(30, new SplittableRandom(9)), PoissonSampler.sample(30, new SplittableRandom(9)));
        assertEquals(0, PoissonSampler.sample(0, rng));
        assertThrows(IllegalArgumentException.class, () -> PoissonSampler.sample(-1, rng));
        assertThrows(IllegalArgumentException.class, () -> PoissonSampler.sample(Double.NaN, rng));
    }
}
