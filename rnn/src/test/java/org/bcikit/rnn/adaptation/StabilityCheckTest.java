package org.bcikit.rnn.adaptation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.analysis.EigenvalueSpectrum;
import org.bcikit.rnn.learning.GradientDescent;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.Initialisation;
import org.bcikit.rnn.model.Parameter;
import org.bcikit.rnn.model.StaticGaussianNetwork;
import org.bcikit.rnn.model.StaticTask;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class StabilityCheckTest {

    /** The rule as first written: the general path, a GD step, an eigen-decomposition at every check. */
    private static double[] referenceRun(StaticGaussianNetwork net, double eta, int steps, int every, int[] stop) {
        Parameter w = net.recurrent().parameters().get(0);
        double[] loss = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            if (t % every == 0 || t == steps) {
                if (!(EigenvalueSpectrum.of(w.value()).spectralRadius() < 1.0)) {
                    stop[0] = t;
                    return java.util.Arrays.copyOf(loss, t);
                }
            }
            loss[t] = net.backward().total();
            if (t < steps) {
                DMatrixRMaj g = w.gradient();
                for (int i = 0; i < g.getNumElements(); i++) {
                    w.value().data[i] -= eta * g.data[i];
                }
            }
        }
        stop[0] = -1;
        return loss;
    }

    private static StaticBciSetup setup(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        StaticGaussianNetwork net = StaticGaussianNetwork.initialise(StaticTask.centerOut(6),
                new DenseWeights(Initialisation.gaussian(n, Initialisation.LAZY_EXPONENT, rng)), 1e-2, 0, rng);
        return StaticBciSetup.prepare(net, new GradientDescent(1e-2), 100, 4);
    }

    @Test
    void stopsAtTheSameStepAsAFullDecompositionAtEveryCheck() {
        int unstable = 0;
        // at 0.01 GD is smooth and the two paths agree to rounding; at 0.3 it oscillates before W goes
        // unstable, which amplifies rounding differences, so only the early losses are held to 1e-9
        for (double eta : new double[] {0.01, 0.3}) {
            StaticBciSetup s = setup(40, 8);
            StaticGaussianNetwork a = s.network().copy();
            StaticGaussianNetwork b = s.network().copy();
            int[] stop = new int[1];
            double[] expected = referenceRun(b, eta, 400, 10, stop);
            StaticAdaptationResult r = new StaticAdaptation(400, 1000, 10).run(a, new GradientDescent(eta),
                    s.decoder(), s.activity());
            assertEquals(stop[0], r.stoppedAt(), "stop step at learning rate " + eta);
            assertEquals(stop[0] >= 0, r.unstable());
            int compared = eta < 0.1 ? expected.length : 10;
            assertArrayEquals(java.util.Arrays.copyOf(expected, compared), java.util.Arrays.copyOf(r.loss(), compared),
                    1e-9 * expected[0], "losses at learning rate " + eta);
            unstable += r.unstable() ? 1 : 0;
        }
        assertEquals(1, unstable, "one rate should stay stable and one go unstable, or the test shows little");
    }

    @Test
    void trackedCertificatesStopWhereADecompositionAtEveryCheckStops() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 30;
        DMatrixRMaj w = new DMatrixRMaj(n, n);
        for (int i = 0; i < w.data.length; i++) {
            w.data[i] = rng.nextGaussian();
        }
        CommonOps_DDRM.scale(0.9 / EigenvalueSpectrum.of(w).spectralRadius(), w);
        StabilityCheck check = new StabilityCheck();
        int stopped = -1;
        int expected = -1;
        for (int t = 0; t <= 3000 && stopped < 0; t++) {
            if (t % 10 == 0) {
                boolean full = EigenvalueSpectrum.of(w).spectralRadius() < 1;
                double r = check.check(w, false);
                stopped = Double.isNaN(r) || r < 1 ? -1 : t;
                expected = full ? -1 : t;
                assertEquals(expected, stopped, "decision at step " + t);
            }
            // a rank-2 step W <- (I + eta P^T P) W that slowly grows the radius to 1
            DMatrixRMaj p = new DMatrixRMaj(2, n);
            for (int i = 0; i < p.data.length; i++) {
                p.data[i] = rng.nextGaussian() / Math.sqrt(n);
            }
            DMatrixRMaj r = new DMatrixRMaj(2, n);
            CommonOps_DDRM.mult(-1, p, w, r);
            DMatrixRMaj change = new DMatrixRMaj(n, n);
            CommonOps_DDRM.multTransA(p, r, change);
            CommonOps_DDRM.addEquals(w, -1e-3, change);
            check.stepped(1e-3, p, r, w);
        }
        assertTrue(stopped > 100, "the run should go unstable late, stopped at " + stopped);
        assertTrue(check.trackedCertificates() > 10, "tracked certificates: " + check.trackedCertificates()
                + " of " + java.util.Arrays.toString(check.counts()));
    }

    @Test
    void mostChecksAreCertifiedWithoutADecomposition() {
        StaticBciSetup s = setup(40, 9);
        DMatrixRMaj w = s.network().recurrent().effective().copy();
        StabilityCheck check = new StabilityCheck();
        SplittableRandom rng = new SplittableRandom(1);
        assertTrue(check.check(w, false) < 1);
        for (int t = 0; t < 50; t++) {
            for (int i = 0; i < w.getNumElements(); i++) {
                w.data[i] += 1e-5 * rng.nextGaussian();
            }
            double r = check.check(w, false);
            assertTrue(Double.isNaN(r) || r < 1);
        }
        int[] counts = check.counts();
        assertEquals(51, counts[0] + counts[1] + counts[2]);
        assertTrue(counts[2] < 10, "decompositions: " + counts[2]);
        assertEquals(Double.POSITIVE_INFINITY, check.check(new DMatrixRMaj(new double[][] {{Double.NaN}}), false));
    }
}
