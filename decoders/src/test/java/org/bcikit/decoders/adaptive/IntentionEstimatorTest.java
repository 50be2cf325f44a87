package org.bcikit.decoders.adaptive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.bcikit.decoders.task.TaskState;
import org.junit.jupiter.api.Test;

class IntentionEstimatorTest {

    @Test
    void rotatesTheDecodedVelocityOntoTheTargetKeepingItsSpeed() {
        double[] out = new double[2];
        // target 3-4-5 away, decoded speed 5 in another direction: intention (3, 4)
        IntentionEstimator.estimate(TaskState.of(1, 1, 4, 5, 0.1), new double[] {0, -5}, out);
        assertArrayEquals(new double[] {3, 4}, out, 1e-15);
        // a decoded velocity away from the target still turns towards it
        IntentionEstimator.estimate(TaskState.of(0, 0, -2, 0, 0.1), new double[] {0.5, 0}, out);
        assertArrayEquals(new double[] {-0.5, 0}, out, 1e-15);
    }

    @Test
    void zeroOnTheTargetAndWithoutSpeed() {
        double[] out = {9, 9};
        IntentionEstimator.estimate(TaskState.of(2, 3, 2, 3, 0.1), new double[] {1, 1}, out);
        assertArrayEquals(new double[] {0, 0}, out);
        IntentionEstimator.estimate(TaskState.of(0, 0, 1, 0, 0.1), new double[] {0, 0}, out);
        assertArrayEquals(new double[] {0, 0}, out);
    }
}
