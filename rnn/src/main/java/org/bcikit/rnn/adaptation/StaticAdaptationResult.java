package org.bcikit.rnn.adaptation;

import java.util.List;

/**
 * The outcome of a {@link StaticAdaptation}: the loss at every step reached, periodic metrics, and
 * whether and why the run stopped early. Arrays have one entry per step reached (step 0 first), so
 * a run that stopped at step s has s entries.
 *
 * @param loss         exact expected loss per step
 * @param varianceLoss its variance part per step
 * @param meanLoss     its mean part per step
 * @param metrics      full metrics every {@code metricsEvery} steps and at the last step (none
 *                     after an early stop)
 * @param unstable      true if the run stopped because the spectral radius of W reached 1 (or the
 *                      loss stopped being finite)
 * @param reachedTarget true if the run stopped because the loss reached its target fraction
 *                      ({@link StaticAdaptation#untilLossFraction})
 * @param stoppedAt     the number of steps recorded when the run stopped early, or -1 if every
 *                      requested step ran
 * @param stopReason    why it stopped early (empty if it did not)
 */
public record StaticAdaptationResult(double[] loss, double[] varianceLoss, double[] meanLoss,
        List<StaticStepMetrics> metrics, boolean unstable, boolean reachedTarget, int stoppedAt, String stopReason) {

    /** Retraining performance {@code 1 - L(t)/L(0)} per step reached. */
    public double[] performance() {
        double[] p = new double[loss.length];
        for (int t = 0; t < p.length; t++) {
            p[t] = 1 - loss[t] / loss[0];
        }
        return p;
    }

    /** True when every requested step ran or the target loss was reached (no failure). */
    public boolean completed() {
        return stoppedAt < 0 || reachedTarget;
    }

    /** Number of steps recorded (the length of {@link #loss()}). */
    public int stepsRecorded() {
        return loss.length;
    }

    /** The last metrics recorded (null if the run stopped before step 0 was measured). */
    public StaticStepMetrics last() {
        return metrics.isEmpty() ? null : metrics.get(metrics.size() - 1);
    }
}
