package org.bcikit.rnn.model;

import static org.bcikit.rnn.model.StaticGaussianNetworkTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class WoodburyDescentTest {

    /** Dense inputs, a nonzero bias and input noise: every term of the loss and of dL/dW takes part. */
    private static StaticGaussianNetwork noisy(int n, SplittableRandom rng) {
        StaticTask task = new StaticTask(random(3, 4, 1.0, rng), random(2, 4, 1.0, rng));
        return new StaticGaussianNetwork(task, new DenseWeights(Initialisation.gaussianWithGain(n, 0.6, rng)),
                random(n, 3, 1.0, rng), random(n, 1, 0.5, rng), random(2, n, 0.7, rng), 0.05, 0.03);
    }

    /** Payeur et al.'s set-up: one-hot inputs, no bias, no input noise (the lazy-rich path). */
    private static StaticGaussianNetwork paper(int n, SplittableRandom rng) {
        return StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(n, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
    }

    private static double maxRelative(DMatrixRMaj a, DMatrixRMaj b) {
        double scale = 0;
        double diff = 0;
        for (int i = 0; i < a.getNumElements(); i++) {
            scale = Math.max(scale, Math.abs(b.data[i]));
            diff = Math.max(diff, Math.abs(a.data[i] - b.data[i]));
        }
        return diff / scale;
    }

    private static void sameLossAndGradientAsGeneralPath(StaticGaussianNetwork net) {
        StaticGaussianNetwork reference = net.copy();
        WoodburyDescent fast = new WoodburyDescent(net, 1e-2, 50);
        StaticLoss l = fast.evaluate();
        StaticLoss r = reference.backward();
        assertEquals(r.total(), l.total(), 1e-12 * r.total());
        assertEquals(r.variance(), l.variance(), 1e-12 * r.variance());
        assertEquals(r.mean(), l.mean(), 1e-12 * r.mean());
        double e = maxRelative(net.recurrent().parameters().get(0).gradient(),
                reference.recurrent().parameters().get(0).gradient());
        assertTrue(e < 1e-11, "dL/dW differs from the general path by " + e);
    }

    @Test
    void lossAndGradientEqualTheGeneralPath() {
        SplittableRandom rng = new SplittableRandom(3);
        sameLossAndGradientAsGeneralPath(noisy(12, rng));
        sameLossAndGradientAsGeneralPath(paper(40, rng));
    }

    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(4);
        StaticGaussianNetwork net = noisy(9, rng);
        WoodburyDescent fast = new WoodburyDescent(net, 1e-2, 50);
        fast.evaluate();
        double[] g = net.recurrent().parameters().get(0).gradient().data.clone();
        double[] w = net.recurrent().effective().data;
        double scale = 0;
        for (double v : g) {
            scale = Math.max(scale, Math.abs(v));
        }
        double h = 1e-6;
        double worst = 0;
        for (int k = 0; k < w.length; k++) {
            double saved = w[k];
            w[k] = saved + h;
            double up = net.loss().total();
            w[k] = saved - h;
            double down = net.loss().total();
            w[k] = saved;
            worst = Math.max(worst, Math.abs((up - down) / (2 * h) - g[k]) / scale);
        }
        assertTrue(scale > 1e-3 && worst < 1e-6, "relative error " + worst + " (scale " + scale + ")");
    }

    @Test
    void trackedInverseStaysTheInverseOverManyUpdates() {
        SplittableRandom rng = new SplittableRandom(5);
        for (StaticGaussianNetwork net : new StaticGaussianNetwork[] {noisy(15, rng), paper(60, rng)}) {
            // no refactorisation in 400 updates: the Woodbury updates alone carry A
            WoodburyDescent fast = new WoodburyDescent(net, 1e-2, 1000);
            for (int t = 0; t < 400; t++) {
                fast.evaluate();
                fast.update();
            }
            DMatrixRMaj fresh = CommonOps_DDRM.identity(net.units());
            CommonOps_DDRM.subtractEquals(fresh, net.recurrent().effective());
            assertTrue(CommonOps_DDRM.invert(fresh));
            double e = maxRelative(fast.inverse(), fresh);
            assertTrue(e < 1e-10, "tracked inverse off by " + e + " after 400 updates");
        }
    }

    @Test
    void trajectoryEqualsPlainGradientDescentOnTheGeneralPath() {
        SplittableRandom rng = new SplittableRandom(6);
        StaticGaussianNetwork net = paper(50, rng);
        StaticGaussianNetwork reference = net.copy();
        double eta = 1e-2;
        WoodburyDescent fast = new WoodburyDescent(net, eta, 50);
        Parameter w = reference.recurrent().parameters().get(0);
        double first = 0;
        for (int t = 0; t < 300; t++) {
            double l = fast.evaluate().total();
            double r = reference.backward().total();
            first = t == 0 ? r : first;
            assertEquals(r, l, 1e-10 * r, "loss at step " + t);
            fast.update();
            for (int i = 0; i < w.value().getNumElements(); i++) {
                w.value().data[i] -= eta * w.gradient().data[i];
            }
        }
        assertTrue(reference.loss().total() < 0.5 * first, "the run learned nothing, so nothing was compared");
        assertTrue(maxRelative(net.recurrent().effective(), reference.recurrent().effective()) < 1e-10);
    }

    @Test
    void refusesStructuresItCannotTrackAndUpdatesWithoutEvaluation() {
        SplittableRandom rng = new SplittableRandom(7);
        StaticGaussianNetwork net = paper(10, rng);
        net.recurrent().parameters().get(0).mask(new DMatrixRMaj(10, 10));
        assertFalse(WoodburyDescent.supports(net));
        assertThrows(IllegalArgumentException.class, () -> new WoodburyDescent(net, 1e-2, 10));
        WoodburyDescent fast = new WoodburyDescent(paper(10, rng), 1e-2, 10);
        assertThrows(IllegalStateException.class, fast::update);
    }
}
