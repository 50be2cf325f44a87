package org.bcikit.data.random;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class GaussianFillTest {

    @Test
    void drawsHaveMeanZeroAndTheGivenStandardDeviation() {
        double[] x = new double[200_000];
        GaussianFill.fill(x, 3.0, new SplittableRandom(11));
        double mean = 0;
        for (double v : x) {
            mean += v / x.length;
        }
        double var = 0;
        for (double v : x) {
            var += (v - mean) * (v - mean) / (x.length - 1);
        }
        // s.e. of the mean 3 / sqrt(n) = 0.0067; of the variance 9 sqrt(2 / n) = 0.028
        assertEquals(0, mean, 5 * 3 / Math.sqrt(x.length));
        assertEquals(9, var, 5 * 9 * Math.sqrt(2.0 / x.length));
    }

    @Test
    void fillsTheFirstNInOrderAndLeavesTheRest() {
        double[] x = {5, 5, 5, 5};
        GaussianFill.fill(x, 2, 0.5, new SplittableRandom(4));
        SplittableRandom rng = new SplittableRandom(4);
        assertEquals(0.5 * rng.nextGaussian(), x[0], 0);
        assertEquals(0.5 * rng.nextGaussian(), x[1], 0);
        assertEquals(5, x[2], 0);
        assertEquals(5, x[3], 0);
    }
}
