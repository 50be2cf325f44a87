package org.bcikit.experiments.closedloop;

import org.bcikit.decoders.task.CursorTask;
import org.bcikit.experiments.spec.Validation;

/**
 * The centre-out cursor task of the closed-loop experiments, as written in a spec (Sadtler et al.
 * 2014: 8 targets, 45 ms bins).
 *
 * @param targets        number of targets on the circle
 * @param targetDistance radius of the target circle (mm)
 * @param targetRadius   acceptance radius (mm)
 * @param holdTime       seconds on the target to succeed
 * @param timeout        seconds before a trial fails
 * @param dt             bin width (s)
 */
record TaskSettings(int targets, double targetDistance, double targetRadius, double holdTime, double timeout,
        double dt) {

    /** The rig's task with a shorter timeout than the 7.5 s of the monkeys (simulated trials are costly). */
    static TaskSettings defaults() {
        return new TaskSettings(8, 125, 20, 0.1, 3.0, 0.045);
    }

    void validate(Validation at, String base) {
        at.atLeast(base + "targets", targets, 2);
        at.positive(base + "targetDistance", targetDistance);
        at.positive(base + "targetRadius", targetRadius);
        at.nonNegative(base + "holdTime", holdTime);
        at.positive(base + "timeout", timeout);
        at.positive(base + "dt", dt);
        at.require(timeout / dt <= 10_000, base + "timeout", "at most 10000 bins per trial (timeout / dt)", timeout);
    }

    CursorTask task() {
        return new CursorTask(new CursorTask.Config(targets, targetDistance, targetRadius, 0, holdTime, timeout, dt));
    }
}
