package org.bcikit.decoders.perturbation;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bcikit.data.random.Shuffle;

/** Permutations of perturbation candidates: seeded random ones (Fisher-Yates) and all of them. */
public final class Permutations {

    private Permutations() {
    }

    public static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** A uniformly random permutation of 0..n-1, never the identity when n &gt; 1. */
    public static int[] random(int n, SplittableRandom random) {
        int[] p = identity(n);
        do {
            Shuffle.inPlace(p, random);
        } while (n > 1 && isIdentity(p));
        return p;
    }

    public static boolean isIdentity(int[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** Every permutation of 0..n-1 except the identity (n! - 1 of them), in lexicographic order. */
    public static List<int[]> allButIdentity(int n) {
        List<int[]> out = new ArrayList<>();
        int[] p = identity(n);
        while (next(p)) {
            out.add(p.clone());
        }
        return out;
    }

    /** Steps {@code p} to its lexicographic successor; false (p unchanged) at the last one. */
    private static boolean next(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        swap(p, i, j);
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            swap(p, a, b);
        }
        return true;
    }

    private static void swap(int[] p, int i, int j) {
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
    }
}
