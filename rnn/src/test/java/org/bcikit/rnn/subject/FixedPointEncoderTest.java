package org.bcikit.rnn.subject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.bcikit.decoders.LinearDecoder;
import org.bcikit.decoders.task.BlockResult;
import org.bcikit.decoders.task.CursorTask;
import org.bcikit.decoders.task.TaskState;
import org.bcikit.rnn.model.Activation;
import org.bcikit.rnn.model.DenseWeights;
import org.bcikit.rnn.model.FixedPointRnn;
import org.bcikit.rnn.model.FixedPointRnnTest;
import org.bcikit.rnn.model.Initialisation;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class FixedPointEncoderTest {

    static FixedPointRnn network(int n) {
        SplittableRandom rng = new SplittableRandom(61);
        DMatrixRMaj w = Initialisation.standardGaussian(n, 0.5, rng);
        DMatrixRMaj u = FixedPointRnnTest.gaussian(n, 2, 62);
        return new FixedPointRnn(new DenseWeights(w), u, new DMatrixRMaj(n, 1), Activation.TANH,
                FixedPointRnn.Settings.defaults());
    }

    @Test
    void countsAreTheShiftedFixedPointOfTheRecordedUnits() {
        FixedPointRnn net = network(12);
        FixedPointEncoder enc = new FixedPointEncoder(net, 5, 100, 100, 0, 10);
        TaskState s = TaskState.of(20, -10, 80, 60, 0.045);
        double[] counts = new double[5];
        enc.encode(s, new SplittableRandom(1), counts);
        DMatrixRMaj x = new DMatrixRMaj(new double[][] {{0.6, 0.7}});
        DMatrixRMaj h = net.solve(x).states();
        for (int i = 0; i < 5; i++) {
            assertEquals(10 * (1 + h.get(0, i)), counts[i], 1e-9);
            assertTrue(counts[i] >= 0);
        }
    }

    /** A decoder fitted to the network's open-loop responses lets it drive the cursor to the targets. */
    @Test
    void aNetworkDrivesTheCursorThroughADecoderReadingItsUnits() {
        FixedPointRnn net = network(20);
        CursorTask.Config config = CursorTask.Config.defaults();
        FixedPointEncoder enc = new FixedPointEncoder(net, 20, config.targetDistance(), 100, 0.02, 10);
        // calibration: random cursor/target offsets, intended velocity = 200 mm/s toward the target
        SplittableRandom rng = new SplittableRandom(3);
        int samples = 400;
        DMatrixRMaj counts = new DMatrixRMaj(samples, 20);
        DMatrixRMaj velocity = new DMatrixRMaj(samples, 2);
        double[] c = new double[20];
        for (int k = 0; k < samples; k++) {
            double angle = rng.nextDouble(2 * Math.PI);
            double dist = rng.nextDouble(10, 140);
            TaskState s = TaskState.of(0, 0, dist * Math.cos(angle), dist * Math.sin(angle), config.dt());
            enc.encode(s, rng, c);
            System.arraycopy(c, 0, counts.data, k * 20, 20);
            velocity.set(k, 0, 200 * Math.cos(angle));
            velocity.set(k, 1, 200 * Math.sin(angle));
        }
        LinearDecoder decoder = LinearDecoder.fit(counts, velocity, 1e-3);
        BlockResult block = new CursorTask(config).runBlock(enc, decoder, CursorTask.Block.of("control", 16),
                new SplittableRandom(4));
        assertEquals(16, block.trials().size());
        assertTrue(block.successRate() >= 0.9, "success rate " + block.successRate());
    }
}
