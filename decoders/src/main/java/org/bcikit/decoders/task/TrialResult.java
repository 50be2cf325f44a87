package org.bcikit.decoders.task;

import org.bcikit.data.Outcome;

/**
 * One trial of the cursor task.
 *
 * @param trial index within the block
 * @param target target index
 * @param outcome {@link Outcome#SUCCESS} when the target was acquired and held before the timeout
 * @param acquisitionTime seconds from trial start to entering the target for the hold that
 *     succeeded; NaN for failures
 * @param bins bins the trial lasted
 * @param angularError mean absolute angle (degrees) between the decoded velocity and the
 *     cursor-to-target direction over the bins before the cursor first reached the target
 * @param progress mean progress over those bins: decoded velocity · unit cursor-to-target vector
 *     (Golub et al. 2018), in units per second
 */
public record TrialResult(int trial, int target, Outcome outcome, double acquisitionTime, int bins,
        double angularError, double progress) {

    public boolean success() {
        return outcome == Outcome.SUCCESS;
    }
}
