package org.bcikit.rnn.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.SplittableRandom;

import org.bcikit.data.SharedData;
import org.bcikit.data.mat.RigSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A static network fitted to the real Golub et al. 2018 session, from a lazy and a rich start. */
class SessionLearnerTest {

    private static SessionPrediction lazy;
    private static SessionPrediction rich;

    @BeforeAll
    static void fit() throws IOException {
        RigSession s = RigSession.read(SharedData.golub2018());
        lazy = SessionLearner.withExponent(SessionLearner.LAZY_EXPONENT).withAdaptation(1e-3, 1500)
                .fit(s, new SplittableRandom(1));
        rich = SessionLearner.withExponent(SessionLearner.RICH_EXPONENT).withAdaptation(1e-3, 1500)
                .fit(s, new SplittableRandom(1));
    }

    @Test
    void theFitMatchesTheRecordedMomentsAndTheAdaptedNetworkReachesTheRecordedProgress() {
        for (SessionPrediction p : new SessionPrediction[] {lazy, rich}) {
            assertTrue(p.fit().converged(), "mean KL " + p.fit().kl());
            // Before adapting, the fitted network's activity is the recorded before-learning activity:
            // its perturbed progress is the recorded 26.4 mm/s up to the per-target averaging.
            assertEquals(26.4, p.startProgress(), 2.0);
            assertTrue(p.reachedRecorded(), "reaches " + p.recordedProgress());
            assertEquals(p.recordedProgress(), p.progress()[p.progress().length - 1], 0.1);
        }
    }

    @Test
    void lazyAndRichStartsFittedToTheSameActivityPredictTheSameAfterLearningActivity() {
        // Exact GD on W moves the activity by terms in A A^T = Sigma / s2 only, which the fit fixes;
        // the orthogonal freedom left by the fit (where lazy and rich differ) drops out.
        assertEquals(lazy.adaptationSteps(), rich.adaptationSteps());
        for (int c = 0; c < lazy.predictedMeans().size(); c++) {
            assertArrayEquals(lazy.predictedMeans().get(c), rich.predictedMeans().get(c), 1e-2, "cloud " + c);
        }
        // ... while their weights differ: the rich start's fitted W is far from the lazy one's.
        assertTrue(Math.abs(lazy.fittedRadius() - rich.fittedRadius()) > 0.1,
                lazy.fittedRadius() + " vs " + rich.fittedRadius());
    }

    @Test
    void thePredictionKeepsTheRepertoireAsTheMonkeyDid() {
        // Recorded overall repertoire change 0.025; realignment predicts about 0.29.
        double overall = lazy.predicted().get(0).overallRepertoireChange();
        assertTrue(Math.abs(overall) < 0.08, "overall repertoire change " + overall);
    }
}
