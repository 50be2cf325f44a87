package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.bcikit.rnn.dale.LogNormalInitialisation;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Invariants and closed forms of the non-additive update rules, over seeded random gradients. */
class UpdateRulesTest {

    private static Parameter signed(String name, int rows, int cols, SplittableRandom rng) {
        return new Parameter(name, LogNormalInitialisation.published(1.0).sample(rows, cols, rng));
    }

    /** Heavy-tailed random gradients: Gaussian times a log-uniform scale over 6 decades. */
    private static void randomGradient(Parameter p, SplittableRandom rng) {
        double[] g = p.gradient().data;
        for (int k = 0; k < g.length; k++) {
            g[k] = rng.nextGaussian() * Math.pow(10, rng.nextDouble(-3, 3));
        }
    }

    private static long flipsUnder(Optimizer rule, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Parameter> ps = List.of(signed("w", 12, 9, rng), signed("v", 5, 1, rng));
        SignFlipCounter flips = new SignFlipCounter(ps);
        for (int step = 0; step < 200; step++) {
            for (Parameter p : ps) {
                randomGradient(p, rng);
            }
            rule.step(ps);
            flips.update();
            for (Parameter p : ps) {
                for (double v : p.value().data) {
                    assertTrue(Double.isFinite(v) && v != 0.0, "weights stay finite and signed");
                }
            }
        }
        return flips.total();
    }

    @Test
    void exponentiatedGradientNeverFlipsASign() {
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(0, flipsUnder(ExponentiatedGradient.plain(1e-3), seed));
            assertEquals(0, flipsUnder(ExponentiatedGradient.momentum(1e-4, 0.9), seed));
            assertEquals(0, flipsUnder(ExponentiatedGradient.adam(0.05), seed));
            assertEquals(0, flipsUnder(new MirrorDescent(MirrorDescent.negativeEntropy(), 1e-3), seed));
        }
    }

    @Test
    void signConstrainedRulesNeverFlipASign() {
        for (long seed = 0; seed < 5; seed++) {
            assertEquals(0, flipsUnder(SignConstrained.gradientDescent(0.5), seed));
            assertEquals(0, flipsUnder(new SignConstrained(ExponentiatedGradient.adam(0.5)), seed));
            assertEquals(0, flipsUnder(new SignConstrained(new MirrorDescent(MirrorDescent.pNorm(3), 0.5)), seed));
        }
        // the same gradients do flip signs without the projection
        assertTrue(flipsUnder(MirrorDescent.gradientDescent(0.5), 0) > 100);
    }

    @Test
    void signConstrainedGdIsGdUnlessASignWouldFlip() {
        DMatrixRMaj w0 = new DMatrixRMaj(new double[] {1.0, -1.0, 0.5, -0.5, 0.0});
        Parameter p = new Parameter("w", w0.copy());
        p.gradient().setTo(new DMatrixRMaj(new double[] {1.0, 1.0, 10.0, -10.0, 3.0}));
        SignConstrained.gradientDescent(0.1).step(List.of(p));
        assertArrayEquals(new double[] {0.9, -1.1, 1e-18, -1e-18, -0.3}, p.value().data, 1e-15);
    }

    @Test
    void exponentiatedGradientStepIsTheClosedForm() {
        Parameter p = new Parameter("w", new DMatrixRMaj(new double[] {2.0, -3.0, 0.0, 1.0}));
        p.gradient().setTo(new DMatrixRMaj(new double[] {0.5, 0.5, 7.0, -1.0}));
        p.mask(new DMatrixRMaj(new double[] {1, 1, 1, 0}));
        ExponentiatedGradient.plain(0.2).step(List.of(p));
        assertArrayEquals(new double[] {2.0 * Math.exp(-0.1), -3.0 * Math.exp(0.1), 0.0, 1.0}, p.value().data, 1e-15);
    }

    @Test
    void exponentiatedGradientMomentumAndAdamFollowTheirMoments() {
        Parameter p = new Parameter("w", new DMatrixRMaj(new double[] {1.0}));
        ExponentiatedGradient mom = ExponentiatedGradient.momentum(0.1, 0.5);
        p.gradient().set(0, 2.0);
        mom.step(List.of(p));
        p.gradient().set(0, 2.0);
        mom.step(List.of(p));
        // m1 = 2, m2 = 0.5 * 2 + 2 = 3: w = exp(-0.1 * (2 + 3))
        assertEquals(Math.exp(-0.5), p.value().get(0), 1e-15);

        Parameter q = new Parameter("w", new DMatrixRMaj(new double[] {-1.0}));
        q.gradient().set(0, 3.0);
        ExponentiatedGradient.adam(0.1, 0.9, 0.999, 0.0 + 1e-300).step(List.of(q));
        // first Adam step: m^ / sqrt(v^) = sign(g) = 1; w = -exp(+0.1)
        assertEquals(-Math.exp(0.1), q.value().get(0), 1e-12);
    }

    @Test
    void mirrorDescentWithPTwoIsAGradientStep() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int trial = 0; trial < 20; trial++) {
            Parameter p = signed("w", 6, 4, rng);
            randomGradient(p, rng);
            double[] expected = new double[24];
            for (int k = 0; k < 24; k++) {
                expected[k] = p.value().data[k] - 0.3 * p.gradient().data[k];
            }
            new MirrorDescent(MirrorDescent.pNorm(2.0), 0.3).step(List.of(p));
            assertArrayEquals(expected, p.value().data, 1e-15);
        }
    }

    @Test
    void mirrorDescentWithNegativeEntropyIsAnExponentiatedGradientStep() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int trial = 0; trial < 20; trial++) {
            Parameter a = signed("w", 6, 4, rng);
            randomGradient(a, rng);
            Parameter b = new Parameter("w", a.value().copy());
            b.gradient().setTo(a.gradient());
            new MirrorDescent(MirrorDescent.negativeEntropy(), 1e-3).step(List.of(a));
            ExponentiatedGradient.plain(1e-3).step(List.of(b));
            for (int k = 0; k < 24; k++) {
                assertEquals(b.value().data[k], a.value().data[k], 1e-12 * Math.abs(b.value().data[k]));
            }
        }
    }

    @Test
    void pNormMirrorDescentStepsInDualCoordinates() {
        SplittableRandom rng = new SplittableRandom(9);
        for (double pExp : new double[] {1.5, 3.0}) {
            MirrorDescent.Potential phi = MirrorDescent.pNorm(pExp);
            Parameter p = signed("w", 5, 5, rng);
            randomGradient(p, rng);
            DMatrixRMaj before = new DMatrixRMaj(5, 5);
            phi.dual(p.value(), before);
            new MirrorDescent(phi, 0.01).step(List.of(p));
            DMatrixRMaj after = new DMatrixRMaj(5, 5);
            phi.dual(p.value(), after);
            for (int k = 0; k < 25; k++) {
                double expected = before.data[k] - 0.01 * p.gradient().data[k];
                assertEquals(expected, after.data[k], 1e-9 * Math.max(1, Math.abs(expected)));
            }
        }
    }

    @Test
    void everyRuleLeavesFrozenWeightsUntouched() {
        List<Supplier<Optimizer>> rules = List.of(
                () -> ExponentiatedGradient.plain(0.1), () -> ExponentiatedGradient.momentum(0.1, 0.9),
                () -> ExponentiatedGradient.adam(0.1), () -> SignConstrained.gradientDescent(0.1),
                () -> new MirrorDescent(MirrorDescent.pNorm(3), 0.1),
                () -> new MirrorDescent(MirrorDescent.negativeEntropy(), 0.1));
        SplittableRandom rng = new SplittableRandom(10);
        for (Supplier<Optimizer> rule : rules) {
            Parameter p = signed("w", 4, 4, rng);
            DMatrixRMaj mask = new DMatrixRMaj(4, 4);
            for (int k = 0; k < 16; k += 2) {
                mask.data[k] = 1;
            }
            p.mask(mask);
            double[] w0 = p.value().data.clone();
            Optimizer o = rule.get();
            for (int step = 0; step < 3; step++) {
                randomGradient(p, rng);
                o.step(List.of(p));
            }
            for (int k = 1; k < 16; k += 2) {
                assertEquals(w0[k], p.value().data[k], o.getClass().getSimpleName());
            }
            assertTrue(w0[0] != p.value().data[0]);
        }
    }
}
