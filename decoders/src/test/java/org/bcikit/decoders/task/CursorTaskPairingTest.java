package org.bcikit.decoders.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.bcikit.decoders.LinearDecoder;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * Paired runs stay paired: two decoders driven from the same seed see the same targets and, trial
 * by trial, the same reset and the same per-bin noise, although the trials last different numbers
 * of bins (issue 18 item 6: with one stream the noise parted after the first trial).
 */
class CursorTaskPairingTest {

    /** Two units pointing at the target, plus noise; records every draw it takes. */
    private static final class RecordingEncoder implements Encoder {
        final List<Long> resets = new ArrayList<>();
        final List<List<Double>> noise = new ArrayList<>();

        @Override
        public int units() {
            return 2;
        }

        @Override
        public void reset(SplittableRandom random) {
            resets.add(random.nextLong());
            noise.add(new ArrayList<>());
        }

        @Override
        public void encode(TaskState state, SplittableRandom random, double[] counts) {
            double dx = state.targetX() - state.cursorX();
            double dy = state.targetY() - state.cursorY();
            double d = Math.max(Math.hypot(dx, dy), 1e-9);
            double nx = 0.2 * random.nextGaussian();
            double ny = 0.2 * random.nextGaussian();
            noise.get(noise.size() - 1).add(nx);
            noise.get(noise.size() - 1).add(ny);
            counts[0] = dx / d + nx;
            counts[1] = dy / d + ny;
        }
    }

    private static LinearDecoder gain(double speed) {
        DMatrixRMaj w = new DMatrixRMaj(new double[][] {{speed, 0}, {0, speed}});
        return LinearDecoder.of(w, new DMatrixRMaj(2, 1));
    }

    @Test
    void trialKSeesTheSameNoiseWhateverTheDecoder() {
        CursorTask task = new CursorTask(CursorTask.Config.defaults().withTimeout(3));
        RecordingEncoder fast = new RecordingEncoder();
        RecordingEncoder slow = new RecordingEncoder();
        SplittableRandom fastRandom = new SplittableRandom(2014);
        SplittableRandom slowRandom = new SplittableRandom(2014);
        BlockResult a = task.runBlock(fast, gain(400), CursorTask.Block.of("fast", 16), fastRandom);
        BlockResult b = task.runBlock(slow, gain(120), CursorTask.Block.of("slow", 16), slowRandom);

        int differentLengths = 0;
        for (int k = 0; k < 16; k++) {
            TrialResult ta = a.trials().get(k);
            TrialResult tb = b.trials().get(k);
            assertEquals(ta.target(), tb.target(), "target of trial " + k);
            assertEquals(fast.resets.get(k), slow.resets.get(k), "reset draw of trial " + k);
            List<Double> na = fast.noise.get(k);
            List<Double> nb = slow.noise.get(k);
            int common = Math.min(na.size(), nb.size());
            assertEquals(na.subList(0, common), nb.subList(0, common), "noise of trial " + k);
            differentLengths += ta.bins() != tb.bins() ? 1 : 0;
        }
        // the slow decoder takes longer in every trial, so a single stream would have parted at trial 1
        assertEquals(16, differentLengths);
        assertTrue(a.successRate() > 0.9 && b.successRate() > 0.9, a.successRate() + " " + b.successRate());
        // the caller's generator advanced the same: the next block is paired too
        assertEquals(fastRandom.nextLong(), slowRandom.nextLong());
    }
}
