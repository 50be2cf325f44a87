package org.bcikit.decoders.task;

import java.util.List;

/**
 * A block of trials of the cursor task and its summary: success rate, mean acquisition time over
 * successful trials (NaN when none succeeded), mean angular error and mean progress (Sadtler et
 * al. 2014; Golub et al. 2018).
 */
public record BlockResult(String name, List<TrialResult> trials, double timeout) {

    public BlockResult {
        trials = List.copyOf(trials);
    }

    /** Fraction of trials that succeeded. */
    public double successRate() {
        if (trials.isEmpty()) {
            return Double.NaN;
        }
        return trials.stream().filter(TrialResult::success).count() / (double) trials.size();
    }

    /** Mean acquisition time of the successful trials in seconds; NaN when none succeeded. */
    public double meanAcquisitionTime() {
        return trials.stream().filter(TrialResult::success).mapToDouble(TrialResult::acquisitionTime)
                .average().orElse(Double.NaN);
    }

    /**
     * Mean acquisition time for performance comparisons: as {@link #meanAcquisitionTime()}, but
     * the timeout when no trial succeeded (the block was at least that slow).
     */
    public double acquisitionTimeOrTimeout() {
        double t = meanAcquisitionTime();
        return Double.isNaN(t) ? timeout : t;
    }

    /** Mean over trials of each trial's mean absolute angular error, in degrees. */
    public double angularError() {
        return trials.stream().mapToDouble(TrialResult::angularError).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }

    /** Mean over trials of each trial's mean progress toward the target (units per second). */
    public double progress() {
        return trials.stream().mapToDouble(TrialResult::progress).filter(Double::isFinite).average()
                .orElse(Double.NaN);
    }
}
