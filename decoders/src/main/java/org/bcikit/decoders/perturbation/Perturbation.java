package org.bcikit.decoders.perturbation;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;

/**
 * A change of the decoder, not of the brain (Sadtler et al. 2014, Nature 512:423): applied to the
 * intuitive decoder it produces a new, independent decoder; the original is left unchanged.
 */
public interface Perturbation {

    /** The perturbed decoder, with zero filter state. */
    KalmanVelocityDecoder apply(KalmanVelocityDecoder intuitive);

    /** {@code "WMP"}, {@code "OMP"} or {@code "rotation"}. */
    String kind();

    /** A short description for reports, such as {@code WMP [0, 3, 2, 7, 5, 1, 6, 9, 4, 8]}. */
    String describe();
}
