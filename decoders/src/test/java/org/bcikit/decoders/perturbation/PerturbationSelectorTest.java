package org.bcikit.decoders.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.task.SyntheticRig;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two published selection criteria, checked against a brute-force recomputation over the same
 * candidates: open-loop screening per target (Sadtler et al. 2014) and matched difficulty
 * (Payeur et al. 2023), OMPs restricted to the most modulated units.
 */
class PerturbationSelectorTest {

    static SyntheticRig rig;
    static KalmanVelocityDecoder intuitive;
    static DMatrixRMaj means;

    @BeforeAll
    static void calibrate() {
        rig = new SyntheticRig(24, 4, 3, 21);
        intuitive = rig.rigDecoder(4);
        means = rig.meanCountsPerTarget();
    }

    /** Every candidate the selector evaluates with seed {@code seed}: all 23 WMPs, then the random OMPs. */
    static List<PerturbationSelector.Choice> candidates(int omps, int ompUnits, long seed) {
        List<PerturbationSelector.Choice> all = new ArrayList<>();
        List<int[]> perms = new ArrayList<>();
        permutations(new int[] {0, 1, 2, 3}, 0, perms);
        for (int[] p : perms) {
            if (!Permutations.isIdentity(p)) {
                all.add(choice(new WithinManifoldPerturbation(p)));
            }
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] mod = PerturbationSelector.modulation(means);
        for (int i = 0; i < omps; i++) {
            all.add(choice(OutsideManifoldPerturbation.amongMostModulated(mod, ompUnits, r)));
        }
        return all;
    }

    static PerturbationSelector.Choice choice(Perturbation p) {
        KalmanVelocityDecoder d = p.apply(intuitive);
        OpenLoopPrediction prediction = OpenLoopPrediction.of(intuitive, d, means);
        return new PerturbationSelector.Choice(p, d, prediction.losses(), prediction);
    }

    static void permutations(int[] a, int i, List<int[]> out) {
        if (i == a.length) {
            out.add(a.clone());
            return;
        }
        for (int j = i; j < a.length; j++) {
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
            permutations(a, i + 1, out);
            a[j] = a[i];
            a[i] = t;
        }
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return s;
    }

    @Test
    void matchedDifficultyChoosesTheWmpAndOmpClosestToTheMedianLoss() {
        PerturbationSelector.Selection s = new PerturbationSelector().withCriterion(PerturbationSelector.Criterion.MATCHED)
                .withCandidates(100, 60).withOmpUnits(8).select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4));
        List<PerturbationSelector.Choice> all = candidates(60, 8, 4);
        assertEquals(23, s.wmpCandidates());
        assertEquals(60, s.ompCandidates());
        double[] median = new double[8];
        for (int k = 0; k < 8; k++) {
            double[] col = new double[all.size()];
            for (int i = 0; i < all.size(); i++) {
                col[i] = all.get(i).prediction().losses()[k];
            }
            Arrays.sort(col);
            median[k] = col.length % 2 == 1 ? col[col.length / 2] : 0.5 * (col[col.length / 2 - 1] + col[col.length / 2]);
        }
        assertArrayEquals(median, s.medianLoss(), 1e-12);
        for (PerturbationSelector.Choice c : all) {
            PerturbationSelector.Choice chosen = c.perturbation() instanceof WithinManifoldPerturbation ? s.wmp() : s.omp();
            assertTrue(distance(chosen.prediction().losses(), median) <= distance(c.prediction().losses(), median),
                    chosen.perturbation().describe() + " is not the closest: " + c.perturbation().describe());
        }
    }

    @Test
    void screeningKeepsOnlyCandidatesWithEveryTargetInRange() {
        PerturbationSelector sel = new PerturbationSelector().withCriterion(PerturbationSelector.Criterion.SCREENED)
                .withAngleRange(0, 150).withSpeedRatioRange(0.5, 2).withCandidates(100, 60).withOmpUnits(8);
        PerturbationSelector.Selection s = sel.select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4));
        List<PerturbationSelector.Choice> all = candidates(60, 8, 4);
        long wmpPass = all.stream().filter(c -> c.perturbation() instanceof WithinManifoldPerturbation)
                .filter(c -> c.prediction().passes(0, 150, 0.5, 2)).count();
        long ompPass = all.stream().filter(c -> c.perturbation() instanceof OutsideManifoldPerturbation)
                .filter(c -> c.prediction().passes(0, 150, 0.5, 2)).count();
        assertEquals(wmpPass, s.wmpPassed());
        assertEquals(ompPass, s.ompPassed());
        assertTrue(wmpPass > 0 && wmpPass < 23, "the screen must separate candidates: " + wmpPass);
        assertTrue(ompPass > 0 && ompPass < 60, "the screen must separate candidates: " + ompPass);
        for (PerturbationSelector.Choice c : List.of(s.wmp(), s.omp())) {
            OpenLoopPrediction p = c.prediction();
            for (int k = 0; k < 8; k++) {
                assertTrue(p.angles()[k] >= 0 && p.angles()[k] <= 150, c.perturbation().describe());
                assertTrue(p.speedRatios()[k] >= 0.5 && p.speedRatios()[k] <= 2, c.perturbation().describe());
            }
        }
        assertEquals(null, s.medianLoss());
    }

    @Test
    void reportsPredictedImpairmentAndPrincipalAnglesAndPermutesOnlyTheMostModulatedUnits() {
        PerturbationSelector.Selection s = new PerturbationSelector().withScreenEveryTarget(false).withCandidates(100, 60)
                .withOmpUnits(8).select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4));
        for (PerturbationSelector.Choice c : List.of(s.wmp(), s.omp())) {
            OpenLoopPrediction p = c.prediction();
            assertEquals(Arrays.stream(p.losses()).average().orElseThrow(), p.predictedLoss(), 1e-12);
            assertTrue(p.predictedLoss() > 0);
            assertEquals(2, p.principalAngles().length);
            assertTrue(p.principalAngles()[0] <= p.principalAngles()[1] && p.principalAngles()[1] <= 90);
            assertTrue(p.passesOnAverage(20, 75, 0.25, 2), c.perturbation().describe());
        }
        // an OMP moves the control space further out of the intuitive one than a WMP (which stays in the manifold)
        assertTrue(s.omp().prediction().principalAngles()[0] > s.wmp().prediction().principalAngles()[0]);
        double[] mod = PerturbationSelector.modulation(means);
        Integer[] order = new Integer[24];
        for (int i = 0; i < 24; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(mod[b], mod[a]));
        int[] perm = ((OutsideManifoldPerturbation) s.omp().perturbation()).permutation();
        for (int i = 8; i < 24; i++) {
            assertEquals(order[i], perm[order[i]], "unit " + order[i] + " is not among the 8 most modulated");
        }
    }

    /** Configuration is by copies: deriving other selectors from one leaves its choice unchanged. */
    @Test
    void withMethodsReturnChangedCopiesAndLeaveTheOriginalAlone() {
        PerturbationSelector base = new PerturbationSelector().withScreenEveryTarget(false).withCandidates(100, 60)
                .withOmpUnits(8);
        PerturbationSelector.Selection before = base.select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4));
        PerturbationSelector other = base.withCriterion(PerturbationSelector.Criterion.SCREENED).withAngleRange(170, 180)
                .withSpeedRatioRange(0, 0.1).withCandidates(5, 5).withOmpUnits(3).withScreenEveryTarget(true)
                .withDraw(PerturbationSelector.Draw.PAIRED);
        PerturbationSelector.Selection after = base.select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4));
        assertEquals(23, after.wmpCandidates());
        assertEquals(60, after.ompCandidates());
        assertArrayEquals(before.medianLoss(), after.medianLoss(), 0.0);
        assertArrayEquals(((OutsideManifoldPerturbation) before.omp().perturbation()).permutation(),
                ((OutsideManifoldPerturbation) after.omp().perturbation()).permutation());
        assertArrayEquals(((WithinManifoldPerturbation) before.wmp().perturbation()).permutation(),
                ((WithinManifoldPerturbation) after.wmp().perturbation()).permutation());
        assertThrows(InvalidInputException.class,
                () -> other.select(intuitive, new OpenLoopLoss(means), new SplittableRandom(4)));
    }

    @Test
    void noCandidatePassingTheScreenIsAClearError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new PerturbationSelector()
                .withAngleRange(170, 180).withCandidates(100, 20).select(intuitive, new OpenLoopLoss(means), new SplittableRandom(1)));
        assertTrue(e.getMessage().contains("passes the screen"), e.getMessage());
    }
}
