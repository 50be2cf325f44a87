package org.bcikit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.dale.DannWeights;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The protocol the three learner models share: names, ownership of what they are given, overwritten gradients. */
class TrainableNetworkTest {

    private static final int N = 6;
    private static final int INPUTS = 2;

    private static DMatrixRMaj gaussian(int rows, int cols, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < m.data.length; k++) {
            m.data[k] = sd * rng.nextGaussian();
        }
        return m;
    }

    private static List<TrainableNetwork> networks(RecurrentWeights w, DMatrixRMaj u, DMatrixRMaj b) {
        StaticTask task = new StaticTask(gaussian(INPUTS, 3, 1.0, new SplittableRandom(1)),
                gaussian(2, 3, 1.0, new SplittableRandom(2)));
        return List.of(
                new StaticGaussianNetwork(task, w, u, b, gaussian(2, N, 0.5, new SplittableRandom(3)), 0.01, 0.0),
                new FixedPointRnn(w, u, b, Activation.TANH, FixedPointRnn.Settings.defaults()),
                new RateRnn(w, u, b, Activation.TANH, 0.2, 0.0, 5));
    }

    @Test
    void everyModelOwnsCopiesOfItsArgumentsAndNamesItsParametersAlike() {
        SplittableRandom rng = new SplittableRandom(7);
        DannWeights w = DannWeights.initialise(N, 2, 0.5, rng);
        DMatrixRMaj u = gaussian(N, INPUTS, 1.0, rng);
        DMatrixRMaj b = gaussian(N, 1, 0.3, rng);
        double w0 = w.effective().get(1, 2);
        double u0 = u.get(3, 1);
        for (TrainableNetwork net : networks(w, u, b)) {
            String model = net.getClass().getSimpleName();
            assertEquals(N, net.units(), model);
            assertNotSame(w, net.recurrent(), model);
            assertEquals(List.of("W_EE", "W_EI", "W_IE", "U", "b"),
                    net.parameters().stream().map(Parameter::name).toList(), model);
            assertSame(net.parameters(), net.parameters(), model + ": the same list on every call");
            assertSame(net.inputWeights(), net.parameters().get(3), model);
            assertSame(net.bias(), net.parameters().get(4), model);
            // changing the network leaves the arguments alone, and the other way round
            net.inputWeights().value().set(3, 1, 99.0);
            ((DannWeights) net.recurrent()).excitatoryToExcitatory().value().set(1, 2, 5.0);
            net.recurrent().refresh();
            assertEquals(u0, u.get(3, 1), 0.0, model);
            assertEquals(w0, w.effective().get(1, 2), 0.0, model);
            u.set(0, 0, -7.0);
            assertNotEquals(-7.0, net.inputWeights().value().get(0, 0), model);
            TrainableNetwork copy = net.copy();
            assertNotSame(net.recurrent(), copy.recurrent(), model);
            assertEquals(net.recurrent().effective().get(1, 2), copy.recurrent().effective().get(1, 2), 0.0, model);
            copy.inputWeights().value().set(3, 1, 1.0);
            assertEquals(99.0, net.inputWeights().value().get(3, 1), 0.0, model);
        }
    }

    @Test
    void staticBackwardReturnsTheLossItsPartsAndOverwritesTheGradients() {
        SplittableRandom rng = new SplittableRandom(8);
        StaticGaussianNetwork net = (StaticGaussianNetwork) networks(
                new DenseWeights(gaussian(N, N, 0.2, rng)), gaussian(N, INPUTS, 1.0, rng), gaussian(N, 1, 0.3, rng)).get(0);
        StaticLoss first = net.backward();
        double[] gradient = net.inputWeights().gradient().data.clone();
        StaticLoss second = net.backward();
        assertEquals(first, second);
        assertEquals(first, net.loss());
        assertEquals(first.variance() + first.mean(), first.total(), 0.0);
        assertArrayEquals(gradient, net.inputWeights().gradient().data, 0.0, "a second backward overwrites, never adds");
    }

    @Test
    void rateNetworkSumsTrajectoriesInsideAndWritesTheSumOverTheGradients() {
        SplittableRandom rng = new SplittableRandom(9);
        RateRnn net = (RateRnn) networks(new DenseWeights(gaussian(N, N, 0.3, rng)), gaussian(N, INPUTS, 1.0, rng),
                gaussian(N, 1, 0.3, rng)).get(2);
        double[] in = {0.5, -1.0};
        double[] gradH = new double[5 * N];
        java.util.Arrays.fill(gradH, 0.1);
        net.zeroGradients();
        net.start();
        for (int t = 0; t < 5; t++) {
            net.step(in, (double[]) null, null);
        }
        net.backward(gradH);
        net.writeGradients();
        double[] once = net.inputWeights().gradient().data.clone();
        double[] onceW = net.recurrent().parameters().get(0).gradient().data.clone();
        net.writeGradients();
        assertArrayEquals(once, net.inputWeights().gradient().data, 0.0, "writing twice does not add");
        net.backward(gradH); // the same trajectory again: the sum doubles
        net.writeGradients();
        for (int k = 0; k < once.length; k++) {
            assertEquals(2 * once[k], net.inputWeights().gradient().data[k], 1e-15 * Math.abs(once[k]));
        }
        for (int k = 0; k < onceW.length; k++) {
            assertEquals(2 * onceW[k], net.recurrent().parameters().get(0).gradient().data[k], 1e-15 * Math.abs(onceW[k]));
        }
        net.zeroGradients();
        net.writeGradients();
        assertEquals(0.0, org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(net.bias().gradient()), 0.0);
    }
}
