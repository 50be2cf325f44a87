package org.bcikit.decoders.perturbation;

import org.bcikit.decoders.kalman.KalmanVelocityDecoder;

/**
 * Visuomotor-rotation baseline: the decoded velocity is turned by a fixed angle. Every activity
 * pattern keeps its effect up to the rotation, so it is a within-manifold change that the classic
 * adaptation literature (and BCI studies such as Chase et al. 2012) use as the easy reference.
 */
public final class RotationPerturbation implements Perturbation {

    private final double degrees;

    /** Counter-clockwise rotation by {@code degrees}. */
    public RotationPerturbation(double degrees) {
        if (!Double.isFinite(degrees)) {
            throw new org.bcikit.data.InvalidInputException("rotation: expected a finite angle, got " + degrees);
        }
        this.degrees = degrees;
    }

    public double degrees() {
        return degrees;
    }

    @Override
    public KalmanVelocityDecoder apply(KalmanVelocityDecoder intuitive) {
        return intuitive.rotated(Math.toRadians(degrees));
    }

    @Override
    public String kind() {
        return "rotation";
    }

    @Override
    public String describe() {
        return "rotation " + degrees + " deg";
    }
}
