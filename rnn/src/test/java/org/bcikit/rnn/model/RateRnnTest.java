package org.bcikit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.learning.Adam;
import org.bcikit.rnn.learning.GradientDescent;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RateRnnTest {

    private static final int N = 12;
    private static final int M = 3;
    private static final int T = 15;

    /** A fixed trajectory: inputs and noise drawn once, so the loss is a deterministic function of the weights. */
    private record Probe(double[][] inputs, double[][] noise, double[] c) {

        static Probe draw(SplittableRandom rng) {
            double[][] in = new double[T][M];
            double[][] xi = new double[T][N];
            double[] c = new double[T * N];
            for (int t = 0; t < T; t++) {
                for (int k = 0; k < M; k++) {
                    in[t][k] = rng.nextGaussian();
                }
                for (int i = 0; i < N; i++) {
                    xi[t][i] = 0.1 * rng.nextGaussian();
                }
            }
            for (int k = 0; k < c.length; k++) {
                c[k] = rng.nextGaussian();
            }
            return new Probe(in, xi, c);
        }

        /** L = sum_t c_t . h_t + 1/2 |h_t|^2; fills dL/dh when grad is not null. */
        double loss(RateRnn net, double[] grad) {
            net.start();
            double[] h = new double[N];
            double l = 0;
            for (int t = 0; t < T; t++) {
                net.step(inputs[t], noise[t], h);
                for (int i = 0; i < N; i++) {
                    l += c[t * N + i] * h[i] + 0.5 * h[i] * h[i];
                    if (grad != null) {
                        grad[t * N + i] = c[t * N + i] + h[i];
                    }
                }
            }
            return l;
        }
    }

    private static RateRnn network(RecurrentWeights w, Activation phi, SplittableRandom rng) {
        DMatrixRMaj u = new DMatrixRMaj(N, M);
        DMatrixRMaj b = new DMatrixRMaj(N, 1);
        for (int k = 0; k < u.data.length; k++) {
            u.data[k] = rng.nextGaussian();
        }
        for (int k = 0; k < b.data.length; k++) {
            b.data[k] = 0.3 * rng.nextGaussian();
        }
        return new RateRnn(w, u, b, phi, 0.2, 0.1, T);
    }

    /**
     * Largest relative error (to the parameter's largest gradient entry) between BPTT and central
     * differences, over every entry of every parameter (W's structure, U, b).
     */
    private static double worstError(RateRnn net, Probe probe) {
        double[] gradH = new double[T * N];
        net.zeroGradients();
        probe.loss(net, gradH);
        net.backward(gradH);
        net.writeGradients();
        double eps = 1e-6;
        double worst = 0;
        for (Parameter p : net.parameters()) {
            double[] analytic = p.gradient().data.clone();
            double scale = 0;
            for (double v : analytic) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0, p.name() + " has a zero gradient");
            double[] w = p.value().data;
            boolean structural = net.recurrent().parameters().contains(p);
            for (int k = 0; k < w.length; k++) {
                double saved = w[k];
                if (structural && !(net.recurrent() instanceof DenseWeights) && saved < 2 * eps) {
                    continue; // on the boundary of the non-negative set the projection makes differences one-sided
                }
                w[k] = saved + eps;
                net.recurrent().refresh();
                double up = probe.loss(net, null);
                w[k] = saved - eps;
                net.recurrent().refresh();
                double down = probe.loss(net, null);
                w[k] = saved;
                net.recurrent().refresh();
                double numeric = (up - down) / (2 * eps);
                worst = Math.max(worst, Math.abs(numeric - analytic[k]) / scale);
            }
        }
        return worst;
    }

    @Test
    void bpttMatchesFiniteDifferencesForDenseWithEveryActivation() {
        for (Activation phi : Activation.values()) {
            SplittableRandom rng = new SplittableRandom(11);
            RateRnn net = network(new DenseWeights(Initialisation.standardGaussian(N, 1.2, rng)), phi, rng);
            double err = worstError(net, Probe.draw(rng));
            assertTrue(err < 1e-5, phi + ": relative error " + err);
        }
    }

    @Test
    void bpttMatchesFiniteDifferencesForColEi() {
        SplittableRandom rng = new SplittableRandom(12);
        RateRnn net = network(ColEiWeights.initialise(N, 0.25, 1.2, rng), Activation.TANH, rng);
        double err = worstError(net, Probe.draw(rng));
        assertTrue(err < 1e-5, "ColEI: relative error " + err);
    }

    @Test
    void bpttMatchesFiniteDifferencesForDann() {
        SplittableRandom rng = new SplittableRandom(13);
        RateRnn net = network(DannWeights.initialise(N, 3, 1.2, rng), Activation.TANH, rng);
        double err = worstError(net, Probe.draw(rng));
        assertTrue(err < 1e-5, "DANN: relative error " + err);
    }

    @Test
    void sameSeedSameTrajectory() {
        RateRnn a = RateRnn.gaussian(N, M, 0.9, Activation.RELU, 0.2, 0.3, T, new SplittableRandom(5));
        RateRnn b = a.copy();
        double[] in = {0.5, -0.2, 1.0};
        double[] ha = new double[N];
        double[] hb = new double[N];
        SplittableRandom ra = new SplittableRandom(9);
        SplittableRandom rb = new SplittableRandom(9);
        a.start();
        b.start();
        for (int t = 0; t < T; t++) {
            a.step(in, ra, ha);
            b.step(in, rb, hb);
        }
        for (int i = 0; i < N; i++) {
            assertEquals(ha[i], hb[i], 0.0);
        }
    }

    @Test
    void explodingActivityStopsTrainingWithStepAndReason() {
        // leaky integration of a ReLU network with gain 40: activity grows geometrically
        RateRnn net = RateRnn.gaussian(N, M, 40, Activation.RELU, 0.5, 0.0, 60, new SplittableRandom(3));
        net.bias().value().data[0] = 1.0;
        net.zeroGradients();
        net.start();
        double[] h = new double[N];
        for (int t = 0; t < 60; t++) {
            net.step(new double[M], (double[]) null, h);
        }
        List<Parameter> trainable = net.parameters();
        TrainingStopped e = assertThrows(TrainingStopped.class,
                () -> net.update(new Adam(1e-3), trainable, 7, 1.0));
        assertEquals(7, e.step());
        assertEquals(TrainingStopped.Reason.EXPLODING_ACTIVITY, e.reason());
        assertTrue(e.getMessage().contains("step 7") && e.getMessage().contains("exploded"), e.getMessage());
    }

    @Test
    void nanLossStopsTrainingAndLeavesWeightsUnchanged() {
        RateRnn net = RateRnn.gaussian(N, M, 0.9, Activation.TANH, 0.2, 0.0, T, new SplittableRandom(4));
        DMatrixRMaj before = net.recurrent().effective().copy();
        net.zeroGradients();
        TrainingStopped e = assertThrows(TrainingStopped.class,
                () -> net.update(new GradientDescent(0.1), net.parameters(), 3, Double.NaN));
        assertEquals(TrainingStopped.Reason.NON_FINITE_LOSS, e.reason());
        assertTrue(e.getMessage().startsWith("training stopped at step 3: loss is not finite"), e.getMessage());
        assertEquals(0.0, org.ejml.dense.row.CommonOps_DDRM.elementMaxAbs(
                org.ejml.dense.row.CommonOps_DDRM.subtract(before, net.recurrent().effective(), null)), 0.0);
    }
}
