package org.bcikit.experiments.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bcikit.experiments.sweep.Shard;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void meanAndStandardErrorLeaveOutUnreachedValues() {
        ScalarStats s = ScalarStats.of(new double[] {1, 2, Double.NaN, 3, 6});
        assertEquals(4, s.n());
        assertEquals(3.0, s.mean(), 1e-15);
        // sd^2 = (4 + 1 + 0 + 9) / 3; sem = sd / sqrt(4)
        assertEquals(Math.sqrt(14.0 / 3) / 2, s.sem(), 1e-15);
        assertTrue(Double.isNaN(ScalarStats.of(new double[] {5}).sem()), "one value has no standard error");
    }

    @Test
    void curvesOfRunsThatStoppedEarlyAreAveragedOverTheRunsStillGoing() {
        CurveStats c = CurveStats.of(List.of(Curve.of(new double[] {0, 1, 2}), Curve.of(new double[] {2, 3})));
        assertArrayEquals(new double[] {0, 1, 2}, c.x());
        assertArrayEquals(new double[] {1, 2, 2}, c.mean(), 1e-15);
        assertArrayEquals(new int[] {2, 2, 1}, c.n());
        assertEquals(1.0, c.sem()[0], 1e-15);
        assertEquals(2, c.indexOf(1.7));
    }

    @Test
    void runSeedsDifferByConditionAndSeedButPairedSeedsOnlyBySeed() {
        Set<Long> seen = new HashSet<>();
        for (String c : List.of("lazy/WMP", "lazy/OMP", "rich/WMP", "rich/OMP")) {
            for (int s = 0; s < 50; s++) {
                assertTrue(seen.add(RunSeeds.runSeed(1, c, s)));
                assertEquals(RunSeeds.runSeed(1, c, s), RunSeeds.runSeed(1, c, s));
            }
        }
        assertNotEquals(RunSeeds.runSeed(1, "lazy/WMP", 0), RunSeeds.runSeed(2, "lazy/WMP", 0));
        assertNotEquals(RunSeeds.pairedSeed(1, 0), RunSeeds.pairedSeed(1, 1));
        assertNotEquals(RunSeeds.pairedSeed(1, 0), RunSeeds.pairedSeed(2, 0));
    }

    @Test
    void shardsPartitionTheRuns() {
        int[] count = new int[100];
        for (int i = 0; i < 7; i++) {
            Shard s = new Shard(i, 7);
            for (int k = 0; k < 100; k++) {
                count[k] += s.includes(k) ? 1 : 0;
            }
        }
        for (int c : count) {
            assertEquals(1, c);
        }
        assertEquals(new Shard(2, 5), Shard.parse("2/5"));
        assertEquals(new Shard(3, 10), Shard.fromEnvironment(java.util.Map.of("SLURM_ARRAY_TASK_ID", "4",
                "SLURM_ARRAY_TASK_COUNT", "10", "SLURM_ARRAY_TASK_MIN", "1")));
        assertEquals(null, Shard.fromEnvironment(java.util.Map.of()));
    }
}
