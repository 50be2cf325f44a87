package org.bcikit.rnn.dale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.learning.MirrorDescent;
import org.bcikit.rnn.learning.SignFlipCounter;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.StructureGradients;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ColEiWeightsTest {

    @Test
    void publishedInitialisationHasDaleColumnsZeroDiagonalAndSpectralRadius() {
        ColEiWeights w = ColEiWeights.initialise(40, 0.25, 1.5, new SplittableRandom(1));
        assertEquals(30, w.excitatory());
        assertEquals(10, w.inhibitory());
        DMatrixRMaj eff = w.effective();
        for (int i = 0; i < 40; i++) {
            assertEquals(0.0, eff.get(i, i));
            assertEquals(0.0, w.magnitudes().mask().get(i, i));
            for (int j = 0; j < 40; j++) {
                if (i != j) {
                    assertTrue(j < 30 ? eff.get(i, j) > 0 : eff.get(i, j) < 0, "sign of column " + j);
                }
            }
        }
        assertEquals(1.5, EigenvalueSpectrum.of(eff).spectralRadius(), 1e-9);
    }

    @Test
    void inhibitoryColumnsAreScaledToBalanceExcitationOnAverage() {
        // sigma_I = (nE / nI) sigma_E, so the mean row sum of W (before the radius rescale) is ~0.
        ColEiWeights w = ColEiWeights.initialise(200, 0.2, 0, new SplittableRandom(2));
        double sum = 0.0;
        double abs = 0.0;
        for (double v : w.effective().data) {
            sum += v;
            abs += Math.abs(v);
        }
        assertTrue(Math.abs(sum) < 0.05 * abs, "E and I drive should cancel on average: " + sum + " vs " + abs);
    }

    @Test
    void backpropagateMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        ColEiWeights w = ColEiWeights.initialise(8, 0.25, 1.5, rng);
        DMatrixRMaj c = new DMatrixRMaj(8, 8);
        for (int k = 0; k < c.data.length; k++) {
            c.data[k] = rng.nextGaussian();
        }
        assertTrue(StructureGradients.maxRelativeError(w, c, 1e-6) < 1e-5);
    }

    @Test
    void projectedUpdatesKeepEverySignUnderRandomGradients() {
        SplittableRandom rng = new SplittableRandom(4);
        ColEiWeights w = ColEiWeights.initialise(30, 0.3, 1.5, rng);
        DMatrixRMaj before = w.effective().copy();
        Optimizer gd = MirrorDescent.gradientDescent(0.5);
        SignFlipCounter flips = new SignFlipCounter(java.util.List.of(new Parameter("W", w.effective())));
        for (int step = 0; step < 100; step++) {
            DMatrixRMaj g = new DMatrixRMaj(30, 30);
            for (int k = 0; k < g.data.length; k++) {
                g.data[k] = 3 * rng.nextGaussian();
            }
            w.backpropagate(g);
            gd.step(w.parameters());
            w.refresh();
            flips.update();
            for (double v : w.magnitudes().value().data) {
                assertTrue(v >= 0.0);
            }
        }
        assertEquals(0, flips.total());
        for (int i = 0; i < 30; i++) {
            assertEquals(0.0, w.effective().get(i, i), "frozen diagonal");
            for (int j = 0; j < 30; j++) {
                double v = w.effective().get(i, j);
                assertTrue(j < w.excitatory() ? v >= 0 : v <= 0);
            }
        }
        assertTrue(SignFlipCounter.count(before, w.effective()) == 0);
    }

    @Test
    void copyIsIndependent() {
        ColEiWeights w = ColEiWeights.initialise(6, 0.5, 1.0, new SplittableRandom(5));
        ColEiWeights c = w.copy();
        c.magnitudes().value().set(0, 1, 7.0);
        c.refresh();
        assertEquals(7.0, c.effective().get(0, 1));
        assertTrue(w.effective().get(0, 1) != 7.0);
        assertEquals(0.0, c.magnitudes().mask().get(2, 2));
    }

    @Test
    void rejectsNegativeMagnitudesAndBadFractions() {
        DMatrixRMaj bad = new DMatrixRMaj(new double[][] {{0, -1}, {1, 0}});
        assertThrows(IllegalArgumentException.class, () -> new ColEiWeights(bad, 1));
        assertThrows(IllegalArgumentException.class, () -> ColEiWeights.initialise(10, 0.0, 1.5, new SplittableRandom(0)));
        assertThrows(IllegalArgumentException.class, () -> ColEiWeights.initialise(10, 1.0, 1.5, new SplittableRandom(0)));
    }
}
