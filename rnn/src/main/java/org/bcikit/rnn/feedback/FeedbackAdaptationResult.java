package org.bcikit.rnn.feedback;

/**
 * The outcome of a {@link FeedbackAdaptation}: per step reached (step 0 first) the exact expected
 * loss and the angle between the feedback used at that step and the decoder's transpose, and
 * whether the run went unstable.
 *
 * @param loss        exact expected loss per step reached
 * @param angle       angle in degrees between B and V_p^T per step reached
 * @param unstable    true if the spectral radius of W reached 1 (or the loss stopped being finite)
 * @param stoppedAt   the number of steps recorded when the run stopped early, or -1
 * @param stopReason  why it stopped (empty if it did not)
 */
public record FeedbackAdaptationResult(double[] loss, double[] angle, boolean unstable, int stoppedAt,
        String stopReason) {

    /** Retraining performance {@code 1 - L(t)/L(0)} per step reached (Payeur et al. 2023). */
    public double[] performance() {
        double[] p = new double[loss.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = 1 - loss[t] / loss[0];
        }
        return p;
    }
}
