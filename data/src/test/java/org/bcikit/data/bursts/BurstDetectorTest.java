package org.bcikit.data.bursts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class BurstDetectorTest {

    /** 2^-6 s: sums of it are exact in binary, so "exactly θ" is exactly θ. */
    private static final double THETA = 0.015625;

    @Test
    void handMadeTrainSortedThenSplitByTheIsiToThePreviousSpike() {
        double[] t = {1.0, 3.0, 0.5 + THETA, 2.0, 0.5, 2.0 + THETA / 2, 0.5 + 2 * THETA,
            4.0, 4.0 + THETA + 0x1p-20};
        SpikeEvents e = new BurstDetector(THETA).segment(t);
        // events: {0.5, 0.5+θ, 0.5+2θ} (ISIs of exactly θ stay; it lasts 2θ), {1}, {2, 2+θ/2}, {3}, {4}, {4+θ+ε}
        assertEquals(9, e.spikes());
        assertEquals(6, e.events());
        assertEquals(2, e.bursts());
        assertEquals(4, e.singlets());
        assertEquals(3, e.size(0));
        assertEquals(0.5, e.eventTime(0), 0.0);
        assertEquals(0.5 + THETA, e.burstTime(0), 0.0, "a burst is time-stamped at its second spike");
        assertEquals(2.0 + THETA / 2, e.burstTime(2), 0.0);
        assertTrue(Double.isNaN(e.burstTime(1)));
        assertEquals(5, e.spikesInBursts());
        assertEquals(1.0, t[0], 0.0, "input untouched");
    }

    @Test
    void statisticsOverTheTrainSpan() {
        double[] t = {0.5, 0.5 + THETA, 0.5 + 2 * THETA, 1.0, 2.0, 2.0 + THETA / 2, 3.0};
        BurstStatistics s = BurstStatistics.overTrain(new BurstDetector(THETA).segment(t));
        assertEquals(2.5, s.duration(), 0.0);
        assertEquals(7 / 2.5, s.firingRate(), 1e-12);
        assertEquals(4 / 2.5, s.eventRate(), 1e-12);
        assertEquals(0.5, s.burstFraction(), 0.0);
        assertEquals(2.5, s.spikesPerBurst(), 0.0);
        assertEquals(1 - Math.exp(-7 / 2.5 * THETA), s.poissonBurstFraction(), 1e-15);
    }

    @Test
    void poissonTrainHasTheNullBurstFraction() {
        SplittableRandom rng = new SplittableRandom(17);
        double rate = 20;
        double[] t = new double[20000];
        double now = 0;
        for (int i = 0; i < t.length; i++) {
            now += -Math.log(1 - rng.nextDouble()) / rate;
            t[i] = now;
        }
        BurstStatistics s = BurstStatistics.overTrain(new BurstDetector(0.016).segment(t));
        double p = s.poissonBurstFraction();
        double se = Math.sqrt(p * (1 - p) / s.events());
        assertEquals(1 - Math.exp(-20 * 0.016), p, 0.01, "the rate estimate is close to 20 Hz");
        assertEquals(p, s.burstFraction(), 4 * se, "BF of a Poisson train vs 1 - exp(-rate θ)");
        // an event is a burst iff the next ISI is at most θ: bursts + singlets = events
        assertEquals(s.events(), s.bursts() + (s.events() - s.bursts()));
    }

    @Test
    void regularTrainAboveThresholdHasNoBursts() {
        double[] t = new double[500];
        for (int i = 0; i < t.length; i++) {
            t[i] = 0.02 * i;
        }
        BurstStatistics s = BurstStatistics.overTrain(new BurstDetector(0.016).segment(t));
        assertEquals(0.0, s.burstFraction(), 0.0);
        assertEquals(500, s.events());
        assertEquals(500 / (499 * 0.02), s.firingRate(), 1e-9, "spikes over last minus first");
        assertTrue(s.poissonBurstFraction() > 0.5, "a Poisson train at 50 Hz would burst");
        assertTrue(Double.isNaN(s.spikesPerBurst()));
    }

    @Test
    void emptyAndSingleSpikeTrainsAreUndefinedNotErrors() {
        BurstStatistics none = BurstStatistics.overTrain(new BurstDetector(0.016).segment(new double[0]));
        assertTrue(Double.isNaN(none.burstFraction()));
        assertTrue(Double.isNaN(none.firingRate()));
        BurstStatistics one = BurstStatistics.overTrain(new BurstDetector(0.016).segment(new double[] {1}));
        assertEquals(1, one.events());
        assertEquals(0.0, one.burstFraction(), 0.0);
    }

    @Test
    void badThresholdAndNonFiniteTimesAreRefused() {
        assertThrows(InvalidInputException.class, () -> new BurstDetector(0));
        assertThrows(InvalidInputException.class, () -> new BurstDetector(-0.016));
        assertThrows(InvalidInputException.class, () -> new BurstDetector(Double.NaN));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new BurstDetector(0.016).segment(new double[] {1, Double.NaN}));
        assertTrue(e.getMessage().contains("element 1"), e.getMessage());
    }
}
