package org.bcikit.rnn.adaptation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.junit.jupiter.api.Test;

class SpectraAtLastOnlyTest {

    private static StaticBciSetup setup(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(40, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        return StaticBciSetup.prepare(net, new GradientDescent(1e-2), 100, 4);
    }

    /**
     * Light entries keep the trajectory (loss, weight change, overlap) and the last entry is the full
     * measurement, whether the run completes (learning rate 0.01) or stops unstable (0.3, where the
     * last entry is measured afterwards from the copy kept at its step).
     */
    @Test
    void lastEntryAndTrajectoryEqualTheFullMeasurements() {
        int unstable = 0;
        for (double eta : new double[] {0.01, 0.3}) {
            StaticBciSetup s = setup(8);
            StaticAdaptation plan = new StaticAdaptation(400, 5, 10);
            StaticAdaptationResult full = plan.run(s.network().copy(), new GradientDescent(eta), s.decoder(), s.activity());
            StaticAdaptationResult light = plan.withSpectraAtLastOnly()
                    .run(s.network().copy(), new GradientDescent(eta), s.decoder(), s.activity());
            assertArrayEquals(full.loss(), light.loss(), 0.0, "losses at learning rate " + eta);
            assertEquals(full.stoppedAt(), light.stoppedAt());
            List<StaticStepMetrics> a = full.metrics();
            List<StaticStepMetrics> b = light.metrics();
            assertEquals(a.size(), b.size());
            assertTrue(a.size() >= 2, "need a light entry before the last, got " + a.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).step(), b.get(i).step());
                assertEquals(a.get(i).weightChange(), b.get(i).weightChange(), 0.0);
                assertEquals(a.get(i).manifoldOverlap(), b.get(i).manifoldOverlap(), 0.0);
            }
            for (int i = 0; i < b.size() - 1; i++) {
                assertTrue(Double.isNaN(b.get(i).spectralRadius()) && b.get(i).principalAngles().length == 0,
                        "entry " + i + " should carry no spectra");
            }
            StaticStepMetrics x = full.last();
            StaticStepMetrics y = light.last();
            assertEquals(x.spectralRadius(), y.spectralRadius(), 0.0);
            assertEquals(x.effectiveRank(), y.effectiveRank(), 0.0);
            assertEquals(x.participationRatio(), y.participationRatio(), 0.0);
            assertArrayEquals(x.principalAngles(), y.principalAngles(), 0.0);
            unstable += light.unstable() ? 1 : 0;
        }
        assertEquals(1, unstable, "one rate should stay stable and one go unstable, or the test shows little");
    }
}
