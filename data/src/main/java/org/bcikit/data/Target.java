package org.bcikit.data;

import java.util.Objects;

/**
 * The goal of a trial: a position in the workspace, a condition id, or both. Centre-out tasks
 * usually have both (target 3 at 135 degrees on a circle); recordings without kinematics may
 * only have a condition id.
 */
public final class Target {

    private final double x;
    private final double y;
    private final boolean hasPosition;
    private final Integer conditionId;

    private Target(double x, double y, boolean hasPosition, Integer conditionId) {
        if (hasPosition && !(Double.isFinite(x) && Double.isFinite(y))) {
            throw new InvalidInputException("target position: expected finite coordinates, got ("
                    + x + ", " + y + ")");
        }
        if (!hasPosition && conditionId == null) {
            throw new InvalidInputException("target: expected a position or a condition id, got neither");
        }
        this.x = x;
        this.y = y;
        this.hasPosition = hasPosition;
        this.conditionId = conditionId;
    }

    public static Target at(double x, double y) {
        return new Target(x, y, true, null);
    }

    public static Target condition(int conditionId) {
        return new Target(Double.NaN, Double.NaN, false, conditionId);
    }

    public static Target of(double x, double y, int conditionId) {
        return new Target(x, y, true, conditionId);
    }

    public boolean hasPosition() {
        return hasPosition;
    }

    public boolean hasCondition() {
        return conditionId != null;
    }

    /** Horizontal position; NaN when the target has no position. */
    public double x() {
        return x;
    }

    /** Vertical position; NaN when the target has no position. */
    public double y() {
        return y;
    }

    /** The condition id; -1 when the target has none. */
    public int conditionId() {
        return conditionId == null ? -1 : conditionId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Target)) {
            return false;
        }
        Target t = (Target) o;
        return hasPosition == t.hasPosition && Objects.equals(conditionId, t.conditionId)
                && (!hasPosition || (Double.compare(x, t.x) == 0 && Double.compare(y, t.y) == 0));
    }

    @Override
    public int hashCode() {
        return Objects.hash(hasPosition, conditionId, hasPosition ? x : 0.0, hasPosition ? y : 0.0);
    }

    @Override
    public String toString() {
        if (hasPosition && conditionId != null) {
            return "target " + conditionId + " at (" + x + ", " + y + ")";
        }
        return hasPosition ? "target at (" + x + ", " + y + ")" : "condition " + conditionId;
    }
}
