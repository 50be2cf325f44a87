package org.bcikit.rnn.model;

import java.util.Locale;

/**
 * The checks that stop a training run before it computes with a broken state (issue: "nothing is
 * written half-done"): the fixed point and the adjoint must have converged, activity must stay
 * finite and within a bound, and the loss must be finite. Each failed check throws
 * {@link TrainingStopped} naming the step and the numbers.
 *
 * @param activityBound largest allowed {@code |h|}; beyond it activity counts as exploding
 */
public record TrainingGuard(double activityBound) {

    public TrainingGuard {
        if (!(activityBound > 0)) {
            throw new IllegalArgumentException("training guard: activity bound must be positive, got " + activityBound);
        }
    }

    /** Activity up to 1e6 in magnitude (far above any tanh or sensible softplus rate). */
    public static TrainingGuard defaults() {
        return new TrainingGuard(1e6);
    }

    /** Checks a forward solve at {@code step}. */
    public void checkFixedPoint(long step, FixedPointSolution solution) {
        double activity = solution.maxAbsActivity();
        if (!(activity <= activityBound)) {
            throw new TrainingStopped(step, TrainingStopped.Reason.EXPLODING_ACTIVITY,
                    String.format(Locale.ROOT, "max |h| = %.4g exceeds the bound %.4g after %d iterations",
                            activity, activityBound, solution.iterations()));
        }
        if (!solution.converged()) {
            throw new TrainingStopped(step, TrainingStopped.Reason.NOT_CONVERGED,
                    String.format(Locale.ROOT, "residual %.4g after %d iterations", solution.residual(), solution.iterations()));
        }
    }

    /** Checks an adjoint (backward) solve at {@code step}. */
    public void checkAdjoint(long step, FixedPointSolution.Diagnostics adjoint) {
        if (!adjoint.converged()) {
            throw new TrainingStopped(step, TrainingStopped.Reason.NOT_CONVERGED,
                    String.format(Locale.ROOT, "adjoint solve: relative residual %.4g after %d iterations",
                            adjoint.residual(), adjoint.iterations()));
        }
    }

    /** Checks the loss at {@code step}. */
    public void checkLoss(long step, double loss) {
        if (!Double.isFinite(loss)) {
            throw new TrainingStopped(step, TrainingStopped.Reason.NON_FINITE_LOSS, "loss = " + loss);
        }
    }
}
