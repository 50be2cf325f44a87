package org.bcikit.data.bursts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.junit.jupiter.api.Test;

class PeriEventBurstsTest {

    private static final double THETA = 0.015625;
    private static final double W = 0.0625;

    private final SpikeEvents unit = new BurstDetector(THETA).segment(
            new double[] {0.5, 0.5 + THETA, 0.5 + 2 * THETA, 1.0, 2.0, 2.0 + THETA / 2, 3.0});

    @Test
    void countsEventsAtTheirFirstSpikeAndBurstsAtTheirSecond() {
        PeriEventBursts p = new PeriEventBursts(0, 0.25, W);
        assertEquals(4, p.bins());
        // trial "a" at 0.375: bin 2 = [0.5, 0.5625) holds the burst's event and its 2nd spike
        // trial "b" just after 0.5: the event began before the window, its 2nd spike is inside
        List<BurstTimeCourse> c = p.run(List.of(unit), new double[] {0.375, 0.5 + THETA / 2, Double.NaN},
                new String[] {"a", "b", "a"});
        assertEquals(2, c.size());
        BurstTimeCourse a = c.get(0);
        assertEquals("a", a.condition());
        assertEquals(1, a.trials(), "a NaN alignment time is skipped");
        assertArrayEquals(new long[] {0, 0, 1, 0}, a.events());
        assertArrayEquals(new long[] {0, 0, 1, 0}, a.bursts());
        assertEquals(1 / W, a.eventRate()[2], 1e-12);
        assertEquals(0.0, a.eventRate()[0], 0.0);
        assertEquals(1.0, a.burstFraction()[2], 0.0);
        assertTrue(Double.isNaN(a.burstFraction()[0]), "BF undefined without events");
        assertArrayEquals(new double[] {W / 2, 1.5 * W, 2.5 * W, 3.5 * W}, a.binCentres(), 1e-15);
        BurstTimeCourse b = c.get(1);
        assertArrayEquals(new long[] {0, 0, 0, 0}, b.events());
        assertArrayEquals(new long[] {1, 0, 0, 0}, b.bursts());
    }

    @Test
    void poolsUnitsAndTrialsIntoRatesPerUnitAndTrial() {
        PeriEventBursts p = new PeriEventBursts(-0.125, 0.125, W);
        // both trials align on an event: singlet at 1.0 and burst at 2.0, each in bin 2 = [a, a + w)
        BurstTimeCourse c = p.run(List.of(unit, unit), new double[] {1.0, 2.0}, new String[] {"x", "x"}).get(0);
        assertArrayEquals(new long[] {0, 0, 4, 0}, c.events());
        assertArrayEquals(new long[] {0, 0, 2, 0}, c.bursts());
        assertEquals(4 / (2.0 * 2 * W), c.eventRate()[2], 1e-12);
        assertEquals(0.5, c.burstFraction()[2], 0.0);
    }

    @Test
    void badWindowsAndBinsAreRefused() {
        assertThrows(InvalidInputException.class, () -> new PeriEventBursts(0, 1, 0));
        assertThrows(InvalidInputException.class, () -> new PeriEventBursts(1, 1, 0.05));
        assertThrows(InvalidInputException.class, () -> new PeriEventBursts(0, Double.POSITIVE_INFINITY, 0.05));
    }
}
