package org.bcikit.decoders.perturbation;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * The open-loop loss of Sadtler et al. 2014 (Methods): per target, the squared difference between
 * the velocities the perturbed and the intuitive decoder make of the mean calibration counts,
 * relative to the mean intuitive speed squared ({@link OpenLoopPrediction#losses()}). Blind to the
 * variance of the activity around those means; see {@link ExpectedLoss} for a loss that counts it.
 */
public final class OpenLoopLoss implements PerturbationLoss {

    private final DMatrixRMaj meanCounts;

    /** The loss over mean counts per target (K x q; copied). */
    public OpenLoopLoss(DMatrixRMaj meanCountsPerTarget) {
        this.meanCounts = meanCountsPerTarget.copy();
    }

    @Override
    public DMatrixRMaj meanCountsPerTarget() {
        return meanCounts;
    }

    /** The open-loop prediction's own losses (the prediction is of the same mean counts). */
    @Override
    public double[] losses(KalmanVelocityDecoder intuitive, KalmanVelocityDecoder perturbed, OpenLoopPrediction openLoop) {
        return openLoop.losses();
    }
}
