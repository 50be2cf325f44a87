package org.bcikit.decoders.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.Decoder;
import org.junit.jupiter.api.Test;

/**
 * Paired runs (a WMP and an OMP decoder at one seed) must see the same targets and the same
 * noise trial by trial, although their trials last different numbers of bins.
 */
class CursorTaskStreamsTest {

    /** Records, per trial, the reset draw and the first three noise draws; writes no activity. */
    private static final class RecordingEncoder implements Encoder {
        final List<List<Long>> trials = new ArrayList<>();
        List<Long> current;

        @Override
        public int units() {
            return 1;
        }

        @Override
        public void reset(SplittableRandom random) {
            current = new ArrayList<>();
            current.add(random.nextLong());
            trials.add(current);
        }

        @Override
        public void encode(TaskState state, SplittableRandom random, double[] counts) {
            long draw = random.nextLong();
            if (state.bin() < 3) {
                current.add(draw);
            }
            counts[0] = 0;
        }
    }

    /** Goes east at {@code speed} mm/s until it has covered the 125 mm to target 0, then stops. */
    private static Decoder east(double speed) {
        return new Decoder() {
            private double x;

            @Override
            public int units() {
                return 1;
            }

            @Override
            public void step(double[] counts, double[] velocity) {
                velocity[0] = x < 125 ? speed : 0;
                velocity[1] = 0;
                x += velocity[0] * 0.045;
            }

            @Override
            public void reset() {
                x = 0;
            }
        };
    }

    @Test
    void twoDecodersAtOneSeedSeeTheSameTargetsAndPerTrialNoise() {
        CursorTask task = new CursorTask(CursorTask.Config.defaults().withTimeout(1));
        RecordingEncoder a = new RecordingEncoder();
        RecordingEncoder b = new RecordingEncoder();
        // one decoder reaches the east target in a few bins, the other never moves: trials of different lengths
        BlockResult ra = task.runBlock(a, east(500), CursorTask.Block.of("a", 16), new SplittableRandom(11));
        BlockResult rb = task.runBlock(b, east(0), CursorTask.Block.of("b", 16), new SplittableRandom(11));
        assertNotEquals(ra.trials().stream().mapToInt(TrialResult::bins).sum(),
                rb.trials().stream().mapToInt(TrialResult::bins).sum(), "the test needs trials of different lengths");
        for (int t = 0; t < 16; t++) {
            assertEquals(ra.trials().get(t).target(), rb.trials().get(t).target(), "target of trial " + t);
            assertEquals(a.trials.get(t), b.trials.get(t), "reset and noise draws of trial " + t);
        }
    }
}
