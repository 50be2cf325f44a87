package org.bcikit.decoders.task;

import java.util.List;

import org.bcikit.data.InvalidInputException;

/**
 * Session-level measures of Sadtler et al. 2014 (Nature 512:423, Fig. 2 and Methods).
 *
 * <p><b>Amount of learning.</b> Each block is a point in the performance plane with both axes
 * normalised so that the intuitive block sits at 1 and the worst possible performance at 0:
 * {@code success / success_int} and {@code (timeout − time) / (timeout − time_int)}. With
 * {@code p_0} the first perturbation block and {@code p_best} the perturbation block that gets
 * furthest toward the intuitive point, the amount is the projection of {@code p_best − p_0} onto
 * {@code p_int − p_0} divided by {@code ‖p_int − p_0‖²}: 0 = no recovery, 1 = full recovery.
 * (This normalisation is our reading of "each axis normalised"; it weighs both axes equally.)
 * Blocks without a success use the timeout as their acquisition time.
 */
public final class LearningMeasures {

    private LearningMeasures() {
    }

    /** The amount of learning of a perturbation session; NaN when the perturbation did not impair at all. */
    public static double amountOfLearning(BlockResult intuitive, List<BlockResult> perturbation) {
        if (perturbation.isEmpty()) {
            throw new InvalidInputException("amount of learning: expected at least one perturbation block, got none");
        }
        double[] pInt = point(intuitive, intuitive);
        double[] p0 = point(perturbation.get(0), intuitive);
        double ex = pInt[0] - p0[0];
        double ey = pInt[1] - p0[1];
        double norm2 = ex * ex + ey * ey;
        if (!(norm2 > 0)) {
            return Double.NaN;
        }
        double best = 0;
        for (BlockResult b : perturbation) {
            double[] p = point(b, intuitive);
            best = Math.max(best, ((p[0] - p0[0]) * ex + (p[1] - p0[1]) * ey) / norm2);
        }
        return best;
    }

    /**
     * Acquisition time of a block relative to the intuitive block ({@code > 1}: slower).
     */
    public static double relativeAcquisitionTime(BlockResult block, BlockResult intuitive) {
        return block.acquisitionTimeOrTimeout() / intuitive.acquisitionTimeOrTimeout();
    }

    /** The normalised (success, speed) point of {@code block}: (1, 1) for the intuitive block. */
    public static double[] point(BlockResult block, BlockResult intuitive) {
        double s0 = intuitive.successRate();
        if (!(s0 > 0)) {
            throw new InvalidInputException("amount of learning: the intuitive block '" + intuitive.name()
                    + "' has no successful trial, so performance cannot be normalised");
        }
        double timeout = intuitive.timeout();
        double t0 = intuitive.acquisitionTimeOrTimeout();
        return new double[] {block.successRate() / s0,
            (timeout - block.acquisitionTimeOrTimeout()) / (timeout - t0)};
    }
}
