package org.bcikit.decoders.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.bcikit.data.Outcome;
import org.junit.jupiter.api.Test;

class LearningMeasuresTest {

    /** A block of 10 trials with {@code successes} successes, each acquired in {@code time} seconds. */
    static BlockResult block(String name, int successes, double time) {
        List<TrialResult> trials = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            boolean ok = i < successes;
            trials.add(new TrialResult(i, i % 8, ok ? Outcome.SUCCESS : Outcome.FAILURE, ok ? time : Double.NaN,
                    10, 10, 100));
        }
        return new BlockResult(name, trials, 5.0);
    }

    @Test
    void blockSummaries() {
        BlockResult b = block("b", 7, 1.5);
        assertEquals(0.7, b.successRate(), 1e-15);
        assertEquals(1.5, b.meanAcquisitionTime(), 1e-15);
        assertEquals(5.0, block("none", 0, 1).acquisitionTimeOrTimeout(), 0);
    }

    @Test
    void amountOfLearningIsTheNormalisedProjection() {
        BlockResult intuitive = block("int", 10, 1.0);
        BlockResult first = block("p0", 5, 3.0);    // point (0.5, 0.5)
        BlockResult half = block("p1", 10, 3.0);    // point (1.0, 0.5): projection 0.5
        BlockResult full = block("p2", 10, 1.0);    // point (1, 1): projection 1
        assertEquals(0.5, LearningMeasures.amountOfLearning(intuitive, List.of(first, half)), 1e-12);
        assertEquals(1.0, LearningMeasures.amountOfLearning(intuitive, List.of(first, half, full)), 1e-12);
        assertEquals(0.0, LearningMeasures.amountOfLearning(intuitive, List.of(first)), 1e-12);
        assertEquals(3.0, LearningMeasures.relativeAcquisitionTime(first, intuitive), 1e-12);
    }

    @Test
    void intuitiveBlockWithoutSuccessCannotNormalise() {
        assertThrows(InvalidInputException.class,
                () -> LearningMeasures.amountOfLearning(block("int", 0, 1), List.of(block("p", 1, 1))));
    }
}
