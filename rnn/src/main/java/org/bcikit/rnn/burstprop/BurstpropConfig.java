package org.bcikit.rnn.burstprop;

/**
 * Configuration of a two-layer burstprop (or backprop reference) learner.
 *
 * @param hidden               hidden units
 * @param learningRule         burstprop or the backprop reference
 * @param feedback             how Y follows W2 (burstprop only)
 * @param baselineBurst        the output units' baseline burst probability p_b (0.2 in the paper)
 * @param dendriticSlope       slope β of the hidden burst probability {@code p = σ(β u)}; the
 *                             hidden update is divided by β so that, in the linear regime, its step
 *                             size does not depend on β and only the approximation does
 * @param outputLearningRate   η of the output layer
 * @param hiddenLearningRate   η of the hidden layer (before the division by β)
 * @param recurrentLearningRate η of the recurrent weights Z that cancel the baseline dendritic drive
 * @param weightDecay          per-step decay of W2 (and of Y under Kolen–Pollack), which is what
 *                             makes Kolen–Pollack's {@code W2 - Y^T} vanish
 * @param initScale            standard deviation of the initial forward and feedback weights
 * @param epochs               passes over the patterns, each in a fresh seeded order
 */
public record BurstpropConfig(int hidden, LearningRule learningRule, FeedbackRule feedback, double baselineBurst,
        double dendriticSlope, double outputLearningRate, double hiddenLearningRate, double recurrentLearningRate,
        double weightDecay, double initScale, int epochs) {

    /** Checks the ranges. */
    public BurstpropConfig {
        if (hidden < 1 || epochs < 1) {
            throw new IllegalArgumentException("burstprop: hidden and epochs must be at least 1, got " + hidden
                    + " and " + epochs);
        }
        if (!(baselineBurst > 0 && baselineBurst < 1)) {
            throw new IllegalArgumentException("burstprop: baselineBurst must lie in (0, 1), got " + baselineBurst);
        }
        if (!(dendriticSlope > 0) || !(outputLearningRate > 0) || !(hiddenLearningRate > 0)
                || !(recurrentLearningRate >= 0) || !(weightDecay >= 0 && weightDecay < 1) || !(initScale > 0)) {
            throw new IllegalArgumentException("burstprop: slope, learning rates and init scale must be positive, "
                    + "weight decay in [0, 1)");
        }
    }

    /** XOR defaults: 8 hidden units, p_b 0.2, slope 1, Kolen–Pollack feedback, 3000 epochs. */
    public static BurstpropConfig xorDefaults() {
        return new BurstpropConfig(8, LearningRule.BURSTPROP, FeedbackRule.KOLEN_POLLACK, 0.2, 1.0, 2.5, 10, 0.5,
                1e-3, 1.0, 3000);
    }

    /** This configuration with another learning rule. */
    public BurstpropConfig withLearningRule(LearningRule rule) {
        return new BurstpropConfig(hidden, rule, feedback, baselineBurst, dendriticSlope, outputLearningRate,
                hiddenLearningRate, recurrentLearningRate, weightDecay, initScale, epochs);
    }

    /** This configuration with another feedback rule. */
    public BurstpropConfig withFeedback(FeedbackRule rule) {
        return new BurstpropConfig(hidden, learningRule, rule, baselineBurst, dendriticSlope, outputLearningRate,
                hiddenLearningRate, recurrentLearningRate, weightDecay, initScale, epochs);
    }

    /** This configuration with another dendritic slope. */
    public BurstpropConfig withDendriticSlope(double slope) {
        return new BurstpropConfig(hidden, learningRule, feedback, baselineBurst, slope, outputLearningRate,
                hiddenLearningRate, recurrentLearningRate, weightDecay, initScale, epochs);
    }

    /** This configuration with another number of epochs. */
    public BurstpropConfig withEpochs(int n) {
        return new BurstpropConfig(hidden, learningRule, feedback, baselineBurst, dendriticSlope, outputLearningRate,
                hiddenLearningRate, recurrentLearningRate, weightDecay, initScale, n);
    }
}
