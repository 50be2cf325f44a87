package org.bcikit.decoders.task;


/**
 * What a subject can know about the closed-loop task at the start of one bin: where the cursor
 * and the target are, the velocity the decoder produced in the previous bin, and the trial clock.
 *
 * <p>The {@link CursorTask} owns one instance and updates it in place every bin, so an
 * {@link Encoder} or {@link AdaptiveDecoder} must read it during the call and never keep a
 * reference (copy the numbers it needs). Positions are in workspace units (mm on the rig);
 * velocities in units per second.
 */
public final class TaskState {

    double cursorX;
    double cursorY;
    double targetX;
    double targetY;
    int targetIndex;
    double decodedVx;
    double decodedVy;
    double cursorVx;
    double cursorVy;
    boolean onTarget;
    int bin;
    int trial;
    double dt;
    double acceptanceRadius;

    /** A state at the centre with no target; {@link CursorTask} fills it in. */
    public TaskState() {
    }

    /** A hand-made state (tests, open-loop use). */
    public static TaskState of(double cursorX, double cursorY, double targetX, double targetY, double dt) {
        TaskState s = new TaskState();
        s.cursorX = cursorX;
        s.cursorY = cursorY;
        s.targetX = targetX;
        s.targetY = targetY;
        s.dt = dt;
        s.acceptanceRadius = 0;
        return s;
    }

    public double cursorX() {
        return cursorX;
    }

    public double cursorY() {
        return cursorY;
    }

    public double targetX() {
        return targetX;
    }

    public double targetY() {
        return targetY;
    }

    /** Index of the target in the task's target list (0..K-1), or -1 when not from a task. */
    public int targetIndex() {
        return targetIndex;
    }

    /** The decoder's output in the previous bin (zero in the first bin of a trial). */
    public double decodedVx() {
        return decodedVx;
    }

    public double decodedVy() {
        return decodedVy;
    }

    /** The velocity actually applied to the cursor in the previous bin (after any assist). */
    public double cursorVx() {
        return cursorVx;
    }

    public double cursorVy() {
        return cursorVy;
    }

    /** True when the cursor overlaps the target (it is holding). */
    public boolean onTarget() {
        return onTarget;
    }

    /** Bin index within the trial, from 0. */
    public int bin() {
        return bin;
    }

    /** Trial index within the block, from 0. */
    public int trial() {
        return trial;
    }

    /** Time since the trial started, in seconds. */
    public double time() {
        return bin * dt;
    }

    /** Bin width in seconds. */
    public double dt() {
        return dt;
    }

    /** Distance from cursor to target. */
    public double distanceToTarget() {
        return Math.hypot(targetX - cursorX, targetY - cursorY);
    }

    /** Sum of target and cursor radii: the cursor is on the target within this distance. */
    public double acceptanceRadius() {
        return acceptanceRadius;
    }
}
