package org.bcikit.decoders.hypotheses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Each hypothesis on a synthetic two-factor session whose prediction is known in closed form:
 * three units, the first two read out as the two factors ({@code z = x[0:2] - 5}), four clouds at
 * 0, 90, 180 and 270 degrees whose patterns all sit at the cloud mean {@code 2 u_c} (so every
 * re-binned repertoire mean is a convex combination of cloud means).
 */
class HypothesesClosedFormTest {

    private static final double[][] TARGETS = {{1, 0}, {0, 1}, {-1, 0}, {0, -1}};
    private static final int PER_CLOUD = 6;

    /** {@code B_p} swaps the factors and scales them by 0.5 and 2; {@code B_int} is the identity. */
    private static ReadoutGeometry geometry() {
        DMatrixRMaj beta = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 1, 0}});
        DMatrixRMaj bInt = new DMatrixRMaj(new double[][] {{1, 0}, {0, 1}});
        DMatrixRMaj bP = new DMatrixRMaj(new double[][] {{0, 0.5}, {2, 0}});
        return ReadoutGeometry.of(beta, new double[] {5, 5, 5}, bInt, new double[2], bP, new double[2]);
    }

    private static List<DMatrixRMaj> spikes() {
        List<DMatrixRMaj> out = new ArrayList<>();
        for (double[] u : TARGETS) {
            DMatrixRMaj s = new DMatrixRMaj(PER_CLOUD, 3);
            for (int t = 0; t < PER_CLOUD; t++) {
                s.set(t, 0, 5 + 2 * u[0]);
                s.set(t, 1, 5 + 2 * u[1]);
                s.set(t, 2, 5 + (t % 2 == 0 ? 1 : -1));
            }
            out.add(s);
        }
        return out;
    }

    private static Clouds clouds(List<DMatrixRMaj> spikes, ReadoutGeometry g) {
        List<DMatrixRMaj> z = new ArrayList<>();
        for (DMatrixRMaj s : spikes) {
            DMatrixRMaj f = new DMatrixRMaj(s.numRows, 2);
            for (int t = 0; t < s.numRows; t++) {
                f.set(t, 0, s.get(t, 0) - 5);
                f.set(t, 1, s.get(t, 1) - 5);
            }
            z.add(f);
        }
        return Clouds.predicted(z, directions(spikes.get(0).numRows), g);
    }

    /** Clouds carrying only the targets' directions (their patterns are never read as such). */
    private static Clouds directions(int perCloud) {
        List<DMatrixRMaj> z = new ArrayList<>();
        List<DMatrixRMaj> d = new ArrayList<>();
        for (double[] u : TARGETS) {
            DMatrixRMaj dc = new DMatrixRMaj(perCloud, 2);
            for (int t = 0; t < perCloud; t++) {
                dc.set(t, 0, u[0]);
                dc.set(t, 1, u[1]);
            }
            d.add(dc);
            z.add(new DMatrixRMaj(perCloud, 2));
        }
        return Clouds.withDirections(z, d);
    }

    private static HypothesisPredictor predictor(Clouds after) {
        ReadoutGeometry g = geometry();
        return HypothesisPredictor.of(g, clouds(spikes(), g), after, spikes());
    }

    @Test
    void realignmentTakesTheMeanBoxCornerThatPushesFurthest() {
        HypothesisPredictor p = predictor(clouds(spikes(), geometry()));
        PredictedGaussians r = p.predict(Hypothesis.REALIGNMENT);
        // Mean box: x0, x1 in [3, 7]. Progress along u under B_p is u . (0.5 z1, 2 z0):
        // target 0 deg wants z1 large (g = (0, 0.5)): z1 = +2, and z0 at lo (g0 = 0 is not > 0) = -2.
        assertArrayEquals(new double[] {-2, 2}, r.means().get(0), 1e-12);
        // target 90 deg: g = (2, 0): z0 = +2, z1 at lo = -2.
        assertArrayEquals(new double[] {2, -2}, r.means().get(1), 1e-12);
        assertArrayEquals(new double[] {-2, -2}, r.means().get(2), 1e-12);
        // Shared covariance: every cloud's own is zero here.
        assertEquals(0, r.covariances().get(0).get(0, 0), 1e-15);
    }

    @Test
    void reassociationReusesTheCloudMeanThatPushesFurthest() {
        HypothesisPredictor p = predictor(clouds(spikes(), geometry()));
        PredictedGaussians r = p.predict(Hypothesis.REASSOCIATION);
        // Target 0 deg: progress of a mean m is 0.5 m1: the 90-degree cloud (0, 2) is best.
        assertArrayEquals(new double[] {0, 2}, r.means().get(0), 1e-9);
        // Target 90 deg: progress 2 m0: the 0-degree cloud (2, 0).
        assertArrayEquals(new double[] {2, 0}, r.means().get(1), 1e-9);
        assertArrayEquals(new double[] {0, -2}, r.means().get(2), 1e-9);
        assertArrayEquals(new double[] {-2, 0}, r.means().get(3), 1e-9);
    }

    @Test
    void rescalingStretchesTheRepertoireButStaysInTheUnscaledBox() {
        HypothesisPredictor p = predictor(clouds(spikes(), geometry()));
        // Scales |B_int[:,i]| / |B_p[:,i]| = (1/2, 2).
        assertArrayEquals(new double[] {0.5, 2}, p.rescalingScales(), 1e-15);
        PredictedGaussians r = p.predict(Hypothesis.RESCALING);
        // Target 90 deg: progress 2 z0; rescaled means (1, 0), (0, 4), (-1, 0), (0, -4): (1, 0) is best.
        assertArrayEquals(new double[] {1, 0}, r.means().get(1), 1e-9);
        // Target 0 deg: progress 0.5 z1; (0, 4) is outside the box |z1| <= 2, so the best feasible
        // combination reaches z1 = 2 exactly: half of (0, 4) and half of a mean with z1 = 0.
        assertEquals(2, r.means().get(0)[1], 1e-9);
    }

    @Test
    void partialRealignmentInterpolatesToTheRecordedProgress() {
        ReadoutGeometry g = geometry();
        Clouds before = clouds(spikes(), g);
        HypothesisPredictor full = predictor(before);
        double[] zMax = full.predict(Hypothesis.REALIGNMENT).means().get(0);
        double p0 = g.perturbedProgress(before.mean(0), TARGETS[0]);
        double pMax = g.perturbedProgress(zMax, TARGETS[0]);
        // After-learning patterns recorded a quarter of the way from the before mean to zMax.
        List<DMatrixRMaj> afterZ = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            DMatrixRMaj z = before.factors(c);
            if (c == 0) {
                for (int t = 0; t < z.numRows; t++) {
                    z.set(t, 0, 0.75 * before.mean(0)[0] + 0.25 * zMax[0]);
                    z.set(t, 1, 0.75 * before.mean(0)[1] + 0.25 * zMax[1]);
                }
            }
            afterZ.add(z);
        }
        Clouds after = Clouds.predicted(afterZ, directions(PER_CLOUD), g);
        PredictedGaussians r = predictor(after).predict(Hypothesis.PARTIAL_REALIGNMENT);
        double[] alpha = (double[]) r.diagnostics().get("alpha");
        assertEquals(0.25, alpha[0], 1e-12);
        assertEquals(p0 + 0.25 * (pMax - p0), g.perturbedProgress(r.means().get(0), TARGETS[0]), 1e-12);
    }

    @Test
    void subselectionKeepsTheBestDrawWhenTheRecordedProgressIsBeyondReach() {
        ReadoutGeometry g = geometry();
        // Before clouds with spread, so draws differ; after clouds far beyond any draw's progress.
        List<DMatrixRMaj> spikes = new ArrayList<>();
        SplittableRandom rng = new SplittableRandom(3);
        for (double[] u : TARGETS) {
            DMatrixRMaj s = new DMatrixRMaj(40, 3);
            for (int t = 0; t < 40; t++) {
                s.set(t, 0, 5 + 2 * u[0] + 0.3 * rng.nextGaussian());
                s.set(t, 1, 5 + 2 * u[1] + 0.3 * rng.nextGaussian());
                s.set(t, 2, 5 + rng.nextGaussian());
            }
            spikes.add(s);
        }
        Clouds before = clouds(spikes, g);
        List<DMatrixRMaj> far = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            DMatrixRMaj z = new DMatrixRMaj(40, 2);
            for (int t = 0; t < 40; t++) {
                // Progress u . (0.5 z1, 2 z0) = 50 ux^2 + 200 uy^2 >= 50.
                z.set(t, 0, 100 * TARGETS[c][1]);
                z.set(t, 1, 100 * TARGETS[c][0]);
            }
            far.add(z);
        }
        List<DMatrixRMaj> d = new ArrayList<>();
        for (double[] u : TARGETS) {
            DMatrixRMaj dc = new DMatrixRMaj(40, 2);
            for (int t = 0; t < 40; t++) {
                dc.set(t, 0, u[0]);
                dc.set(t, 1, u[1]);
            }
            d.add(dc);
        }
        Clouds after = Clouds.predicted(far, Clouds.withDirections(far, d), g);
        HypothesisPredictor.Subselection s = HypothesisPredictor.of(g, before, after, spikes).subselect(new SplittableRandom(9));
        for (int c = 0; c < 4; c++) {
            assertTrue(after.progress(c)[0] >= 50 - 1e-9, "recorded progress is far beyond the draws");
            assertEquals(1, s.kept()[c], "only the single best draw comes nearest an unreachable target");
        }
        assertEquals(40, s.clouds().factors(0).numRows);
    }

    @Test
    void repertoireChangeOfALatticeAgainstItselfHasItsClosedForm() {
        // Reference = test = the points 0..10 on a line. A point's 5th nearest reference pattern is
        // its 4th nearest other (itself is 1st): mean 28/11; the references' 5th nearest others
        // average 39/11, times 11/10. So the change is (28/11) / 3.9 - 1 = -149/429.
        DMatrixRMaj x = new DMatrixRMaj(11, 1);
        for (int i = 0; i < 11; i++) {
            x.set(i, 0, i);
        }
        assertEquals(-149.0 / 429.0, Signatures.repertoireChange(x, x), 1e-12);
        // Mahalanobis scaling: stretching both sets changes nothing.
        DMatrixRMaj y = x.copy();
        org.ejml.dense.row.CommonOps_DDRM.scale(7.5, y);
        assertEquals(-149.0 / 429.0, Signatures.repertoireChange(y, y), 1e-12);
    }

    @Test
    void varianceAlongAMappingIsTheTraceInItsRowSpace() {
        DMatrixRMaj cov = new DMatrixRMaj(new double[][] {{4, 0, 0}, {0, 1, 0}, {0, 0, 9}});
        DMatrixRMaj m = new DMatrixRMaj(new double[][] {{3, 0, 0}, {0, -2, 0}});
        assertEquals(5, Signatures.rowSpaceVariance(cov, m), 1e-12);
        assertEquals(150, Signatures.percentChange(2, 5), 1e-12);
        assertEquals(2, Signatures.slope(new double[] {0, 1, 2}, new double[] {1, 3, 5}), 1e-12);
        assertFalse(Double.isNaN(Signatures.slope(new double[] {0, 1}, new double[] {0, 1})));
    }
}
