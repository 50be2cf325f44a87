package org.bcikit.rnn.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.data.Outcome;
import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.task.TaskState;
import org.bcikit.decoders.task.TrialResult;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.RateRnn;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class RateRnnLearnerTest {

    /** A fixed x_t = M1 x_{t-1} + M2 u_t + m0 decoder with smoothing, so the backward pass goes through M1. */
    private static AffineDecoder decoder(int q, SplittableRandom rng) {
        DMatrixRMaj m1 = new DMatrixRMaj(2, 2, true, 0.8, 0.1, -0.05, 0.7);
        DMatrixRMaj m2 = new DMatrixRMaj(2, q);
        for (int k = 0; k < m2.data.length; k++) {
            m2.data[k] = 60 * rng.nextGaussian();
        }
        DMatrixRMaj m0 = new DMatrixRMaj(2, 1, true, 5, -3);
        return new AffineDecoder() {
            public int units() {
                return q;
            }

            public void step(double[] counts, double[] velocity) {
                throw new UnsupportedOperationException();
            }

            public void reset() {
            }

            public DMatrixRMaj M1() {
                return m1.copy();
            }

            public DMatrixRMaj M2() {
                return m2.copy();
            }

            public DMatrixRMaj m0() {
                return m0.copy();
            }

            public void rawVelocity(double[] counts, double[] velocity) {
                throw new UnsupportedOperationException();
            }
        };
    }

    /** Captures the gradients an optimiser would receive instead of stepping. */
    private static final class Capture implements Optimizer {
        final List<double[]> gradients = new ArrayList<>();

        @Override
        public void step(List<Parameter> parameters) {
            gradients.clear();
            for (Parameter p : parameters) {
                gradients.add(p.gradient().data.clone());
            }
        }
    }

    /** One open-loop trial of 12 bins toward a fixed target from a drifting cursor; returns its loss. */
    private static double trial(RateRnnLearner learner, long noiseSeed) {
        SplittableRandom rng = new SplittableRandom(noiseSeed);
        learner.reset(rng);
        double[] counts = new double[learner.units()];
        for (int t = 0; t < 12; t++) {
            learner.encode(TaskState.of(3.0 * t, -2.0 * t, 100, 40, 0.045), rng, counts);
        }
        learner.trialEnded(new TrialResult(0, 0, Outcome.FAILURE, Double.NaN, 12, 0, 0));
        return learner.lastTrialLoss();
    }

    @Test
    void gradientThroughTheDecoderMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(21);
        RateRnn net = RateRnn.gaussian(10, 4, 0.9, Activation.TANH, 0.3, 0.1, 20, rng);
        int[] readout = {1, 3, 4, 8};
        RateRnnLearner.Aim aim = new RateRnnLearner.Aim(125, 150, 40, true, 1);
        RateRnnLearner learner = new RateRnnLearner(net, readout, aim);
        learner.decoderChanged(decoder(readout.length, rng));
        Capture capture = new Capture();
        learner.learn(capture, net.parameters());
        trial(learner, 5);
        assertEquals(1, learner.updates());
        learner.freeze();
        double eps = 1e-6;
        double worst = 0;
        for (int i = 0; i < net.parameters().size(); i++) {
            Parameter p = net.parameters().get(i);
            double[] analytic = capture.gradients.get(i);
            double scale = 0;
            for (double g : analytic) {
                scale = Math.max(scale, Math.abs(g));
            }
            assertTrue(scale > 0, p.name());
            double[] w = p.value().data;
            for (int k = 0; k < w.length; k++) {
                double saved = w[k];
                w[k] = saved + eps;
                double up = trial(learner, 5);
                w[k] = saved - eps;
                double down = trial(learner, 5);
                w[k] = saved;
                worst = Math.max(worst, Math.abs((up - down) / (2 * eps) - analytic[k]) / scale);
            }
        }
        assertTrue(worst < 1e-5, "relative error " + worst);
    }
}
