package org.bcikit.rnn.relevance;

/**
 * The TD(0) error of Insel et al. 2018 on the relevance signal: the US is a reward-like bonus A
 * one step late, and relevance is discounted by γ, so a stimulus whose relevance is not followed
 * by a US yields a negative error and is learned to be ignored.
 */
public final class TemporalDifference {

    private TemporalDifference() {
    }

    /**
     * {@code δ(t) = A·US(t−1) + γ S(t) − S(t−1)}.
     *
     * @param amplitude      A
     * @param previousUs     US(t−1), 1 while the US is on
     * @param gamma          γ
     * @param relevance      S(t)
     * @param previousRelevance S(t−1)
     */
    public static double error(double amplitude, double previousUs, double gamma, double relevance,
            double previousRelevance) {
        return amplitude * previousUs + gamma * relevance - previousRelevance;
    }
}
