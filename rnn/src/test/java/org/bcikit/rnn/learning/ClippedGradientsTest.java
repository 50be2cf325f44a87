package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class ClippedGradientsTest {

    private static Parameter parameter(String name, double... gradient) {
        Parameter p = new Parameter(name, new DMatrixRMaj(1, gradient.length));
        System.arraycopy(gradient, 0, p.gradient().data, 0, gradient.length);
        return p;
    }

    @Test
    void scalesTheGlobalNormDownToTheMaximumKeepingTheDirection() {
        // global norm of (3, 0) and (0, 4) is 5; clipped to 1 each gradient is scaled by 1/5
        Parameter a = parameter("a", 3, 0);
        Parameter b = parameter("b", 0, 4);
        double[][] seen = new double[2][];
        ClippedGradients clip = new ClippedGradients(ps -> {
            seen[0] = ps.get(0).gradient().data.clone();
            seen[1] = ps.get(1).gradient().data.clone();
        }, 1);
        clip.step(List.of(a, b));
        assertArrayEquals(new double[] {0.6, 0}, seen[0], 1e-15);
        assertArrayEquals(new double[] {0, 0.8}, seen[1], 1e-15);
        assertEquals(1, clip.clippedSteps());
    }

    @Test
    void leavesSmallGradientsAndIgnoresFrozenWeightsInTheNorm() {
        // plastic entries (0.3, 0.4) have norm 0.5 < 1; the frozen 100 does not count
        Parameter a = parameter("a", 0.3, 0.4, 100).mask(new DMatrixRMaj(new double[][] {{1, 1, 0}}));
        double[][] seen = new double[1][];
        ClippedGradients clip = new ClippedGradients(ps -> seen[0] = ps.get(0).gradient().data.clone(), 1);
        clip.step(List.of(a));
        assertArrayEquals(new double[] {0.3, 0.4, 100}, seen[0], 0);
        assertEquals(0, clip.clippedSteps());
        // plastic norm 5 with max 2.5: halved, the frozen entry scaled along (it is never applied)
        Parameter b = parameter("b", 3, 4, 100).mask(new DMatrixRMaj(new double[][] {{1, 1, 0}}));
        ClippedGradients half = new ClippedGradients(ps -> seen[0] = ps.get(0).gradient().data.clone(), 2.5);
        half.step(List.of(b));
        assertArrayEquals(new double[] {1.5, 2, 50}, seen[0], 1e-15);
    }
}
