package org.bcikit.decoders;

import java.util.SplittableRandom;

/** Seeded random permutations (Fisher-Yates). */
final class Permutations {

    private Permutations() {
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** A uniformly random permutation of 0..n-1, never the identity when n &gt; 1. */
    static int[] random(int n, SplittableRandom random) {
        int[] p = identity(n);
        do {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = p[i];
                p[i] = p[j];
                p[j] = t;
            }
        } while (n > 1 && isIdentity(p));
        return p;
    }

    static boolean isIdentity(int[] p) {
        for (int i = 0; i < p.length; i++) {
            if (p[i] != i) {
                return false;
            }
        }
        return true;
    }
}
