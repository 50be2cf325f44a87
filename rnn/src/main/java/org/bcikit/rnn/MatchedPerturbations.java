package org.bcikit.rnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;

/**
 * Chooses a within-manifold and an outside-manifold perturbation of equal initial difficulty for a
 * {@link StaticBciSetup} (Payeur, Orsborn and Lajoie 2023, science.md §5.1). Candidates: every
 * non-identity permutation of the M factors (WMP, {@code M! - 1} of them) and
 * {@code ompCandidates} uniformly random permutations of the N units (OMP). Each candidate's
 * per-condition loss vector is computed exactly; the element-wise median over all candidates (WM
 * and OM together) is the reference, and the WMP and the OMP whose loss vectors are nearest to it
 * (Euclidean) are chosen, so both start equally hard.
 *
 * <p>Deterministic given the generator; the OMP candidates are drawn from it in order.
 */
public final class MatchedPerturbations {

    /** Largest manifold dimension whose factor permutations are enumerated (8! = 40320). */
    public static final int MAX_ENUMERATED_DIMENSION = 8;

    /**
     * The chosen pair and what they were chosen from.
     *
     * @param wmp           the chosen within-manifold perturbation
     * @param omp           the chosen outside-manifold perturbation
     * @param medianLoss    element-wise median of the per-condition losses over all candidates
     * @param wmpCandidates number of WMP candidates
     * @param ompCandidates number of OMP candidates
     */
    public record Selection(ReadoutPerturbation wmp, ReadoutPerturbation omp, double[] medianLoss,
            int wmpCandidates, int ompCandidates) {

        /** The chosen perturbation of {@code kind}. */
        public ReadoutPerturbation of(ReadoutPerturbation.Kind kind) {
            return kind == ReadoutPerturbation.Kind.WMP ? wmp : omp;
        }
    }

    private MatchedPerturbations() {
    }

    /** Generates the candidates for {@code setup} and picks the matched pair. */
    public static Selection select(StaticBciSetup setup, int ompCandidates, SplittableRandom rng) {
        if (ompCandidates < 1) {
            throw new IllegalArgumentException("need at least 1 OMP candidate, got " + ompCandidates);
        }
        ManifoldDecoder decoder = setup.decoder();
        int m = decoder.dimension();
        if (m < 2 || m > MAX_ENUMERATED_DIMENSION) {
            throw new IllegalArgumentException("WMP candidates: manifold dimension must be in [2, "
                    + MAX_ENUMERATED_DIMENSION + "], got " + m);
        }
        StaticActivity activity = setup.activity();
        DMatrixRMaj targets = setup.network().task().targets();
        int k = targets.numCols;
        int n = activity.size();
        DMatrixRMaj v = new DMatrixRMaj(targets.numRows, n);

        List<int[]> wmpPerms = nonIdentityPermutations(m);
        double[][] wmpLoss = new double[wmpPerms.size()][];
        for (int i = 0; i < wmpLoss.length; i++) {
            decoder.withinManifold(wmpPerms.get(i), v);
            wmpLoss[i] = activity.perConditionLoss(v, targets, new double[k]);
        }
        int[][] ompPerms = new int[ompCandidates][];
        double[][] ompLoss = new double[ompCandidates][];
        for (int i = 0; i < ompCandidates; i++) {
            ompPerms[i] = randomPermutation(n, rng);
            decoder.outsideManifold(ompPerms[i], v);
            ompLoss[i] = activity.perConditionLoss(v, targets, new double[k]);
        }
        double[] median = new double[k];
        double[] column = new double[wmpLoss.length + ompLoss.length];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < wmpLoss.length; i++) {
                column[i] = wmpLoss[i][c];
            }
            for (int i = 0; i < ompLoss.length; i++) {
                column[wmpLoss.length + i] = ompLoss[i][c];
            }
            Arrays.sort(column);
            int len = column.length;
            median[c] = len % 2 == 1 ? column[len / 2] : 0.5 * (column[len / 2 - 1] + column[len / 2]);
        }
        int w = nearest(wmpLoss, median);
        int o = nearest(ompLoss, median);
        ReadoutPerturbation wmp = new ReadoutPerturbation(ReadoutPerturbation.Kind.WMP, wmpPerms.get(w),
                decoder.withinManifold(wmpPerms.get(w), new DMatrixRMaj(targets.numRows, n)), wmpLoss[w]);
        ReadoutPerturbation omp = new ReadoutPerturbation(ReadoutPerturbation.Kind.OMP, ompPerms[o],
                decoder.outsideManifold(ompPerms[o], new DMatrixRMaj(targets.numRows, n)), ompLoss[o]);
        return new Selection(wmp, omp, median, wmpLoss.length, ompCandidates);
    }

    /** Every permutation of 0..m-1 except the identity, in lexicographic order. */
    static List<int[]> nonIdentityPermutations(int m) {
        List<int[]> out = new ArrayList<>();
        int[] p = new int[m];
        for (int i = 0; i < m; i++) {
            p[i] = i;
        }
        while (nextPermutation(p)) {
            out.add(p.clone());
        }
        return out;
    }

    /** A uniformly random permutation of 0..n-1 (Fisher-Yates). */
    static int[] randomPermutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    private static boolean nextPermutation(int[] p) {
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
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }

    private static int nearest(double[][] losses, double[] target) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < losses.length; i++) {
            double d = 0;
            for (int c = 0; c < target.length; c++) {
                double e = losses[i][c] - target[c];
                d += e * e;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
