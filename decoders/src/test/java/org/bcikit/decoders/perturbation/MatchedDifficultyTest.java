package org.bcikit.decoders.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class MatchedDifficultyTest {

    @Test
    void medianIsElementWiseForOddAndEvenCounts() {
        List<double[]> three = List.of(new double[] {1, 30}, new double[] {3, 10}, new double[] {2, 20});
        assertArrayEquals(new double[] {2, 20}, MatchedDifficulty.median(three), 0.0);
        List<double[]> four = List.of(new double[] {1, 40}, new double[] {4, 10}, new double[] {2, 20},
                new double[] {3, 30});
        assertArrayEquals(new double[] {2.5, 25}, MatchedDifficulty.median(four), 0.0);
    }

    @Test
    void nearestIsEuclideanAndTheFirstOnATie() {
        List<double[]> c = List.of(new double[] {0, 0}, new double[] {3, 4}, new double[] {4, 3}, new double[] {2, 2});
        assertEquals(3, MatchedDifficulty.nearest(c, new double[] {2.4, 2.4}));
        // (3, 4) and (4, 3) are both at distance 1 from (3.5, 3.5) - 0.5 offsets: the first wins
        assertEquals(1, MatchedDifficulty.nearest(c, new double[] {3.5, 3.5}));
    }

    @Test
    void allButIdentityListsEveryOtherPermutationOnceInLexicographicOrder() {
        List<int[]> p = Permutations.allButIdentity(4);
        assertEquals(23, p.size());
        Set<String> seen = new HashSet<>();
        for (int[] x : p) {
            assertFalse(Permutations.isIdentity(x));
            seen.add(Arrays.toString(x));
        }
        assertEquals(23, seen.size());
        assertArrayEquals(new int[] {0, 1, 3, 2}, p.get(0));
        assertArrayEquals(new int[] {3, 2, 1, 0}, p.get(22));
        assertEquals(719, Permutations.allButIdentity(6).size());
    }
}
