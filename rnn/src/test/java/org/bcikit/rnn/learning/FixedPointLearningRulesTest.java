package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.rnn.kernels.BatchedFixedPointTrainerTest;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointRnnTest;
import org.bcikit.rnn.model.FixedPointSolution;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Bias-only training and node perturbation on a fixed-point network (science.md §5.5). */
class FixedPointLearningRulesTest {

    private static final int N = 8;

    /** A quadratic task: per-sample loss 1/2 |h*_s - t_s|^2 with targets reachable by the network. */
    static NodePerturbation.SampleLoss quadratic(DMatrixRMaj targets) {
        return (h, s) -> {
            double l = 0;
            for (int i = 0; i < h.numCols; i++) {
                double d = h.get(s, i) - targets.get(s, i);
                l += 0.5 * d * d;
            }
            return l;
        };
    }

    static double exactLossAndGradient(FixedPointRnn net, DMatrixRMaj x, DMatrixRMaj targets) {
        FixedPointSolution s = net.solve(x);
        DMatrixRMaj g = s.states();
        CommonOps_DDRM.subtractEquals(g, targets);
        double l = 0.5 * CommonOps_DDRM.elementSum(BatchedFixedPointTrainerTest.elementSquare(g));
        assertTrue(net.gradient(s, g).converged());
        return l;
    }

    /** Targets = the fixed points of a perturbed copy of the network, so the loss can go to 0. */
    static DMatrixRMaj targets(FixedPointRnn net, DMatrixRMaj x) {
        FixedPointRnn teacher = net.copy();
        DMatrixRMaj db = FixedPointRnnTest.gaussian(N, 1, 77);
        CommonOps_DDRM.scale(0.5, db);
        CommonOps_DDRM.addEquals(teacher.bias().value(), db);
        return teacher.solve(x).states();
    }

    @Test
    void biasOnlyLeavesWeightsUntouchedAndLearns() {
        for (FixedPointRnnTest.Structure structure : FixedPointRnnTest.Structure.values()) {
            FixedPointRnn net = FixedPointRnnTest.network(structure, Activation.TANH, FixedPointRnn.Settings.defaults());
            DMatrixRMaj x = FixedPointRnnTest.gaussian(6, 3, 31);
            DMatrixRMaj t = targets(net, x);
            List<double[]> before = net.parameters().stream().map(p -> p.value().data.clone()).toList();
            Optimizer rule = BiasOnly.of(net, new Adam(0.02));
            double first = exactLossAndGradient(net, x, t);
            double last = first;
            for (int step = 0; step < 150; step++) {
                last = exactLossAndGradient(net, x, t);
                rule.step(net.parameters());
                net.refresh();
            }
            for (int i = 0; i < net.parameters().size(); i++) {
                Parameter p = net.parameters().get(i);
                if (p == net.bias()) {
                    assertFalse(java.util.Arrays.equals(before.get(i), p.value().data), "biases must change");
                } else {
                    assertArrayEquals(before.get(i), p.value().data, 0.0, structure + ": " + p.name() + " changed");
                }
            }
            assertTrue(last < 0.05 * first, structure + ": bias-only loss " + first + " -> " + last);
        }
    }

    @Test
    void nodePerturbationEstimatesTheGradientOnAverage() {
        FixedPointRnn net = FixedPointRnnTest.network(FixedPointRnnTest.Structure.DENSE, Activation.TANH,
                FixedPointRnn.Settings.defaults());
        DMatrixRMaj x = FixedPointRnnTest.gaussian(4, 3, 41);
        DMatrixRMaj t = targets(net, x);
        exactLossAndGradient(net, x, t);
        DMatrixRMaj[] exact = FixedPointRnnTest.gradients(net);
        NodePerturbation np = new NodePerturbation(1e-3, new SplittableRandom(42));
        DMatrixRMaj[] mean = new DMatrixRMaj[exact.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = new DMatrixRMaj(exact[i].numRows, exact[i].numCols);
        }
        int draws = 2000;
        for (int d = 0; d < draws; d++) {
            np.estimate(net, x, quadratic(t));
            for (int i = 0; i < mean.length; i++) {
                CommonOps_DDRM.addEquals(mean[i], 1.0 / draws, net.parameters().get(i).gradient());
            }
        }
        for (int i = 0; i < mean.length; i++) {
            double cos = CommonOps_DDRM.elementSum(elementProduct(mean[i], exact[i]))
                    / (org.ejml.dense.row.NormOps_DDRM.normF(mean[i]) * org.ejml.dense.row.NormOps_DDRM.normF(exact[i]));
            assertTrue(cos > 0.9, net.parameters().get(i).name() + ": cosine " + cos);
        }
    }

    private static DMatrixRMaj elementProduct(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj p = a.copy();
        CommonOps_DDRM.elementMult(p, b);
        return p;
    }

    private static double elementNorm(DMatrixRMaj m) {
        return org.ejml.dense.row.NormOps_DDRM.normF(m);
    }

    @Test
    void nodePerturbationDescendsAndIsReproducible() {
        double sumRatio = 0;
        int seeds = 5;
        for (int seed = 0; seed < seeds; seed++) {
            FixedPointRnn net = FixedPointRnnTest.network(FixedPointRnnTest.Structure.DENSE, Activation.TANH,
                    FixedPointRnn.Settings.defaults());
            DMatrixRMaj x = FixedPointRnnTest.gaussian(4, 3, 51);
            DMatrixRMaj t = targets(net, x);
            NodePerturbation np = new NodePerturbation(0.01, new SplittableRandom(seed));
            GradientDescent gd = new GradientDescent(0.05);
            double first = Double.NaN;
            double last = Double.NaN;
            for (int step = 0; step < 400; step++) {
                last = np.estimate(net, x, quadratic(t));
                if (step == 0) {
                    first = last;
                }
                gd.step(net.parameters());
                net.refresh();
            }
            sumRatio += last / first;
        }
        assertTrue(sumRatio / seeds < 0.5, "mean loss ratio after 400 node-perturbation steps: " + sumRatio / seeds);

        // same seed, same estimate
        FixedPointRnn a = FixedPointRnnTest.network(FixedPointRnnTest.Structure.DENSE, Activation.TANH, FixedPointRnn.Settings.defaults());
        FixedPointRnn b = a.copy();
        DMatrixRMaj x = FixedPointRnnTest.gaussian(4, 3, 52);
        DMatrixRMaj t = targets(a, x);
        new NodePerturbation(0.01, new SplittableRandom(9)).estimate(a, x, quadratic(t));
        new NodePerturbation(0.01, new SplittableRandom(9)).estimate(b, x, quadratic(t));
        for (int i = 0; i < a.parameters().size(); i++) {
            assertArrayEquals(a.parameters().get(i).gradient().data, b.parameters().get(i).gradient().data, 0.0);
        }
        assertTrue(elementNorm(a.parameters().get(0).gradient()) > 0);
    }
}
