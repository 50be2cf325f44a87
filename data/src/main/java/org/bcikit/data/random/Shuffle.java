package org.bcikit.data.random;

import java.util.SplittableRandom;

/**
 * Uniformly random permutations by the Fisher-Yates shuffle, walking from the last position down
 * and swapping position i with a uniform j in 0..i: one {@code nextInt(i + 1)} per position, so
 * the draws a shuffle takes depend only on the length.
 */
public final class Shuffle {

    private Shuffle() {
    }

    /** Shuffles {@code values} in place with draws from {@code random}. */
    public static void inPlace(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** Writes 0..order.length-1 into {@code order} and shuffles it: a random permutation. */
    public static void permutation(int[] order, SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        inPlace(order, random);
    }

    /** A new random permutation of 0..n-1. */
    public static int[] permutation(int n, SplittableRandom random) {
        int[] order = new int[n];
        permutation(order, random);
        return order;
    }
}
