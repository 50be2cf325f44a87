package org.bcikit.decoders.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The expected-loss matching of Payeur et al. 2023, recomputed by hand from the recorded trials. */
class ExpectedLossTest {

    static List<DMatrixRMaj> counts;
    static List<Integer> targets;
    static KalmanVelocityDecoder intuitive;

    @BeforeAll
    static void calibrate() {
        Recording r = new SyntheticPopulation(40, 4, 4, 6, 20, 0.045, SyntheticPopulation.RateModel.EXPONENTIAL,
                0.3, 40.0, 0.6, 125.0, 11L).generate().recording();
        counts = new ArrayList<>();
        List<DMatrixRMaj> velocity = new ArrayList<>();
        targets = new ArrayList<>();
        for (Trial t : r.trials()) {
            counts.add(t.counts());
            velocity.add(t.cursorVelocity());
            targets.add(t.target().conditionId());
        }
        intuitive = KalmanCalibration
                .fixedDynamics(CommonOps_DDRM.identity(2), CommonOps_DDRM.diag(2000, 2000))
                .fit(counts, velocity, FactorFitter.factorAnalysis(4));
    }

    static PerturbationSelector.Selection select(long seed) {
        return new PerturbationSelector().withCriterion(PerturbationSelector.Criterion.MATCHED)
                .withDraw(PerturbationSelector.Draw.PAIRED).withCandidates(30, 30)
                .select(intuitive, ExpectedLoss.of(counts, targets, 4), new SplittableRandom(seed));
    }

    @Test
    void lossesAreBiasPlusVarianceOfTheDecodedVelocity() {
        PerturbationSelector.Selection s = select(2);
        assertInstanceOf(WithinManifoldPerturbation.class, s.wmp().perturbation());
        assertInstanceOf(OutsideManifoldPerturbation.class, s.omp().perturbation());

        double[] wmp = handLosses(s.wmp().decoder(), intuitive, counts, targets, 4);
        double[] omp = handLosses(s.omp().decoder(), intuitive, counts, targets, 4);
        for (int k = 0; k < 4; k++) {
            assertEquals(wmp[k], s.wmp().losses()[k], 1e-9 * wmp[k]);
            assertEquals(omp[k], s.omp().losses()[k], 1e-9 * omp[k]);
        }
    }

    /**
     * Paired draws: one random WMP then one random OMP of every unit per round, from the seeded
     * generator; the chosen pair is the closest to the median of all 60 expected-loss vectors.
     */
    @Test
    void pairedDrawsMatchTheExpectedLossOfHandDrawnCandidates() {
        PerturbationSelector.Selection s = select(3);
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> wmps = new ArrayList<>();
        List<double[]> omps = new ArrayList<>();
        List<int[]> wmpPerms = new ArrayList<>();
        List<int[]> ompPerms = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            WithinManifoldPerturbation w = WithinManifoldPerturbation.random(4, r);
            OutsideManifoldPerturbation o = OutsideManifoldPerturbation.random(intuitive.units(), r);
            wmpPerms.add(w.permutation());
            ompPerms.add(o.permutation());
            wmps.add(handLosses(w.apply(intuitive), intuitive, counts, targets, 4));
            omps.add(handLosses(o.apply(intuitive), intuitive, counts, targets, 4));
        }
        List<double[]> all = new ArrayList<>(wmps);
        all.addAll(omps);
        double[] median = MatchedDifficulty.median(all);
        assertArrayEquals(median, s.medianLoss(), 1e-9);
        assertArrayEquals(wmpPerms.get(MatchedDifficulty.nearest(wmps, median)),
                ((WithinManifoldPerturbation) s.wmp().perturbation()).permutation());
        assertArrayEquals(ompPerms.get(MatchedDifficulty.nearest(omps, median)),
                ((OutsideManifoldPerturbation) s.omp().perturbation()).permutation());
        assertEquals(30, s.wmpCandidates());
        assertEquals(-1, s.wmpPassed());
    }

    @Test
    void pairedDrawsNeedAsManyOmpsAsWmpsOverEveryUnit() {
        PerturbationSelector paired = new PerturbationSelector().withCriterion(PerturbationSelector.Criterion.MATCHED)
                .withDraw(PerturbationSelector.Draw.PAIRED);
        ExpectedLoss loss = ExpectedLoss.of(counts, targets, 4);
        assertThrows(InvalidInputException.class,
                () -> paired.withCandidates(30, 20).select(intuitive, loss, new SplittableRandom(1)));
        assertThrows(InvalidInputException.class,
                () -> paired.withCandidates(30, 30).withOmpUnits(8).select(intuitive, loss, new SplittableRandom(1)));
    }

    /** loss_k = (|v'(mu_k) - v(mu_k)|^2 + tr(M2' S_k M2'^T)) / mean_k |v(mu_k)|^2, one bin at a time. */
    private static double[] handLosses(KalmanVelocityDecoder perturbed, KalmanVelocityDecoder intuitive,
            List<DMatrixRMaj> counts, List<Integer> targets, int k) {
        int q = intuitive.units();
        double[][] mean = new double[k][q];
        int[] n = new int[k];
        for (int i = 0; i < counts.size(); i++) {
            DMatrixRMaj c = counts.get(i);
            for (int b = 0; b < c.numRows; b++) {
                for (int u = 0; u < q; u++) {
                    mean[targets.get(i)][u] += c.get(b, u);
                }
                n[targets.get(i)]++;
            }
        }
        double[] varianceTerm = new double[k];
        for (int t = 0; t < k; t++) {
            for (int u = 0; u < q; u++) {
                mean[t][u] /= n[t];
            }
        }
        // tr(M2 S M2^T) = sum over bins of |M2 (u_b - mu)|^2 / (n - 1)
        DMatrixRMaj m2 = perturbed.M2();
        for (int i = 0; i < counts.size(); i++) {
            DMatrixRMaj c = counts.get(i);
            int t = targets.get(i);
            for (int b = 0; b < c.numRows; b++) {
                for (int row = 0; row < 2; row++) {
                    double v = 0;
                    for (int u = 0; u < q; u++) {
                        v += m2.get(row, u) * (c.get(b, u) - mean[t][u]);
                    }
                    varianceTerm[t] += v * v / (n[t] - 1);
                }
            }
        }
        double norm = 0;
        double[] bias = new double[k];
        for (int t = 0; t < k; t++) {
            double[] vi = new double[2];
            double[] vp = new double[2];
            intuitive.rawVelocity(mean[t], vi);
            perturbed.rawVelocity(mean[t], vp);
            norm += (vi[0] * vi[0] + vi[1] * vi[1]) / k;
            bias[t] = (vp[0] - vi[0]) * (vp[0] - vi[0]) + (vp[1] - vi[1]) * (vp[1] - vi[1]);
        }
        double[] loss = new double[k];
        for (int t = 0; t < k; t++) {
            loss[t] = (bias[t] + varianceTerm[t]) / norm;
        }
        return loss;
    }
}
