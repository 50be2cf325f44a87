package org.bcikit.data.random;

import java.util.SplittableRandom;

/**
 * Fills arrays with independent normal numbers of mean 0 and standard deviation {@code scale},
 * element 0 first: {@code a[k] = scale * random.nextGaussian()}. Allocates nothing, so hot loops
 * can refill their noise buffers every step.
 */
public final class GaussianFill {

    private GaussianFill() {
    }

    /** Overwrites every element of {@code target}. */
    public static void fill(double[] target, double scale, SplittableRandom random) {
        fill(target, target.length, scale, random);
    }

    /** Overwrites the first {@code n} elements of {@code target}. */
    public static void fill(double[] target, int n, double scale, SplittableRandom random) {
        for (int k = 0; k < n; k++) {
            target[k] = scale * random.nextGaussian();
        }
    }
}
