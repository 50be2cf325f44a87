package org.bcikit.rnn.adaptation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.perturbation.MatchedDifficulty;
import org.bcikit.decoders.perturbation.Permutations;
import org.ejml.data.DMatrixRMaj;

/**
 * Chooses a within-manifold and an outside-manifold perturbation of equal initial difficulty for a
 * {@link StaticBciSetup} (Payeur, Orsborn and Lajoie 2023, science.md §5.1). Candidates: every
 * non-identity permutation of the M factors (WMP, {@code M! - 1} of them) and
 * {@code ompCandidates} uniformly random permutations of the N units (OMP). Each candidate's
 * per-condition loss vector is computed exactly, by blocks of candidates ({@link ReadoutScreen}); the element-wise median over all candidates (WM
 * and OM together) is the reference, and the WMP and the OMP whose loss vectors are nearest to it
 * (Euclidean) are chosen, so both start equally hard.
 *
 * <p>Deterministic given the generator; the OMP candidates are drawn from it in order.
 */
public final class MatchedPerturbations {

    /** Largest manifold dimension whose factor permutations are enumerated (8! = 40320). */
    public static final int MAX_ENUMERATED_DIMENSION = 8;

    /** Candidates per matrix product of the screen: big enough to amortise Sigma, small enough for the cache. */
    private static final int SCREEN_BLOCK = 256;

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
        DMatrixRMaj targets = setup.network().task().targets();
        int n = setup.activity().size();
        ReadoutScreen screen = new ReadoutScreen(setup.activity(), targets, SCREEN_BLOCK);

        List<int[]> wmpPerms = Permutations.allButIdentity(m);
        double[][] wmpLoss = screen.losses(wmpPerms.size(), (i, v) -> decoder.withinManifold(wmpPerms.get(i), v));
        int[][] ompPerms = new int[ompCandidates][];
        double[][] ompLoss = screen.losses(ompCandidates, (i, v) -> {
            ompPerms[i] = Permutations.random(n, rng);
            decoder.outsideManifold(ompPerms[i], v);
        });
        List<double[]> all = new ArrayList<>(Arrays.asList(wmpLoss));
        all.addAll(Arrays.asList(ompLoss));
        double[] median = MatchedDifficulty.median(all);
        int w = MatchedDifficulty.nearest(Arrays.asList(wmpLoss), median);
        int o = MatchedDifficulty.nearest(Arrays.asList(ompLoss), median);
        ReadoutPerturbation wmp = new ReadoutPerturbation(ReadoutPerturbation.Kind.WMP, wmpPerms.get(w),
                decoder.withinManifold(wmpPerms.get(w), new DMatrixRMaj(targets.numRows, n)), wmpLoss[w]);
        ReadoutPerturbation omp = new ReadoutPerturbation(ReadoutPerturbation.Kind.OMP, ompPerms[o],
                decoder.outsideManifold(ompPerms[o], new DMatrixRMaj(targets.numRows, n)), ompLoss[o]);
        return new Selection(wmp, omp, median, wmpLoss.length, ompCandidates);
    }
}
