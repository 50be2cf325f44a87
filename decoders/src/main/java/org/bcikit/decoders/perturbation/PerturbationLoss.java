package org.bcikit.decoders.perturbation;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;
import org.ejml.data.DMatrixRMaj;

/**
 * How a {@link PerturbationSelector} scores a candidate's initial difficulty: a loss per target,
 * computed from calibration activity recorded under the intuitive decoder. The selector matches
 * difficulty on these loss vectors ({@link MatchedDifficulty}), whatever they measure:
 * {@link OpenLoopLoss} (the decoded velocity of the mean counts, Sadtler et al. 2014) or
 * {@link ExpectedLoss} (its bias plus its variance, Payeur et al. 2023).
 */
public interface PerturbationLoss {

    /**
     * Mean counts per target (K x q) of the calibration activity: what the open-loop screen and the
     * choice of the most modulated units read. Owned by the loss: read it, never mutate it.
     */
    DMatrixRMaj meanCountsPerTarget();

    /**
     * The per-target loss (length K) of decoding the calibration activity with {@code perturbed}
     * instead of {@code intuitive}. {@code openLoop} is the open-loop prediction of the same pair
     * from {@link #meanCountsPerTarget()}, which the selector computes for every candidate; a loss
     * may reuse it.
     */
    double[] losses(KalmanVelocityDecoder intuitive, KalmanVelocityDecoder perturbed, OpenLoopPrediction openLoop);
}
