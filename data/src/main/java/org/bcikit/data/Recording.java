package org.bcikit.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ejml.data.DMatrixRMaj;

/**
 * A recording in bcikit's one in-memory form: unit ids, the bin width in seconds, and trials of
 * binned spike counts with optional kinematics, targets and outcomes. Every reader produces one;
 * every analysis starts from one.
 *
 * <p>Immutable and validated when built: at least one unit, unique unit ids, bin width finite and
 * &gt; 0, every trial with exactly as many units as there are unit ids.
 */
public final class Recording {

    private final String source;
    private final List<String> unitIds;
    private final double binWidth;
    private final List<Trial> trials;
    private final Map<String, String> metadata;

    private Recording(Builder b) {
        if (b.unitIds.isEmpty()) {
            throw new InvalidInputException("units: expected at least one unit, got none");
        }
        Set<String> seen = new HashSet<>();
        for (String id : b.unitIds) {
            if (id == null || !seen.add(id)) {
                throw new InvalidInputException("units: expected unique unit ids, got '" + id + "' twice");
            }
        }
        if (!(b.binWidth > 0) || !Double.isFinite(b.binWidth)) {
            throw new InvalidInputException("binWidth: expected a finite number of seconds > 0, got "
                    + b.binWidth);
        }
        for (int i = 0; i < b.trials.size(); i++) {
            Trial t = b.trials.get(i);
            if (t.units() != b.unitIds.size()) {
                throw new InvalidInputException("trials[" + i + "].counts: expected " + b.unitIds.size()
                        + " units (columns), got " + t.units());
            }
        }
        this.source = b.source;
        this.unitIds = List.copyOf(b.unitIds);
        this.binWidth = b.binWidth;
        this.trials = List.copyOf(b.trials);
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(b.metadata));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the recording came from: a file path, or a description such as "synthetic (seed 7)". */
    public String source() {
        return source;
    }

    public List<String> unitIds() {
        return unitIds;
    }

    /** Number of units q. */
    public int units() {
        return unitIds.size();
    }

    /** Bin width in seconds. */
    public double binWidth() {
        return binWidth;
    }

    public List<Trial> trials() {
        return trials;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** Total number of bins over all trials. */
    public int totalBins() {
        int n = 0;
        for (Trial t : trials) {
            n += t.bins();
        }
        return n;
    }

    /** All trials' counts stacked in trial order: a new (total bins) x q matrix. */
    public DMatrixRMaj stackedCounts() {
        DMatrixRMaj all = new DMatrixRMaj(totalBins(), units());
        int row = 0;
        for (Trial t : trials) {
            t.copyCountsInto(all, row);
            row += t.bins();
        }
        return all;
    }

    /** True when every trial carries a cursor position. */
    public boolean hasCursorPosition() {
        return !trials.isEmpty() && trials.stream().allMatch(Trial::hasCursorPosition);
    }

    /** True when every trial carries a cursor velocity. */
    public boolean hasCursorVelocity() {
        return !trials.isEmpty() && trials.stream().allMatch(Trial::hasCursorVelocity);
    }

    /** True when every trial has a target. */
    public boolean hasTargets() {
        return !trials.isEmpty() && trials.stream().allMatch(t -> t.target() != null);
    }

    /** True when at least one trial has an outcome other than {@link Outcome#UNKNOWN}. */
    public boolean hasOutcomes() {
        return trials.stream().anyMatch(t -> t.outcome() != Outcome.UNKNOWN);
    }

    /** Distinct targets in order of first appearance. */
    public List<Target> distinctTargets() {
        List<Target> out = new ArrayList<>();
        for (Trial t : trials) {
            if (t.target() != null && !out.contains(t.target())) {
                out.add(t.target());
            }
        }
        return out;
    }

    /** Collects a recording's parts; {@link #build()} validates them. */
    public static final class Builder {
        private String source = "";
        private final List<String> unitIds = new ArrayList<>();
        private double binWidth = Double.NaN;
        private final List<Trial> trials = new ArrayList<>();
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder source(String source) {
            this.source = source == null ? "" : source;
            return this;
        }

        public Builder unitIds(List<String> ids) {
            this.unitIds.clear();
            this.unitIds.addAll(ids);
            return this;
        }

        /** Names the units "0", "1", ..., "q-1". */
        public Builder numberedUnits(int q) {
            this.unitIds.clear();
            for (int i = 0; i < q; i++) {
                unitIds.add(Integer.toString(i));
            }
            return this;
        }

        public Builder binWidth(double seconds) {
            this.binWidth = seconds;
            return this;
        }

        public Builder addTrial(Trial trial) {
            this.trials.add(trial);
            return this;
        }

        public Builder trials(List<Trial> trials) {
            this.trials.clear();
            this.trials.addAll(trials);
            return this;
        }

        public Builder metadata(String key, String value) {
            this.metadata.put(key, value);
            return this;
        }

        public Recording build() {
            return new Recording(this);
        }
    }
}
