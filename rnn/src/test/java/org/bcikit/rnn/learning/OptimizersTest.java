package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    private static Parameter param(double... w) {
        return new Parameter("w", new DMatrixRMaj(1, w.length, true, w));
    }

    @Test
    void momentumAccumulatesTheGradientGeometrically() {
        Parameter p = param(1.0, -2.0);
        p.gradient().data[0] = 0.5;
        p.gradient().data[1] = -1.0;
        GradientDescent gd = new GradientDescent(0.1, 0.9);
        gd.step(List.of(p));
        gd.step(List.of(p));
        // m1 = g, m2 = 0.9 g + g = 1.9 g; total change = -0.1 (1 + 1.9) g = -0.29 g
        assertEquals(1.0 - 0.29 * 0.5, p.value().data[0], 1e-15);
        assertEquals(-2.0 + 0.29, p.value().data[1], 1e-15);
    }

    @Test
    void frozenWeightsNeverMove() {
        Parameter p = param(1.0, 1.0).mask(new DMatrixRMaj(1, 2, true, 1.0, 0.0));
        p.gradient().data[0] = 3.0;
        p.gradient().data[1] = 3.0;
        for (Optimizer o : List.<Optimizer>of(new GradientDescent(0.1), new Adam(0.1))) {
            o.step(List.of(p));
            assertEquals(1.0, p.value().data[1], 0.0);
        }
        assertEquals(1.0 - 0.3 - 0.1, p.value().data[0], 1e-7);
    }

    @Test
    void adamStepsByTheLearningRateWhateverTheGradientScale() {
        // with bias correction the first step is -lr g / (|g| + eps): size lr for any |g| >> eps
        for (double g : new double[] {1e-3, 1.0, 1e4}) {
            Parameter p = param(0.0);
            p.gradient().data[0] = g;
            Adam adam = new Adam(0.01);
            adam.step(List.of(p));
            assertEquals(-0.01, p.value().data[0], 1e-6);
            // constant gradient: m^ = g and v^ = g^2 at every step, so every step has the same size
            adam.step(List.of(p));
            assertEquals(-0.02, p.value().data[0], 1e-6);
        }
    }
}
