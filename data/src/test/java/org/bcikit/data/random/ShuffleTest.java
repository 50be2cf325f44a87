package org.bcikit.data.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class ShuffleTest {

    @Test
    void everyPermutationOfThreeIsEquallyLikely() {
        SplittableRandom rng = new SplittableRandom(7);
        int draws = 60_000;
        int[] seen = new int[6];
        for (int i = 0; i < draws; i++) {
            int[] p = Shuffle.permutation(3, rng);
            seen[p[0] * 2 + (p[1] > p[2] ? 1 : 0)]++;
        }
        // binomial s.d. of a count with p = 1/6: sqrt(n p (1 - p)) ~ 91; 5 s.d. is far outside chance
        for (int count : seen) {
            assertEquals(draws / 6.0, count, 5 * Math.sqrt(draws * (1 / 6.0) * (5 / 6.0)));
        }
    }

    @Test
    void takesOneBoundedDrawPerPositionFromTheEnd() {
        int[] values = {10, 11, 12, 13, 14};
        Shuffle.inPlace(values, new SplittableRandom(3));
        // the same swaps by hand: position i with a uniform j in 0..i, i from the end down
        SplittableRandom rng = new SplittableRandom(3);
        int[] expected = {10, 11, 12, 13, 14};
        for (int i = expected.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = expected[i];
            expected[i] = expected[j];
            expected[j] = t;
        }
        assertArrayEquals(expected, values);
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {10, 11, 12, 13, 14}, sorted);
    }

    @Test
    void permutationOverwritesWhatTheArrayHeld() {
        int[] order = {9, 9, 9, 9};
        Shuffle.permutation(order, new SplittableRandom(1));
        int[] sorted = order.clone();
        Arrays.sort(sorted);
        assertArrayEquals(new int[] {0, 1, 2, 3}, sorted);
        assertArrayEquals(order, Shuffle.permutation(4, new SplittableRandom(1)));
    }
}
