package org.bcikit.rnn.adaptation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.perturbation.MatchedDifficulty;
import org.bcikit.decoders.perturbation.Permutations;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticActivity;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Screening by stacked matrix products against the loop over candidates it replaced. */
class ReadoutScreenTest {

    private static StaticBciSetup setup(int units, int targets, double inputNoise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DenseWeights w = new DenseWeights(Initialisation.gaussian(units, Initialisation.LAZY_EXPONENT, rng));
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(targets), w, 1e-2,
                inputNoise, rng);
        return StaticBciSetup.prepare(net, new GradientDescent(1e-2), 50, 4);
    }

    @Test
    void stackedLossesEqualThePerCandidateLossInEveryBlockLayout() {
        // input noise makes Sigma a full matrix, not a multiple of (I - W)^-1 (I - W)^-T alone
        StaticBciSetup s = setup(20, 5, 0.05, 3);
        StaticActivity a = s.activity();
        DMatrixRMaj targets = s.network().task().targets();
        SplittableRandom rng = new SplittableRandom(11);
        int count = 23;
        List<DMatrixRMaj> readouts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DMatrixRMaj v = new DMatrixRMaj(targets.numRows, a.size());
            for (int j = 0; j < v.data.length; j++) {
                v.data[j] = rng.nextGaussian();
            }
            readouts.add(v);
        }
        for (int block : new int[] {1, 4, 23, 64}) {
            double[][] screened = new ReadoutScreen(a, targets, block).losses(count,
                    (i, out) -> out.setTo(readouts.get(i)));
            for (int i = 0; i < count; i++) {
                double[] loop = a.perConditionLoss(readouts.get(i), targets, new double[targets.numCols]);
                for (int k = 0; k < loop.length; k++) {
                    assertEquals(loop[k], screened[i][k], 1e-12 * Math.abs(loop[k]), "block " + block + " candidate "
                            + i + " condition " + k);
                }
            }
        }
    }

    @Test
    void matchedSelectionPicksWhatTheLoopOverCandidatesPicked() {
        for (long seed = 1; seed <= 3; seed++) {
            StaticBciSetup s = setup(30, 6, 0, seed);
            MatchedPerturbations.Selection batched = MatchedPerturbations.select(s, 700, new SplittableRandom(seed + 50));
            Reference loop = Reference.select(s, 700, new SplittableRandom(seed + 50));
            assertArrayEquals(loop.wmp, batched.wmp().permutation(), "seed " + seed);
            assertArrayEquals(loop.omp, batched.omp().permutation(), "seed " + seed);
            for (int k = 0; k < loop.median.length; k++) {
                assertEquals(loop.median[k], batched.medianLoss()[k], 1e-12 * loop.median[k]);
            }
        }
    }

    /** The selection as MatchedPerturbations made it before it screened by blocks: one loss at a time. */
    private record Reference(int[] wmp, int[] omp, double[] median) {

        static Reference select(StaticBciSetup setup, int ompCandidates, SplittableRandom rng) {
            ManifoldDecoder decoder = setup.decoder();
            StaticActivity activity = setup.activity();
            DMatrixRMaj targets = setup.network().task().targets();
            int k = targets.numCols;
            int n = activity.size();
            DMatrixRMaj v = new DMatrixRMaj(targets.numRows, n);
            List<int[]> wmpPerms = Permutations.allButIdentity(decoder.dimension());
            List<double[]> wmpLoss = new ArrayList<>();
            for (int[] p : wmpPerms) {
                wmpLoss.add(activity.perConditionLoss(decoder.withinManifold(p, v), targets, new double[k]));
            }
            List<int[]> ompPerms = new ArrayList<>();
            List<double[]> ompLoss = new ArrayList<>();
            for (int i = 0; i < ompCandidates; i++) {
                ompPerms.add(Permutations.random(n, rng));
                ompLoss.add(activity.perConditionLoss(decoder.outsideManifold(ompPerms.get(i), v), targets,
                        new double[k]));
            }
            List<double[]> all = new ArrayList<>(wmpLoss);
            all.addAll(ompLoss);
            double[] median = MatchedDifficulty.median(all);
            return new Reference(wmpPerms.get(MatchedDifficulty.nearest(wmpLoss, median)),
                    ompPerms.get(MatchedDifficulty.nearest(ompLoss, median)), Arrays.copyOf(median, k));
        }
    }
}
