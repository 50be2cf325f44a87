package org.bcikit.rnn.adaptation;


/**
 * Measurements of a static network at one adaptation step (science.md §5.1, §5.6).
 *
 * @param step               the adaptation step (0 = before the first update)
 * @param loss               the exact expected loss
 * @param varianceLoss       its variance part
 * @param meanLoss           its mean part
 * @param performance        retraining performance {@code 1 - L(step)/L(0)}
 * @param weightChange       {@code |W - W0|_F} of the effective recurrent matrix
 * @param participationRatio participation ratio of the activity's total covariance
 * @param effectiveRank      effective rank of W ({@link org.bcikit.rnn.analysis.SingularValueSpectrum#effectiveRank()})
 * @param spectralRadius     {@code max |eig W|}
 * @param manifoldOverlap    Feulner-Clopath overlap of the activity with the intuitive manifold
 * @param principalAngles    principal angles (radians, ascending) between the intuitive manifold and
 *                           the top-M principal axes of the current activity
 *
 * <p>An entry taken without its spectra has NaN participation ratio, effective rank and spectral
 * radius and no principal angles.
 */
public record StaticStepMetrics(int step, double loss, double varianceLoss, double meanLoss, double performance,
        double weightChange, double participationRatio, double effectiveRank, double spectralRadius,
        double manifoldOverlap, double[] principalAngles) {

    /** The largest principal angle in degrees (0 when the activity's top axes span the intuitive manifold). */
    public double largestPrincipalAngleDegrees() {
        // no angles: an entry measured without its spectra (StaticAdaptation.withSpectraAtLastOnly)
        return principalAngles.length == 0 ? Double.NaN : Math.toDegrees(principalAngles[principalAngles.length - 1]);
    }
}
