package org.bcikit.rnn.adaptation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.junit.jupiter.api.Test;

class StaticAdaptationDivergenceTest {

    @Test
    void weightsThatBlewUpBetweenChecksStopTheRunAsUnstable() {
        SplittableRandom rng = new SplittableRandom(4);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(20, 1.0, rng)), 1e-2, 0, rng);
        StaticBciSetup setup = StaticBciSetup.prepare(net, new GradientDescent(1e-2), 20, 6);
        StaticGaussianNetwork adapting = setup.network().copy();
        // an update rule that overflows one weight on its fifth step, just before the check at step 5
        // (without the finiteness check the eigen-decomposition of W fails with an exception)
        int[] calls = {0};
        Optimizer overflowing = parameters -> {
            if (++calls[0] == 5) {
                parameters.get(0).value().data[1] = Double.POSITIVE_INFINITY;
            }
        };
        StaticAdaptationResult r = new StaticAdaptation(50, 50, 5).run(adapting, overflowing, setup.decoder(),
                setup.activity());
        assertTrue(r.unstable(), r.stopReason());
        assertTrue(r.stopReason().contains("spectral radius of W reached Infinity at step 5"), r.stopReason());
        assertEquals(5, r.loss().length, "steps 0-4 ran before W overflowed");
        assertTrue(r.loss()[4] > 0 && Double.isFinite(r.loss()[4]));
    }
}
