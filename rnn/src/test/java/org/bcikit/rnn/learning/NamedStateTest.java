package org.bcikit.rnn.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.bcikit.rnn.dale.DannCorrectedUpdates;
import org.bcikit.rnn.dale.DannWeights;
import org.bcikit.rnn.model.Optimizer;
import org.bcikit.rnn.model.Parameter;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Update rules key their state by parameter name, so order, copies and sub-lists do not mix it up. */
class NamedStateTest {

    private static Parameter parameter(String name, int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        DMatrixRMaj v = new DMatrixRMaj(rows, cols);
        for (int k = 0; k < v.data.length; k++) {
            v.data[k] = 0.5 + rng.nextDouble();
        }
        return new Parameter(name, v);
    }

    private static void gradient(Parameter p, SplittableRandom rng) {
        for (int k = 0; k < p.gradient().data.length; k++) {
            p.gradient().data[k] = rng.nextGaussian();
        }
    }

    /**
     * Ten steps with the list in one order, and with a fresh copy of the parameters stepped in the
     * opposite order on odd steps: a rule keyed by position would give one parameter the other's
     * moments (and fail on the shapes); keyed by name both runs end at the same weights.
     */
    @Test
    void stateFollowsTheNameNotThePositionNorTheObject() {
        List<Supplier<Optimizer>> rules = List.of(() -> new Adam(0.05), () -> new GradientDescent(0.05, 0.9),
                () -> ExponentiatedGradient.adam(0.05), () -> ExponentiatedGradient.momentum(0.05, 0.9),
                () -> new SignConstrained(new Adam(0.5)));
        for (Supplier<Optimizer> make : rules) {
            Parameter a = parameter("W", 3, 3, 1);
            Parameter b = parameter("b", 3, 1, 2);
            Optimizer one = make.get();
            Optimizer other = make.get();
            Parameter a2 = parameter("W", 3, 3, 1);
            Parameter b2 = parameter("b", 3, 1, 2);
            SplittableRandom g1 = new SplittableRandom(3);
            SplittableRandom g2 = new SplittableRandom(3);
            for (int step = 0; step < 10; step++) {
                gradient(a, g1);
                gradient(b, g1);
                one.step(List.of(a, b));
                gradient(a2, g2);
                gradient(b2, g2);
                other.step(step % 2 == 0 ? List.of(a2, b2) : List.of(b2, a2));
                if (step == 4) {
                    // continue on a copy of the parameters, as a rule stepping a copied network does
                    a2 = copy(a2);
                    b2 = copy(b2);
                }
            }
            assertArrayEquals(a.value().data, a2.value().data, 0.0, make.get().getClass().getSimpleName());
            assertArrayEquals(b.value().data, b2.value().data, 0.0, make.get().getClass().getSimpleName());
        }
    }

    private static Parameter copy(Parameter p) {
        Parameter c = new Parameter(p.name(), p.value().copy());
        c.gradient().setTo(p.gradient());
        return c;
    }

    @Test
    void twoParametersWithOneNameAreRejected() {
        Parameter a = parameter("W", 2, 2, 1);
        Parameter b = parameter("W", 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Adam(0.1).step(List.of(a, b)));
        assertEquals("optimiser step: two parameters are named W; update rules key their state by name", e.getMessage());
        assertThrows(IllegalStateException.class, () -> {
            Adam adam = new Adam(0.1);
            adam.step(List.of(a));
            adam.step(List.of(parameter("W", 3, 2, 3)));
        });
    }

    /** The correction is made for one DANN structure and applies to a copy's parameters (found by name). */
    @Test
    void dannCorrectionAndBiasOnlyFindTheirParametersInACopy() {
        DannWeights d = DannWeights.initialise(9, 2, 0.5, new SplittableRandom(4));
        DannWeights copy = d.copy();
        for (Parameter p : copy.parameters()) {
            java.util.Arrays.fill(p.gradient().data, 1.0);
        }
        double[] seen = new double[3];
        new DannCorrectedUpdates(d, parameters -> {
            for (int i = 0; i < 3; i++) {
                seen[i] = parameters.get(i).gradient().data[0];
            }
        }).step(copy.parameters());
        assertEquals(1.0, seen[0], 0.0); // W_EE
        assertEquals(1.0 / 9, seen[1], 1e-15); // W_EI: 1 / fan-in nE
        assertEquals(1.0 / 3, seen[2], 1e-15); // W_IE: 1 / sqrt(nE)

        Parameter w = parameter("W", 2, 2, 5);
        Parameter bias = parameter("b", 2, 1, 6);
        BiasOnly rule = new BiasOnly(new GradientDescent(1.0), List.of(bias));
        Parameter w2 = copy(w);
        Parameter bias2 = copy(bias);
        java.util.Arrays.fill(w2.gradient().data, 1.0);
        java.util.Arrays.fill(bias2.gradient().data, 1.0);
        rule.step(List.of(w2, bias2));
        assertArrayEquals(w.value().data, w2.value().data, 0.0);
        assertEquals(bias.value().data[0] - 1.0, bias2.value().data[0], 1e-15);
    }

    @Test
    void signFlipCounterFollowsACopyByName() {
        Parameter p = new Parameter("W", new DMatrixRMaj(new double[] {1, -1, 2}));
        SignFlipCounter flips = new SignFlipCounter(List.of(p));
        Parameter copy = new Parameter("W", new DMatrixRMaj(new double[] {-1, -1, 0}));
        assertEquals(1, flips.update(List.of(copy)));
        Optimizer counted = flips.counting(parameters -> parameters.get(0).value().data[1] = 3);
        counted.step(List.of(copy)); // counts before stepping: nothing changed since the last count
        assertEquals(1, flips.total());
        assertEquals(1, flips.update(List.of(copy)));
        assertEquals(2, flips.total());
    }
}
