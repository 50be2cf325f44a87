package org.bcikit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.rnn.dale.ColEiWeights;
import org.bcikit.rnn.dale.DannWeights;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

class StaticGaussianNetworkTest {

    private static final double H = 1e-6;

    /** Random inputs (not one-hot), nonzero bias and input noise, so every term of every gradient is exercised. */
    private static StaticGaussianNetwork network(RecurrentWeights w, SplittableRandom rng) {
        int n = w.units();
        int d = 3;
        int k = 4;
        DMatrixRMaj x = random(d, k, 1.0, rng);
        DMatrixRMaj t = random(2, k, 1.0, rng);
        return new StaticGaussianNetwork(new StaticTask(x, t), w, random(n, d, 1.0, rng), random(n, 1, 0.5, rng),
                random(2, n, 0.7, rng), 0.05, 0.03);
    }

    static DMatrixRMaj random(int r, int c, double sd, SplittableRandom rng) {
        DMatrixRMaj m = new DMatrixRMaj(r, c);
        for (int i = 0; i < m.data.length; i++) {
            m.data[i] = sd * rng.nextGaussian();
        }
        return m;
    }

    /** Max over entries of |numeric - analytic| / max|analytic|, central differences of the exact loss. */
    private static double gradientError(StaticGaussianNetwork net, Parameter p, boolean recurrent) {
        net.backward();
        double[] analytic = p.gradient().data.clone();
        double scale = 0;
        for (double g : analytic) {
            scale = Math.max(scale, Math.abs(g));
        }
        assertTrue(scale > 1e-6, p.name() + ": gradient is zero, nothing tested");
        double worst = 0;
        double[] w = p.value().data;
        for (int k = 0; k < w.length; k++) {
            double saved = w[k];
            if (recurrent && saved < 2 * H && !(net.recurrent() instanceof DenseWeights)) {
                continue; // on the boundary of the non-negative set: the projection makes the difference one-sided
            }
            w[k] = saved + H;
            net.recurrent().refresh();
            double up = net.loss().total();
            w[k] = saved - H;
            net.recurrent().refresh();
            double down = net.loss().total();
            w[k] = saved;
            net.recurrent().refresh();
            worst = Math.max(worst, Math.abs((up - down) / (2 * H) - analytic[k]) / scale);
        }
        return worst;
    }

    private static void checkAll(StaticGaussianNetwork net) {
        for (Parameter p : net.recurrent().parameters()) {
            double e = gradientError(net, p, true);
            assertTrue(e < 1e-5, p.name() + ": relative error " + e);
        }
        double eu = gradientError(net, net.inputWeights(), false);
        assertTrue(eu < 1e-5, "U: relative error " + eu);
        double eb = gradientError(net, net.bias(), false);
        assertTrue(eb < 1e-5, "b: relative error " + eb);
    }

    @Test
    void denseGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        checkAll(network(new DenseWeights(Initialisation.gaussianWithGain(7, 0.6, rng)), rng));
    }

    @Test
    void colEiGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(2);
        checkAll(network(ColEiWeights.initialise(8, 0.25, 0.6, rng), rng));
    }

    @Test
    void dannGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        checkAll(network(DannWeights.initialise(7, 2, 0.6, rng), rng));
    }

    @Test
    void lossOfOneUnitByHand() {
        // A = 1/(1 - 0.5) = 2, mu = 2 (0.5 + 1) = 3, Sigma = (0.01 + 0.04 * 1^2) * 4 = 0.2,
        // variance part 1/2 * 2^2 * 0.2 = 0.4, mean part 1/2 (2 * 3 - 1)^2 = 12.5
        StaticTask task = new StaticTask(new DMatrixRMaj(new double[][] {{1}}), new DMatrixRMaj(new double[][] {{1}}));
        StaticGaussianNetwork net = new StaticGaussianNetwork(task, new DenseWeights(new DMatrixRMaj(new double[][] {{0.5}})),
                new DMatrixRMaj(new double[][] {{1}}), new DMatrixRMaj(new double[][] {{0.5}}),
                new DMatrixRMaj(new double[][] {{2}}), 0.01, 0.04);
        StaticLoss l = net.loss();
        assertEquals(0.4, l.variance(), 1e-14);
        assertEquals(12.5, l.mean(), 1e-12);
        assertEquals(12.9, l.total(), 1e-12);
    }

    @Test
    void lossOfTwoUnitsByHand() {
        // W = [[0, .5], [0, 0]]: A = [[1, .5], [0, 1]]; one-hot inputs, U = V = I, targets e1, e2.
        // mu_1 = (1, 0) hits t_1; mu_2 = (.5, 1) misses t_2 by (.5, 0): mean part (1/4) * 0.25.
        // Sigma = s2 A A^T, tr = s2 * 2.25: variance part 0.5 * 0.01 * 2.25.
        StaticTask task = StaticTask.centerOut(2);
        task = new StaticTask(task.inputs(), CommonOps_DDRM.identity(2));
        StaticGaussianNetwork net = new StaticGaussianNetwork(task,
                new DenseWeights(new DMatrixRMaj(new double[][] {{0, 0.5}, {0, 0}})), CommonOps_DDRM.identity(2),
                new DMatrixRMaj(2, 1), CommonOps_DDRM.identity(2), 0.01, 0);
        StaticLoss l = net.loss();
        assertEquals(0.0625, l.mean(), 1e-15);
        assertEquals(0.01125, l.variance(), 1e-15);
        StaticActivity a = net.activity();
        assertEquals(0.01 * 1.25, a.noiseCovariance().get(0, 0), 1e-15);
        assertEquals(0.01 * 0.5, a.noiseCovariance().get(0, 1), 1e-15);
        // Var adds the spread of the means (1, 0) and (.5, 1) around (.75, .5)
        assertEquals(0.01 * 1.25 + 0.0625, a.covariance().get(0, 0), 1e-15);
        assertEquals(0.01 * 0.5 - 0.125, a.covariance().get(0, 1), 1e-15);
        // per-condition losses average to the loss
        double[] per = a.perConditionLoss(net.readout(), task.targets(), new double[2]);
        assertEquals(l.total(), 0.5 * (per[0] + per[1]), 1e-15);
    }

    @Test
    void centerOutTargetsAreOnTheUnitCircle() {
        StaticTask t = StaticTask.centerOut(6);
        assertEquals(6, t.conditions());
        assertEquals(Math.cos(2 * Math.PI / 6), t.targets().get(0, 0), 1e-15);
        assertEquals(0.0, t.targets().get(1, 5), 1e-15);
        assertEquals(1.0, t.targets().get(0, 5), 1e-15);
    }

    @Test
    void tangentKernelIsTheGramMatrixOfTheOutputJacobian() {
        SplittableRandom rng = new SplittableRandom(4);
        StaticGaussianNetwork net = network(new DenseWeights(Initialisation.gaussianWithGain(5, 0.5, rng)), rng);
        int n = net.units();
        int k = net.task().conditions();
        // J by central differences of the mean outputs V mu_k, rows o * K + k
        DMatrixRMaj j = new DMatrixRMaj(2 * k, n * n);
        double[] w = net.recurrent().parameters().get(0).value().data;
        for (int e = 0; e < n * n; e++) {
            double saved = w[e];
            w[e] = saved + H;
            DMatrixRMaj up = meanOutputs(net);
            w[e] = saved - H;
            DMatrixRMaj down = meanOutputs(net);
            w[e] = saved;
            for (int r = 0; r < 2 * k; r++) {
                j.set(r, e, (up.data[r] - down.data[r]) / (2 * H));
            }
        }
        DMatrixRMaj expected = new DMatrixRMaj(2 * k, 2 * k);
        CommonOps_DDRM.multTransB(j, j, expected);
        DMatrixRMaj kernel = net.tangentKernel();
        for (int i = 0; i < expected.data.length; i++) {
            assertEquals(expected.data[i], kernel.data[i], 1e-6 * Math.max(1, Math.abs(expected.data[i])));
        }
    }

    private static DMatrixRMaj meanOutputs(StaticGaussianNetwork net) {
        DMatrixRMaj y = new DMatrixRMaj(2, net.task().conditions());
        CommonOps_DDRM.mult(net.readout(), net.activity().means(), y);
        return y;
    }
}
