package org.bcikit.data;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ejml.data.DMatrixRMaj;

/**
 * One trial of a recording: spike counts per bin and unit (T x q), optionally the cursor's
 * position and velocity per bin (T x 2), the target, the outcome and free-form metadata.
 *
 * <p>Immutable: matrices are copied in and copied out, so a trial can be shared between threads.
 * Validated when built: counts finite and non-negative, at least one bin, kinematics with the
 * same number of bins as the counts.
 */
public final class Trial {

    private final DMatrixRMaj counts;
    private final DMatrixRMaj cursorPosition;
    private final DMatrixRMaj cursorVelocity;
    private final Target target;
    private final Outcome outcome;
    private final double startTime;
    private final Map<String, String> metadata;

    private Trial(Builder b) {
        if (b.counts == null) {
            throw new InvalidInputException("counts: expected a bins x units matrix, got none");
        }
        if (b.counts.numRows < 1 || b.counts.numCols < 1) {
            throw new InvalidInputException("counts: expected at least one bin and one unit, got "
                    + b.counts.numRows + " x " + b.counts.numCols);
        }
        double[] c = b.counts.data;
        int n = b.counts.getNumElements();
        for (int k = 0; k < n; k++) {
            if (!Double.isFinite(c[k]) || c[k] < 0) {
                throw new InvalidInputException("counts[" + (k / b.counts.numCols) + "]["
                        + (k % b.counts.numCols) + "]: expected a finite count >= 0, got " + c[k]);
            }
        }
        checkKinematics("cursor position", b.cursorPosition, b.counts.numRows);
        checkKinematics("cursor velocity", b.cursorVelocity, b.counts.numRows);
        this.counts = b.counts.copy();
        this.cursorPosition = b.cursorPosition == null ? null : b.cursorPosition.copy();
        this.cursorVelocity = b.cursorVelocity == null ? null : b.cursorVelocity.copy();
        this.target = b.target;
        this.outcome = b.outcome;
        this.startTime = b.startTime;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    private static void checkKinematics(String field, DMatrixRMaj m, int bins) {
        if (m == null) {
            return;
        }
        if (m.numRows != bins || m.numCols != 2) {
            throw new InvalidInputException(field + ": expected " + bins + " x 2 (bins x [x, y]), got "
                    + m.numRows + " x " + m.numCols);
        }
        for (int k = 0; k < m.getNumElements(); k++) {
            if (!Double.isFinite(m.data[k])) {
                throw new InvalidInputException(field + "[" + (k / 2) + "]: expected a finite value, got "
                        + m.data[k]);
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this trial's contents, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().counts(counts).cursorPosition(cursorPosition)
                .cursorVelocity(cursorVelocity).target(target).outcome(outcome).startTime(startTime);
        b.metadata.putAll(metadata);
        return b;
    }

    /** Number of time bins T. */
    public int bins() {
        return counts.numRows;
    }

    /** Number of units q. */
    public int units() {
        return counts.numCols;
    }

    /** A copy of the counts, T x q. */
    public DMatrixRMaj counts() {
        return counts.copy();
    }

    /** The count of {@code unit} in bin {@code bin}, without copying. */
    public double count(int bin, int unit) {
        return counts.unsafe_get(bin, unit);
    }

    /**
     * Copies the counts into rows {@code rowOffset ..} of {@code dst}, which must have q columns
     * and room for T rows there. For stacking trials without intermediate copies.
     */
    public void copyCountsInto(DMatrixRMaj dst, int rowOffset) {
        if (dst.numCols != counts.numCols || rowOffset < 0 || rowOffset + counts.numRows > dst.numRows) {
            throw new IllegalArgumentException("destination " + dst.numRows + " x " + dst.numCols
                    + " cannot take " + counts.numRows + " x " + counts.numCols + " at row " + rowOffset);
        }
        System.arraycopy(counts.data, 0, dst.data, rowOffset * dst.numCols, counts.getNumElements());
    }

    public boolean hasCursorPosition() {
        return cursorPosition != null;
    }

    public boolean hasCursorVelocity() {
        return cursorVelocity != null;
    }

    /** A copy of the cursor position, T x 2, or null when the recording has none. */
    public DMatrixRMaj cursorPosition() {
        return cursorPosition == null ? null : cursorPosition.copy();
    }

    /** A copy of the cursor velocity, T x 2, or null when the recording has none. */
    public DMatrixRMaj cursorVelocity() {
        return cursorVelocity == null ? null : cursorVelocity.copy();
    }

    /** The target, or null when the recording does not say. */
    public Target target() {
        return target;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** Start of the first bin in seconds on the recording's clock; NaN when unknown. */
    public double startTime() {
        return startTime;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Collects a trial's parts; {@link #build()} validates and copies them. */
    public static final class Builder {
        private DMatrixRMaj counts;
        private DMatrixRMaj cursorPosition;
        private DMatrixRMaj cursorVelocity;
        private Target target;
        private Outcome outcome = Outcome.UNKNOWN;
        private double startTime = Double.NaN;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        /** Spike counts, T bins x q units (copied at {@link #build()}). */
        public Builder counts(DMatrixRMaj counts) {
            this.counts = counts;
            return this;
        }

        public Builder cursorPosition(DMatrixRMaj position) {
            this.cursorPosition = position;
            return this;
        }

        public Builder cursorVelocity(DMatrixRMaj velocity) {
            this.cursorVelocity = velocity;
            return this;
        }

        public Builder target(Target target) {
            this.target = target;
            return this;
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome == null ? Outcome.UNKNOWN : outcome;
            return this;
        }

        public Builder startTime(double seconds) {
            this.startTime = seconds;
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public Trial build() {
            return new Trial(this);
        }
    }
}
