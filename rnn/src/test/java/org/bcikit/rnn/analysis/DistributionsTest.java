package org.bcikit.rnn.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.bcikit.rnn.dale.DaleInitialisation;
import org.bcikit.rnn.dale.LogNormalInitialisation;
import org.bcikit.rnn.learning.ExponentiatedGradient;
import org.bcikit.rnn.learning.GaussianityScore;
import org.bcikit.rnn.learning.MirrorDescent;
import org.bcikit.rnn.learning.SignConstrained;
import org.bcikit.rnn.learning.SignFlipCounter;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Log-normal initialisation and fit, the dual-space Gaussianity score, the sign-flip counter. */
class DistributionsTest {

    @Test
    void logNormalInitialisationHasThePublishedMomentsAndRandomSigns() {
        LogNormalInitialisation init = LogNormalInitialisation.published(2.0);
        DMatrixRMaj w = init.sample(400, 100, new SplittableRandom(1));
        double sum = 0.0;
        double sq = 0.0;
        int negative = 0;
        for (double v : w.data) {
            sum += Math.abs(v);
            sq += v * v;
            negative += v < 0 ? 1 : 0;
        }
        int n = w.data.length;
        double mean = sum / n;
        double sd = Math.sqrt(sq / n - mean * mean);
        assertEquals(2.0 / Math.sqrt(400), sd, 0.02 * sd, "std = gain / sqrt(fan_out)");
        assertEquals(1.5, mean / sd, 0.05, "mean/std ratio");
        assertEquals(0.5, (double) negative / n, 0.02);
        DMatrixRMaj dale = init.sampleDale(10, 10, 7, new SplittableRandom(2));
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 10; j++) {
                assertTrue(j < 7 ? dale.get(i, j) > 0 : dale.get(i, j) < 0);
            }
        }
    }

    @Test
    void logNormalFitRecoversTheGeneratingParameters() {
        SplittableRandom rng = new SplittableRandom(3);
        double[] w = new double[20000];
        for (int k = 0; k < w.length; k++) {
            w[k] = (rng.nextBoolean() ? 1 : -1) * Math.exp(-1.2 + 0.7 * rng.nextGaussian());
        }
        w[0] = 0.0;
        WeightDistribution fit = WeightDistribution.fit(w);
        assertEquals(-1.2, fit.logMu(), 0.02);
        assertEquals(0.7, fit.logSigma(), 0.02);
        assertEquals(1, fit.zeros());
        assertEquals(w.length, fit.positive() + fit.negative() + fit.zeros());
        assertTrue(fit.ksStatistic() < 0.015, "KS " + fit.ksStatistic());

        double[] exponential = new double[20000];
        for (int k = 0; k < exponential.length; k++) {
            exponential[k] = DaleInitialisation.exponential(rng, 1.0);
        }
        WeightDistribution bad = WeightDistribution.fit(exponential);
        assertTrue(bad.ksStatistic() > 0.05 && bad.ksPValue() < 1e-6, "exponential is not log-normal: KS " + bad.ksStatistic());
    }

    @Test
    void logNormalFitRejectsDegenerateInput() {
        assertThrows(IllegalArgumentException.class, () -> WeightDistribution.fit(new double[] {0, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> WeightDistribution.fit(new double[] {2, -2, 2}));
        assertThrows(IllegalArgumentException.class, () -> WeightDistribution.fit(new double[] {1, Double.NaN}));
    }

    /** The exact piecewise integral agrees with a fine numerical integral of |F_n - Phi|. */
    @Test
    void gaussianityScoreIsTheL1DistanceOfCdfs() {
        SplittableRandom rng = new SplittableRandom(4);
        double[] sample = new double[15];
        for (int k = 0; k < sample.length; k++) {
            sample[k] = Math.exp(rng.nextGaussian());
        }
        double mean = 0.0;
        for (double v : sample) {
            mean += v;
        }
        mean /= sample.length;
        double ss = 0.0;
        for (double v : sample) {
            ss += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(ss / (sample.length - 1));
        NormalDistribution phi = new NormalDistribution(0, 1);
        int steps = 400000;
        double dx = 10.0 / steps;
        double numeric = 0.0;
        for (int s = 0; s < steps; s++) {
            double x = -5 + (s + 0.5) * dx;
            int below = 0;
            for (double v : sample) {
                below += (v - mean) / sd <= x ? 1 : 0;
            }
            numeric += Math.abs((double) below / sample.length - phi.cumulativeProbability(x)) * dx;
        }
        assertEquals(numeric, GaussianityScore.ofSample(sample), 1e-4);
    }

    @Test
    void gaussianityScoreIsSmallForGaussianSamples() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] gaussian = new double[5000];
        double[] uniform = new double[5000];
        for (int k = 0; k < gaussian.length; k++) {
            gaussian[k] = 3 + 2 * rng.nextGaussian();
            uniform[k] = rng.nextDouble();
        }
        double g = GaussianityScore.ofSample(gaussian);
        double u = GaussianityScore.ofSample(uniform);
        assertTrue(g < 0.03, "Gaussian sample scores " + g);
        assertTrue(u > 2 * g, "uniform " + u + " vs Gaussian " + g);
    }

    /**
     * Pogodin et al. ICLR 2024: under random gradients the dual-space change is Gaussian in the
     * geometry that did the learning, so the score identifies the update rule.
     */
    @Test
    void gaussianityScoreIdentifiesTheGeometryOfLearning() {
        MirrorDescent.Potential entropy = MirrorDescent.negativeEntropy();
        MirrorDescent.Potential euclid = MirrorDescent.pNorm(2);
        for (boolean eg : new boolean[] {true, false}) {
            SplittableRandom rng = new SplittableRandom(eg ? 6 : 7);
            Parameter p = new Parameter("w", LogNormalInitialisation.published(1.0).magnitudes(60, 60, rng));
            DMatrixRMaj before = p.value().copy();
            Optimizer rule = eg ? ExponentiatedGradient.plain(0.02) : SignConstrained.gradientDescent(0.0005);
            for (int step = 0; step < 30; step++) {
                for (int k = 0; k < p.gradient().data.length; k++) {
                    p.gradient().data[k] = rng.nextGaussian();
                }
                rule.step(List.of(p));
            }
            double sEntropy = GaussianityScore.of(before, p.value(), entropy);
            double sEuclid = GaussianityScore.of(before, p.value(), euclid);
            if (eg) {
                assertTrue(sEntropy < 0.5 * sEuclid, "EG: entropy " + sEntropy + ", euclidean " + sEuclid);
            } else {
                assertTrue(sEuclid < 0.5 * sEntropy, "GD: euclidean " + sEuclid + ", entropy " + sEntropy);
            }
        }
    }

    @Test
    void signFlipCounterCountsStrictFlipsStepByStep() {
        Parameter p = new Parameter("w", new DMatrixRMaj(new double[] {1, -1, 0, 2}));
        SignFlipCounter c = new SignFlipCounter(List.of(p));
        p.value().data[0] = -1;   // flip
        p.value().data[1] = 0;    // to zero: not a flip yet
        p.value().data[2] = 5;    // from zero: not a flip
        assertEquals(1, c.update());
        p.value().data[0] = 1;    // flips back
        p.value().data[1] = 3;    // passed through zero to the other side
        assertEquals(2, c.update());
        assertEquals(3, c.total());
        assertEquals(1, SignFlipCounter.count(new DMatrixRMaj(new double[] {1, -2, 0}),
                new DMatrixRMaj(new double[] {-1, -3, 4})));
    }
}
