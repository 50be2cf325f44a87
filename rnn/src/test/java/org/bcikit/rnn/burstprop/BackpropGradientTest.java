package org.bcikit.rnn.burstprop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class BackpropGradientTest {

    /** Central differences of the one-pattern loss against every entry of the analytic gradient. */
    @Test
    void gradientMatchesCentralDifferences() {
        TwoLayerNetwork net = TwoLayerNetwork.random(3, 5, 2, 1.0, new SplittableRandom(11));
        SplittableRandom rng = new SplittableRandom(12);
        for (DMatrixRMaj b : new DMatrixRMaj[] {net.b1(), net.b2()}) {
            for (int i = 0; i < b.data.length; i++) {
                b.data[i] = rng.nextGaussian();
            }
        }
        DMatrixRMaj x = new DMatrixRMaj(3, 1, true, 0.3, -1.2, 0.8);
        DMatrixRMaj t = new DMatrixRMaj(2, 1, true, 1.0, 0.2);
        BackpropGradient backprop = new BackpropGradient(net);
        TwoLayerUpdate g = new TwoLayerUpdate(net);
        backprop.gradient(net, x, t, g);
        DMatrixRMaj[] params = {net.w1(), net.b1(), net.w2(), net.b2()};
        DMatrixRMaj[] grads = {g.firstLayer(), g.firstBias(), g.secondLayer(), g.secondBias()};
        TwoLayerUpdate scratch = new TwoLayerUpdate(net);
        double h = 1e-6;
        int checked = 0;
        for (int p = 0; p < params.length; p++) {
            for (int i = 0; i < params[p].data.length; i++) {
                double keep = params[p].data[i];
                params[p].data[i] = keep + h;
                double up = backprop.gradient(net, x, t, scratch);
                params[p].data[i] = keep - h;
                double down = backprop.gradient(net, x, t, scratch);
                params[p].data[i] = keep;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, grads[p].data[i], 1e-8 + 1e-6 * Math.abs(numeric), "parameter " + p + "[" + i
                        + "]");
                checked++;
            }
        }
        assertEquals(3 * 5 + 5 + 5 * 2 + 2, checked);
    }
}
