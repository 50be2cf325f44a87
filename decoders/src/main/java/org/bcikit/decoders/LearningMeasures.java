package org.bcikit.decoders;

import java.util.List;

import org.bcikit.data.InvalidInputException;

/**
 * Session-level measures of Sadtler et al. 2014 (Nature 512:423, Fig. 2 and Methods).
 *
 * <p><b>Amount of learning.</b> Each block is a point in the plane (relative success rate,
 * relative acquisition time), both axes normalised by the intuitive block
 * ({@code success / success_int}, {@code time / time_int}), so the intuitive block sits at
 * (1, 1). With {@code p_0} the first perturbation block and {@code p_best} the perturbation block
 * that gets furthest toward the intuitive point, the amount is the projection of
 * {@code p_best − p_0} onto {@code p_int − p_0} divided by {@code ‖p_int − p_0‖²}: 0 = no
 * recovery, 1 = full recovery. (The normalisation by the intuitive block is our reading of
 * "each axis normalised"; the paper's choice of scale does not change which sessions learn.)
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

    /** (relative success rate, relative acquisition time) of {@code block}. */
    public static double[] point(BlockResult block, BlockResult intuitive) {
        double s0 = intuitive.successRate();
        if (!(s0 > 0)) {
            throw new InvalidInputException("amount of learning: the intuitive block '" + intuitive.name()
                    + "' has no successful trial, so performance cannot be normalised");
        }
        return new double[] {block.successRate() / s0, relativeAcquisitionTime(block, intuitive)};
    }
}
