package org.bcikit.rnn.burstprop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BurstpropLearnerTest {

    private static final BurstpropConfig XOR = BurstpropConfig.xorDefaults().withEpochs(1500);

    private static int solved(BurstpropConfig config, int seeds) {
        int n = 0;
        for (int s = 0; s < seeds; s++) {
            n += new BurstpropLearner(config).fit(Patterns.xor(), new SplittableRandom(s), 100).solved() ? 1 : 0;
        }
        return n;
    }

    @Test
    void burstpropSolvesXorForMostSeedsWithEitherFeedback() {
        int fixed = solved(XOR.withFeedback(FeedbackRule.FIXED_RANDOM), 10);
        int kolenPollack = solved(XOR.withFeedback(FeedbackRule.KOLEN_POLLACK), 10);
        assertTrue(fixed >= 8, "fixed random feedback solved " + fixed + "/10");
        assertTrue(kolenPollack >= 8, "Kolen-Pollack solved " + kolenPollack + "/10");
    }

    /** XOR needs the hidden layer: with the first layer frozen (tiny rate) it is not solved. */
    @Test
    void xorIsNotSolvedWithoutHiddenLearning() {
        BurstpropConfig frozen = new BurstpropConfig(8, LearningRule.BURSTPROP, FeedbackRule.KOLEN_POLLACK, 0.2, 1.0,
                2.5, 1e-9, 0.5, 1e-3, 0.1, 1500);
        assertTrue(solved(frozen, 5) <= 1);
    }

    @Test
    void kolenPollackAlignsTheFeedbackWithTheForwardWeights() {
        for (int seed = 0; seed < 3; seed++) {
            BurstpropFit fit = new BurstpropLearner(XOR).fit(Patterns.xor(), new SplittableRandom(seed), 100);
            double[] a = fit.alignment();
            assertTrue(a[0] > 45, "seed " + seed + " starts at " + a[0]);
            for (int i = 1; i < a.length; i++) {
                assertTrue(a[i] < a[i - 1] || a[i] < 1e-3, "seed " + seed + " sample " + i + ": " + a[i] + " after "
                        + a[i - 1]);
            }
            assertTrue(BurstpropFit.last(a) < 5, "seed " + seed + " ends at " + BurstpropFit.last(a));
            assertTrue(BurstpropFit.last(fit.updateAngle()) < 20, "seed " + seed);
        }
    }

    /** Feedback alignment: with Y fixed, W2 turns towards Y^T and the hidden update towards backprop's. */
    @Test
    void fixedFeedbackIsAlignedToByTheForwardWeights() {
        BurstpropConfig fixed = XOR.withFeedback(FeedbackRule.FIXED_RANDOM);
        for (int seed = 0; seed < 3; seed++) {
            BurstpropFit fit = new BurstpropLearner(fixed).fit(Patterns.xor(), new SplittableRandom(seed), 100);
            assertTrue(BurstpropFit.last(fit.alignment()) < fit.alignment()[0] - 20, "seed " + seed);
            assertTrue(BurstpropFit.last(fit.updateAngle()) < 60, "seed " + seed);
        }
    }

    @Test
    void backpropReferenceSolvesXorAndTheSameSeedGivesTheSameNumbers() {
        BurstpropConfig bp = XOR.withLearningRule(LearningRule.BACKPROP);
        assertTrue(solved(bp, 10) >= 8);
        BurstpropFit a = new BurstpropLearner(XOR).fit(Patterns.xor(), new SplittableRandom(42), 100);
        BurstpropFit b = new BurstpropLearner(XOR).fit(Patterns.xor(), new SplittableRandom(42), 100);
        assertArrayEquals(a.loss(), b.loss(), 0);
        assertArrayEquals(a.alignment(), b.alignment(), 0);
        assertTrue(BurstpropFit.last(a.loss()) < a.loss()[0] / 5);
    }
}
