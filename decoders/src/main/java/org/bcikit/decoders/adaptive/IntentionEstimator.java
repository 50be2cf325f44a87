package org.bcikit.decoders.adaptive;

import org.bcikit.decoders.task.TaskState;

/**
 * Estimates the subject's intended velocity for closed-loop decoder adaptation, after ReFIT
 * (Gilja et al. 2012, Nat Neurosci 15:1752) and CLDA (Orsborn et al. 2014, Neuron 82:1380): the
 * decoded velocity rotated to point straight at the target, with the same speed; zero while the
 * cursor is on the target (the subject is assumed to hold still).
 */
public final class IntentionEstimator {

    private IntentionEstimator() {
    }

    /** Writes the intended velocity for {@code state} and the {@code decoded} velocity into {@code out}. */
    public static void estimate(TaskState state, double[] decoded, double[] out) {
        double dx = state.targetX() - state.cursorX();
        double dy = state.targetY() - state.cursorY();
        double dist = Math.hypot(dx, dy);
        if (state.onTarget() || dist == 0) {
            out[0] = 0;
            out[1] = 0;
            return;
        }
        double speed = Math.hypot(decoded[0], decoded[1]);
        out[0] = speed * dx / dist;
        out[1] = speed * dy / dist;
    }
}
