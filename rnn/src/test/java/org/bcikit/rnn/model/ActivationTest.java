package org.bcikit.rnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ActivationTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeMatchesCentralDifferences(Activation phi) {
        double h = 1e-5;
        for (double x = -6; x <= 6; x += 0.37) {
            double fd = (phi.value(x + h) - phi.value(x - h)) / (2 * h);
            assertEquals(fd, phi.derivative(x), 1e-9, phi + " at " + x);
            assertEquals(phi.derivative(x), phi.derivativeFromValue(phi.value(x), x), 1e-14, phi + " at " + x);
        }
    }

    @Test
    void softplusIsStableAtBothTails() {
        assertEquals(800.0, Activation.SOFTPLUS.value(800.0), 0.0);
        assertEquals(Math.exp(-700.0), Activation.SOFTPLUS.value(-700.0), 0.0);
        assertEquals(Math.log(2.0), Activation.SOFTPLUS.value(0.0), 1e-16);
        assertEquals(0.5, Activation.SOFTPLUS.derivative(0.0), 0.0);
        assertEquals(1.0, Activation.SOFTPLUS.derivative(800.0), 0.0);
    }
}
