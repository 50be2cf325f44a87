package org.bcikit.rnn.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointRnnTest;
import org.bcikit.rnn.model.FixedPointSolution;
import org.bcikit.rnn.model.Initialisation;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

public class BatchedFixedPointTrainerTest {

    private static final int N = 12;
    private static final int INPUTS = 3;
    private static final int OUTPUTS = 2;
    private static final int BATCH = 20;

    static FixedPointRnn network() {
        SplittableRandom rng = new SplittableRandom(21);
        DMatrixRMaj w = Initialisation.standardGaussian(N, 0.5, rng);
        DMatrixRMaj u = FixedPointRnnTest.gaussian(N, INPUTS, 22);
        DMatrixRMaj b = FixedPointRnnTest.gaussian(N, 1, 23);
        CommonOps_DDRM.scale(0.2, b);
        return new FixedPointRnn(new DenseWeights(w), u, b, Activation.TANH,
                FixedPointRnn.Settings.defaults().withTolerance(1e-13));
    }

    static DMatrixRMaj[] gradients(FixedPointRnn net) {
        return FixedPointRnnTest.gradients(net);
    }

    static double relativeError(DMatrixRMaj[] expected, DMatrixRMaj[] actual) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double scale = CommonOps_DDRM.elementMaxAbs(expected[i]);
            worst = Math.max(worst, CommonOps_DDRM.elementMaxAbs(FixedPointRnnTest.diff(expected[i], actual[i])) / scale);
        }
        return worst;
    }

    /** The double-precision implicit gradient of L = (1/B) sum |D h* - y|^2 from FixedPointRnn. */
    static double reference(FixedPointRnn net, DMatrixRMaj d, DMatrixRMaj x, DMatrixRMaj y) {
        FixedPointSolution s = net.solve(x);
        DMatrixRMaj h = s.states();
        DMatrixRMaj r = new DMatrixRMaj(BATCH, OUTPUTS);
        CommonOps_DDRM.multTransB(h, d, r);
        CommonOps_DDRM.subtractEquals(r, y);
        double loss = CommonOps_DDRM.elementSum(elementSquare(r)) / BATCH;
        DMatrixRMaj g = new DMatrixRMaj(BATCH, N);
        CommonOps_DDRM.mult(2.0 / BATCH, r, d, g);
        assertTrue(net.gradient(s, g).converged());
        return loss;
    }

    public static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        DMatrixRMaj s = m.copy();
        CommonOps_DDRM.elementMult(s, m);
        return s;
    }

    @Test
    void implicitAndLongUnrolledGradientsMatchTheDoubleImplicitGradient() {
        FixedPointRnn net = network();
        DMatrixRMaj d = FixedPointRnnTest.gaussian(OUTPUTS, N, 24);
        DMatrixRMaj x = FixedPointRnnTest.gaussian(BATCH, INPUTS, 25);
        DMatrixRMaj y = FixedPointRnnTest.gaussian(BATCH, OUTPUTS, 26);
        double loss = reference(net, d, x, y);
        DMatrixRMaj[] exact = gradients(net);

        BatchedFixedPointTrainer implicit = new BatchedFixedPointTrainer(net, d, BATCH,
                BatchedFixedPointTrainer.Gradient.IMPLICIT, 1, 1e-7, 500, FloatKernels.best());
        assertEquals(loss, implicit.step(x, y), 1e-5 * loss);
        assertTrue(implicit.lastForward().converged() && implicit.lastAdjoint().converged());
        assertTrue(implicit.lastForward().iterations() > 5);
        double err = relativeError(exact, gradients(net));
        assertTrue(err < 1e-4, "float implicit vs double implicit: " + err);

        // 80 unrolled tanh steps at spectral radius 0.5 reach the fixed point, and so does BPTT's gradient
        BatchedFixedPointTrainer unrolled = new BatchedFixedPointTrainer(net, d, BATCH,
                BatchedFixedPointTrainer.Gradient.UNROLLED, 80, 1e-7, 1, new ScalarFloatKernels());
        assertEquals(loss, unrolled.step(x, y), 1e-5 * loss);
        err = relativeError(exact, gradients(net));
        assertTrue(err < 1e-4, "float unrolled(80) vs double implicit: " + err);

        // a short unrolling is visibly not the fixed-point gradient
        new BatchedFixedPointTrainer(net, d, BATCH, BatchedFixedPointTrainer.Gradient.UNROLLED, 3, 1e-7, 1,
                FloatKernels.best()).step(x, y);
        assertTrue(relativeError(exact, gradients(net)) > 1e-3);
    }

    @Test
    void linearSolveGradientsMatchTheClosedForm() {
        linearSolveMatchesClosedForm(network());
        // W = 2 x (a cyclic permutation): I - W has 1 on the diagonal and -2 off it, so the
        // Gauss-Jordan inverse must pivot
        DMatrixRMaj w = new DMatrixRMaj(N, N);
        for (int i = 0; i < N; i++) {
            w.set(i, (i + 1) % N, 2.0);
        }
        FixedPointRnn net = network();
        linearSolveMatchesClosedForm(new FixedPointRnn(new DenseWeights(w), net.inputWeights().value(), net.bias().value(),
                Activation.TANH, net.settings()));
    }

    private static void linearSolveMatchesClosedForm(FixedPointRnn net) {
        DMatrixRMaj d = FixedPointRnnTest.gaussian(OUTPUTS, N, 27);
        DMatrixRMaj x = FixedPointRnnTest.gaussian(BATCH, INPUTS, 28);
        DMatrixRMaj y = FixedPointRnnTest.gaussian(BATCH, OUTPUTS, 29);
        BatchedFixedPointTrainer linear = new BatchedFixedPointTrainer(net, d, BATCH,
                BatchedFixedPointTrainer.Gradient.LINEAR_SOLVE, 1, 1e-7, 1, FloatKernels.best());
        double loss = linear.step(x, y);
        DMatrixRMaj[] fast = gradients(net);

        // double closed form: h = (I - W)^-1 (U x + b), lambda = (I - W)^-T dL/dh, dW = sum lambda h^T
        DMatrixRMaj m = CommonOps_DDRM.identity(N);
        CommonOps_DDRM.subtractEquals(m, net.recurrent().effective());
        CommonOps_DDRM.invert(m);
        DMatrixRMaj a = new DMatrixRMaj(N, BATCH);
        CommonOps_DDRM.multTransB(net.inputWeights().value(), x, a);
        for (int i = 0; i < N; i++) {
            for (int s = 0; s < BATCH; s++) {
                a.add(i, s, net.bias().value().get(i, 0));
            }
        }
        DMatrixRMaj h = new DMatrixRMaj(N, BATCH);
        CommonOps_DDRM.mult(m, a, h);
        DMatrixRMaj r = new DMatrixRMaj(OUTPUTS, BATCH);
        CommonOps_DDRM.mult(d, h, r);
        DMatrixRMaj yt = CommonOps_DDRM.transpose(y, null);
        CommonOps_DDRM.subtractEquals(r, yt);
        double expectedLoss = CommonOps_DDRM.elementSum(elementSquare(r)) / BATCH;
        DMatrixRMaj g = new DMatrixRMaj(N, BATCH);
        CommonOps_DDRM.multTransA(2.0 / BATCH, d, r, g);
        DMatrixRMaj lambda = new DMatrixRMaj(N, BATCH);
        CommonOps_DDRM.multTransA(m, g, lambda);
        DMatrixRMaj gw = new DMatrixRMaj(N, N);
        CommonOps_DDRM.multTransB(lambda, h, gw);
        DMatrixRMaj gu = new DMatrixRMaj(N, INPUTS);
        CommonOps_DDRM.mult(lambda, x, gu);
        DMatrixRMaj gb = new DMatrixRMaj(N, 1);
        CommonOps_DDRM.sumRows(lambda, gb);

        assertEquals(expectedLoss, loss, 1e-5 * expectedLoss);
        double err = relativeError(new DMatrixRMaj[] {gw, gu, gb}, fast);
        assertTrue(err < 1e-4, "float linear solve vs double closed form: " + err);
    }
}
