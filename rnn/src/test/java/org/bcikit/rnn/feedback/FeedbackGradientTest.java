package org.bcikit.rnn.feedback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.adaptation.StaticAdaptation;
import org.bcikit.rnn.adaptation.StaticAdaptationResult;
import org.bcikit.rnn.adaptation.StaticBciSetup;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;

class FeedbackGradientTest {

    static DMatrixRMaj random(int r, int c, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    /** Random inputs, nonzero bias and input noise, so every term of the bracket is exercised. */
    static StaticGaussianNetwork network(int n, SplittableRandom rng) {
        DMatrixRMaj x = random(3, 4, 1.0, rng);
        DMatrixRMaj t = random(2, 4, 1.0, rng);
        DenseWeights w = new DenseWeights(random(n, n, 0.4 / Math.sqrt(n), rng));
        return new StaticGaussianNetwork(new StaticTask(x, t), w, random(n, 3, 1.0, rng), random(n, 1, 0.5, rng),
                random(2, n, 0.7, rng), 0.05, 0.03);
    }

    private static DMatrixRMaj gradW(StaticGaussianNetwork net) {
        return net.recurrent().parameters().get(0).gradient().copy();
    }

    @Test
    void feedbackThroughTheDecodersTransposeIsTheExactGradient() {
        StaticGaussianNetwork net = network(12, new SplittableRandom(3));
        double exactLoss = net.backward().total();
        DMatrixRMaj exact = gradW(net);
        double loss = new FeedbackGradient(net).backward(net, CommonOps_DDRM.transpose(net.readout(), null));
        DMatrixRMaj viaFeedback = gradW(net);
        assertEquals(exactLoss, loss, 1e-14 * exactLoss);
        double scale = CommonOps_DDRM.elementMaxAbs(exact);
        assertTrue(scale > 1e-3);
        for (int i = 0; i < exact.data.length; i++) {
            assertEquals(exact.data[i], viaFeedback.data[i], 1e-12 * scale);
        }
    }

    @Test
    void anyFeedbackGivesTheClosedFormWithTheRealDecoderInTheBracket() {
        SplittableRandom rng = new SplittableRandom(5);
        StaticGaussianNetwork net = network(10, rng);
        DMatrixRMaj b = random(10, 2, 1.0, rng);
        new FeedbackGradient(net).backward(net, b);
        DMatrixRMaj g = gradW(net);

        // G = A^T B [V Sigma + (1/K) E Mu^T], everything formed explicitly
        int n = 10;
        DMatrixRMaj iw = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.subtractEquals(iw, net.recurrent().effective());
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(iw, a);
        DMatrixRMaj u = net.inputWeights().value();
        DMatrixRMaj s0 = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.scale(net.noiseVariance(), s0);
        CommonOps_DDRM.multAddTransB(net.inputNoiseVariance(), u, u, s0);
        DMatrixRMaj sigma = CommonOps_DDRM.mult(CommonOps_DDRM.mult(a, s0, null), CommonOps_DDRM.transpose(a, null), null);
        DMatrixRMaj drive = CommonOps_DDRM.mult(u, net.task().inputs(), null);
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < drive.numCols; c++) {
                drive.add(i, c, net.bias().value().get(i));
            }
        }
        DMatrixRMaj mu = CommonOps_DDRM.mult(a, drive, null);
        DMatrixRMaj v = net.readout();
        DMatrixRMaj e = CommonOps_DDRM.mult(v, mu, null);
        CommonOps_DDRM.subtractEquals(e, net.task().targets());
        DMatrixRMaj bracket = CommonOps_DDRM.mult(v, sigma, null);
        CommonOps_DDRM.multAddTransB(1.0 / mu.numCols, e, mu, bracket);
        DMatrixRMaj expected = CommonOps_DDRM.mult(CommonOps_DDRM.multTransA(a, b, null), bracket, null);
        double scale = CommonOps_DDRM.elementMaxAbs(expected);
        for (int i = 0; i < g.data.length; i++) {
            assertEquals(expected.data[i], g.data[i], 1e-10 * scale);
        }
    }

    @Test
    void exactFeedbackAdaptationRetracesExactGradientDescent() {
        SplittableRandom rng = new SplittableRandom(11);
        int n = 20;
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(n, Initialisation.RICH_EXPONENT, rng)), 1e-2, 0, rng);
        StaticBciSetup setup = StaticBciSetup.prepare(net, new GradientDescent(1e-2), 30, 4);
        StaticGaussianNetwork a = setup.network().copy();
        DMatrixRMaj perturbed = setup.network().readout().copy();
        CommonOps_DDRM.scale(-1, perturbed); // a decoder flip: large initial error
        a.setReadout(perturbed);
        StaticGaussianNetwork b = a.copy();
        StaticAdaptationResult exact = new StaticAdaptation(40, 40, 10).run(a, new GradientDescent(1e-2),
                setup.decoder(), setup.activity());
        FeedbackAdaptationResult viaFeedback = new FeedbackAdaptation(40, 10).run(b, new ExactFeedback(),
                new GradientDescent(1e-2));
        assertEquals(41, viaFeedback.loss().length);
        assertArrayEquals(exact.loss(), viaFeedback.loss(), 1e-12 * exact.loss()[0]);
        assertTrue(viaFeedback.performance()[40] > 0.01, "learned nothing");
        for (double angle : viaFeedback.angle()) {
            assertEquals(0, angle, 1e-5);
        }
        assertEquals(0, NormOps_DDRM.normF(CommonOps_DDRM.subtract(a.recurrent().effective(), b.recurrent().effective(),
                null)), 1e-12);
    }
}
