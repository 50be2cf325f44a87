package org.bcikit.decoders.internalmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.bcikit.data.Trial;
import org.bcikit.data.examples.ExampleSession;
import org.bcikit.data.mat.CursorTrials;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The codepack's published example (mattgolub/internal_model_estimation, example1.m): the
 * session A010509 (the copy bundled in the jar), TAU = 3, fitted and evaluated on all trials. example1.m prints the internal
 * model's angular error for each MAX_ITERS; these are its digits.
 */
class ImeExampleTest {

    static List<Trial> trials;
    static double radius;

    @BeforeAll
    static void read() throws IOException {
        CursorTrials session = CursorTrials.read(ExampleSession.IME2015.file());
        trials = session.trials();
        radius = session.cursorRadius() + session.targetRadius();
    }

    private static AngularErrors errorsAfter(int iterations) {
        InternalModel m = new InternalModelEstimation(3).withMaxIterations(iterations).fit(trials);
        assertEquals(iterations, m.iterations());
        return m.angularErrors(trials, radius);
    }

    @Test
    void reproducesExampleOneAtTenTwentyFiveAndFiftyIterations() {
        // half a unit in the last published digit
        assertEquals(3.8766, errorsAfter(10).internalModelMean(), 5e-5);
        assertEquals(2.5144, errorsAfter(25).internalModelMean(), 5e-5);
        assertEquals(2.1383, errorsAfter(50).internalModelMean(), 5e-5);
    }

    @Test
    void reproducesExampleOneAtOneHundredIterationsWithAMonotoneLikelihood() {
        InternalModel m = new InternalModelEstimation(3).withMaxIterations(100).fit(trials);
        AngularErrors e = m.angularErrors(trials, radius);
        assertEquals(2.0677, e.internalModelMean(), 5e-5);
        // not published; bcikit's measurement, the same for any iteration count
        assertEquals(7.4010, e.cursorMean(), 5e-5);
        assertEquals(165, e.validTrials());
        assertEquals(101, m.logLikelihoods().length);
        assertEquals(3290 - 165 * 5, m.whiskerCount());
        double[] ll = m.logLikelihoods();
        for (int k = 1; k < ll.length; k++) {
            assertTrue(ll[k] >= ll[k - 1] - 1e-10, "LL fell at iteration " + k);
        }
        assertEquals(0, m.likelihoodDecreases());
        assertEquals(16770.470986, m.logLikelihood(), 1e-6);
    }
}
