package org.bcikit.decoders.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.Recording;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation;
import org.bcikit.data.synthetic.SyntheticSession;
import org.bcikit.decoders.adaptive.AdaptiveKalmanDecoder;
import org.bcikit.decoders.adaptive.SmoothBatch;
import org.bcikit.decoders.kalman.FactorFitter;
import org.bcikit.decoders.kalman.KalmanCalibration;
import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.bcikit.decoders.kalman.KalmanVelocityDecoderTest;
import org.bcikit.decoders.perturbation.OpenLoopLoss;
import org.bcikit.decoders.perturbation.OutsideManifoldPerturbation;
import org.bcikit.decoders.perturbation.PerturbationSelector;
import org.bcikit.decoders.perturbation.WithinManifoldPerturbation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The data layer's synthetic population as the fixed subject of the whole BCI loop (Sadtler et al.
 * 2014): calibrate the rig's decoder (z-scoring, factor analysis, Kalman filter with A = I,
 * Q = 2000 I) on its observation trials, decode held-out trials, control the cursor, suffer under
 * the selected WMP and OMP, and recover with SmoothBatch (Orsborn et al. 2014).
 */
class SyntheticSubjectTest {

    static final int D = 6;
    static SyntheticSession session;
    static List<DMatrixRMaj> trainCounts = new ArrayList<>();
    static List<DMatrixRMaj> trainVelocity = new ArrayList<>();
    static List<DMatrixRMaj> testCounts = new ArrayList<>();
    static List<DMatrixRMaj> testVelocity = new ArrayList<>();
    static DMatrixRMaj meanCounts;
    static KalmanVelocityDecoder intuitive;
    static PopulationEncoder subject;
    static CursorTask task;
    static BlockResult baseline;
    static PerturbationSelector.Selection selection;

    @BeforeAll
    static void calibrate() {
        // 80 units, 6 factors, 8 targets x 12 reaches of 0.9 s to 125 mm, 30 Hz baselines
        SyntheticPopulation config = new SyntheticPopulation(90, D, 8, 12, 20, 0.045,
                SyntheticPopulation.RateModel.EXPONENTIAL, 0.3, 40.0, 0.6, 125.0, 3L);
        session = config.generate();
        Recording r = session.recording();
        int q = r.units();
        meanCounts = new DMatrixRMaj(8, q);
        int[] n = new int[8];
        for (int i = 0; i < r.trials().size(); i++) {
            Trial t = r.trials().get(i);
            boolean train = i < 9 * 8;
            (train ? trainCounts : testCounts).add(t.counts());
            (train ? trainVelocity : testVelocity).add(t.cursorVelocity());
            if (train) {
                int k = t.target().conditionId();
                for (int b = 0; b < t.bins(); b++) {
                    for (int u = 0; u < q; u++) {
                        meanCounts.add(k, u, t.count(b, u));
                    }
                    n[k]++;
                }
            }
        }
        for (int k = 0; k < 8; k++) {
            for (int u = 0; u < q; u++) {
                meanCounts.set(k, u, meanCounts.get(k, u) / n[k]);
            }
        }
        intuitive = KalmanCalibration.fixedDynamics(CommonOps_DDRM.identity(2), CommonOps_DDRM.diag(2000, 2000))
                .fit(trainCounts, trainVelocity, FactorFitter.factorAnalysis(D));
        subject = new PopulationEncoder(new SyntheticSubject(session), 150, 40);
        task = new CursorTask(CursorTask.Config.defaults().withTimeout(3));
        baseline = task.runBlock(subject, intuitive, CursorTask.Block.of("intuitive", 48), new SplittableRandom(3));
        // both criteria: screened on the mean over targets (with 6 factors no WMP rotates every
        // target by 20-75 degrees), then matched difficulty; OMPs permute the 20 most modulated units
        selection = new PerturbationSelector().withCandidates(719, 400).withOmpUnits(20).withScreenEveryTarget(false)
                .select(intuitive, new OpenLoopLoss(meanCounts), new SplittableRandom(5));
    }

    @Test
    void calibratedKalmanDecodesHeldOutIntendedVelocity() {
        double[] r = correlation(intuitive.fresh(), testCounts, testVelocity);
        assertTrue(r[0] > 0.9 && r[1] > 0.9, "held-out correlation " + r[0] + ", " + r[1]);
    }

    @Test
    void intuitiveControlSucceedsAndSelectedPerturbationsImpairUntilSmoothBatchRecovers() {
        assertTrue(baseline.successRate() >= 0.9, "intuitive success " + baseline.successRate());
        for (PerturbationSelector.Choice c : List.of(selection.wmp(), selection.omp())) {
            SplittableRandom rng = new SplittableRandom(7);
            BlockResult early = task.runBlock(subject, c.decoder(), CursorTask.Block.of("perturbed", 48), rng);
            // batches of 300 bins (13.5 s): with much smaller batches the refit is too noisy and the
            // speed-keeping intention estimate lets an OMP decoder slow down batch after batch
            AdaptiveKalmanDecoder adaptive = new AdaptiveKalmanDecoder(c.decoder(), new SmoothBatch(20), 300);
            task.runBlock(subject, adaptive, new CursorTask.Block("adapt", 160, true, 0), rng);
            BlockResult frozen = task.runBlock(subject, adaptive, CursorTask.Block.of("frozen", 48), rng);
            assertTrue(early.successRate() <= baseline.successRate() - 0.3,
                    c.perturbation().describe() + ": success " + early.successRate());
            assertTrue(frozen.successRate() >= 0.9, c.perturbation().kind() + " after SmoothBatch " + frozen.successRate());
        }
    }

    @Test
    void bothCriteriaAreReported() {
        assertTrue(selection.wmp().perturbation() instanceof WithinManifoldPerturbation);
        assertTrue(selection.omp().perturbation() instanceof OutsideManifoldPerturbation);
        assertEquals(8, selection.medianLoss().length);
        for (PerturbationSelector.Choice c : List.of(selection.wmp(), selection.omp())) {
            assertTrue(c.prediction().passesOnAverage(20, 75, 0.25, 2), c.perturbation().describe());
        }
    }

    static double[] correlation(KalmanVelocityDecoder dec, List<DMatrixRMaj> counts, List<DMatrixRMaj> velocities) {
        double[][] s = new double[2][5];
        double[] v = new double[2];
        double n = 0;
        for (int i = 0; i < counts.size(); i++) {
            dec.reset();
            DMatrixRMaj c = counts.get(i);
            for (int t = 0; t < c.numRows; t++) {
                dec.step(KalmanVelocityDecoderTest.rowOf(c, t), v);
                for (int j = 0; j < 2; j++) {
                    double x = velocities.get(i).get(t, j);
                    s[j][0] += x;
                    s[j][1] += v[j];
                    s[j][2] += x * x;
                    s[j][3] += v[j] * v[j];
                    s[j][4] += x * v[j];
                }
                n++;
            }
        }
        double[] r = new double[2];
        for (int j = 0; j < 2; j++) {
            r[j] = (s[j][4] - s[j][0] * s[j][1] / n)
                    / Math.sqrt((s[j][2] - s[j][0] * s[j][0] / n) * (s[j][3] - s[j][1] * s[j][1] / n));
        }
        return r;
    }
}
