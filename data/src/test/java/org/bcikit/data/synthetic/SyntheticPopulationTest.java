package org.bcikit.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.bcikit.data.Recording;
import org.bcikit.data.RecordingAssert;
import org.bcikit.data.Trial;
import org.bcikit.data.synthetic.SyntheticPopulation.RateModel;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class SyntheticPopulationTest {

    private static final SyntheticPopulation SMALL = SyntheticPopulation.defaults().withUnits(12).withFactors(3)
            .withTrials(8, 3, 10);

    @Test
    void theSameSeedGivesTheSameSessionAndAnotherSeedAnother() {
        SyntheticSession a = SMALL.generate();
        SyntheticSession b = SMALL.generate();
        RecordingAssert.assertSameContent(a.recording(), b.recording(), true);
        assertArrayEquals(a.loadings().data, b.loadings().data);
        SyntheticSession c = SMALL.withSeed(2).generate();
        assertFalse(Arrays.equals(a.recording().stackedCounts().data, c.recording().stackedCounts().data));
        assertFalse(Arrays.equals(a.loadings().data, c.loadings().data));
    }

    @Test
    void theSubjectDoesNotDependOnTheSessionLength() {
        SyntheticSession shortS = SMALL.generate();
        SyntheticSession longS = SMALL.withTrials(8, 7, 30).generate();
        assertArrayEquals(shortS.normalizedLoadings().data, longS.normalizedLoadings().data);
        assertArrayEquals(shortS.baselineRates(), longS.baselineRates());
        // T scales with 1 / peak speed, which depends on the trial duration; directions do not.
        double ratio = longS.tuning().get(0, 0) / shortS.tuning().get(0, 0);
        assertEquals(SMALL.peakSpeed() / SMALL.withTrials(8, 7, 30).peakSpeed(), ratio, 1e-12);
    }

    @Test
    void trialsAreCentreOutReachesEndingOnTheirTargets() {
        Recording r = SMALL.generate().recording();
        assertEquals(24, r.trials().size());
        assertEquals(8, r.distinctTargets().size());
        int[] perCondition = new int[8];
        for (Trial t : r.trials()) {
            perCondition[t.target().conditionId()]++;
            DMatrixRMaj p = t.cursorPosition();
            DMatrixRMaj v = t.cursorVelocity();
            int last = t.bins() - 1;
            assertEquals(t.target().x(), p.get(last, 0), 1e-12);
            assertEquals(t.target().y(), p.get(last, 1), 1e-12);
            assertEquals(1.0, Math.hypot(t.target().x(), t.target().y()), 1e-12);
            for (int b = 1; b < t.bins(); b++) {
                assertEquals(p.get(b, 0), p.get(b - 1, 0) + v.get(b, 0) * r.binWidth(), 1e-12);
            }
            assertEquals(Outcome.SUCCESS, t.outcome());
        }
        assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3, 3, 3}, perCondition);
    }

    /** The mean of many sampled bins matches the exact expectation within 5 standard errors. */
    private static void checkExpectedCounts(SyntheticSession s, double vx, double vy) {
        int q = s.config().units();
        int n = 40_000;
        double[] sum = new double[q];
        double[] out = new double[q];
        SplittableRandom rng = new SplittableRandom(5);
        for (int k = 0; k < n; k++) {
            s.sampleCounts(vx, vy, rng, out);
            for (int i = 0; i < q; i++) {
                sum[i] += out[i];
            }
        }
        double[] expected = new double[q];
        s.expectedCounts(vx, vy, expected);
        for (int i = 0; i < q; i++) {
            // Var(u) >= E[u]; bound it generously by E[u] + 2 E[u]^2 for the rate variability.
            double se = Math.sqrt((expected[i] + 2 * expected[i] * expected[i]) / n);
            assertEquals(expected[i], sum[i] / n, 5 * se, "unit " + i);
        }
    }

    @Test
    void sampledCountsAverageToTheExpectedCountsForBothRateModels() {
        double v = SMALL.peakSpeed();
        checkExpectedCounts(SMALL.generate(), v, 0);
        // Strong modulation makes the rectification bite; the expectation accounts for it exactly.
        SyntheticSession relu = SMALL.withRateModel(RateModel.RECTIFIED_LINEAR).withNoise(1.0, 1.5).generate();
        checkExpectedCounts(relu, -0.5 * v, 0.5 * v);
        double[] e = new double[12];
        relu.expectedCounts(0, 0, e);
        double[] b = relu.baselineRates();
        assertTrue(e[0] > b[0] * 0.045, "rectification raises the mean above the baseline");
    }

    @Test
    void linearRatesFollowTheFactorAnalysisModelExactly() {
        SyntheticSession s = SMALL.withRateModel(RateModel.RECTIFIED_LINEAR).generate();
        DMatrixRMaj l = s.loadings();
        DMatrixRMaj lc = new DMatrixRMaj(12, 3);
        CommonOps_DDRM.mult(l, s.latentCovariance(), lc);
        DMatrixRMaj shared = new DMatrixRMaj(12, 12);
        CommonOps_DDRM.multTransB(lc, l, shared);
        DMatrixRMaj cov = s.countCovariance();
        double[] psi = s.privateVariances();
        for (int i = 0; i < 12; i++) {
            for (int j = 0; j < 12; j++) {
                double expected = shared.get(i, j) + (i == j ? psi[i] : 0);
                assertEquals(expected, cov.get(i, j), 1e-12 * (1 + Math.abs(expected)));
            }
        }
    }

    @Test
    void sampleMomentsOfALongSessionConvergeToTheExactMoments() {
        SyntheticSession s = SMALL.withTrials(8, 100, 20).generate();
        DMatrixRMaj u = s.recording().stackedCounts();
        int n = u.numRows;
        int q = u.numCols;
        double[] mean = s.meanCounts();
        DMatrixRMaj cov = s.countCovariance();
        double[] m = new double[q];
        for (int t = 0; t < n; t++) {
            for (int i = 0; i < q; i++) {
                m[i] += u.get(t, i) / n;
            }
        }
        double[] predicted = new double[q * (q - 1) / 2];
        double[] observed = new double[predicted.length];
        int k = 0;
        for (int i = 0; i < q; i++) {
            assertEquals(mean[i], m[i], 5 * Math.sqrt(cov.get(i, i) / n), "mean of unit " + i);
            for (int j = 0; j <= i; j++) {
                double c = 0;
                for (int t = 0; t < n; t++) {
                    c += (u.get(t, i) - m[i]) * (u.get(t, j) - m[j]);
                }
                c /= n;
                double se = Math.sqrt((cov.get(i, i) * cov.get(j, j) + cov.get(i, j) * cov.get(i, j)) / n);
                assertEquals(cov.get(i, j), c, 6 * se, "covariance " + i + "," + j);
                if (j < i) {
                    predicted[k] = cov.get(i, j);
                    observed[k++] = c;
                }
            }
        }
        // The shared structure is real, not noise: the off-diagonal pattern is reproduced.
        double corr = new org.apache.commons.math3.stat.correlation.PearsonsCorrelation()
                .correlation(predicted, observed);
        assertTrue(corr > 0.9, "correlation of predicted and sampled covariances " + corr);
    }

    @Test
    void rejectsConfigurationsThatMakeNoSense() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SMALL.withFactors(1));
        assertEquals("factors: expected an integer >= 2, found 1", e.getMessage());
        assertThrows(InvalidInputException.class, () -> SMALL.withNoise(-1, 0.5));
        assertThrows(InvalidInputException.class, () -> SMALL.withBaselineRate(0));
    }
}
