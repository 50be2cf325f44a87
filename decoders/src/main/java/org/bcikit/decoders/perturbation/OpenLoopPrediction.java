package org.bcikit.decoders.perturbation;

import org.bcikit.decoders.AffineDecoder;
import org.bcikit.decoders.MatrixChecks;
import org.ejml.data.DMatrixRMaj;

/**
 * How hard a perturbed decoder is at first, predicted open loop from calibration activity
 * (Sadtler et al. 2014, Methods): the mean counts recorded while the subject intended target k are
 * decoded ({@code v_k = M2 u_k + m0}) by the intuitive and by the perturbed decoder and compared
 * per target. The per-target loss is {@code ‖v_pert,k − v_int,k‖² / mean_k ‖v_int,k‖²}: the
 * squared velocity error the subject would make without changing its activity, relative to the
 * intuitive speed (the matched-difficulty criterion of Payeur et al. 2023 uses such a loss vector).
 *
 * @param angles per-target absolute angle (degrees) between perturbed and intuitive velocity
 * @param speedRatios per-target speed ratio |v_pert| / |v_int|
 * @param losses per-target loss
 * @param principalAngles principal angles (degrees, ascending) between the intuitive and perturbed
 *     control spaces (the row spaces of M2 in unit space)
 */
public record OpenLoopPrediction(double[] angles, double[] speedRatios, double[] losses, double[] principalAngles) {

    /** Mean over targets of the absolute angle. */
    public double meanAngle() {
        return mean(angles);
    }

    public double meanSpeedRatio() {
        return mean(speedRatios);
    }

    /** Predicted initial impairment: mean over targets of the loss. */
    public double predictedLoss() {
        return mean(losses);
    }

    /**
     * True when the mean angle and mean speed ratio over targets lie in the given closed ranges.
     */
    public boolean passesOnAverage(double minAngle, double maxAngle, double minRatio, double maxRatio) {
        double a = meanAngle();
        double r = meanSpeedRatio();
        return a >= minAngle && a <= maxAngle && r >= minRatio && r <= maxRatio;
    }

    /** True when every target's angle and speed ratio lie in the given closed ranges. */
    public boolean passes(double minAngle, double maxAngle, double minRatio, double maxRatio) {
        for (int k = 0; k < angles.length; k++) {
            if (!(angles[k] >= minAngle && angles[k] <= maxAngle
                    && speedRatios[k] >= minRatio && speedRatios[k] <= maxRatio)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Predicts the impairment of {@code perturbed} relative to {@code intuitive} from mean counts
     * per target (K x q).
     */
    public static OpenLoopPrediction of(AffineDecoder intuitive, AffineDecoder perturbed, DMatrixRMaj meanCounts) {
        int k = meanCounts.numRows;
        int q = meanCounts.numCols;
        MatrixChecks.shape("mean counts per target", meanCounts, k, intuitive.units());
        double[] u = new double[q];
        double[] vi = new double[2];
        double[] vp = new double[2];
        double[] angles = new double[k];
        double[] ratios = new double[k];
        double[] sq = new double[k];
        double norm = 0;
        for (int t = 0; t < k; t++) {
            System.arraycopy(meanCounts.data, t * q, u, 0, q);
            intuitive.rawVelocity(u, vi);
            perturbed.rawVelocity(u, vp);
            double si = Math.hypot(vi[0], vi[1]);
            double sp = Math.hypot(vp[0], vp[1]);
            double cos = (vi[0] * vp[0] + vi[1] * vp[1]) / (si * sp);
            angles[t] = Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, cos))));
            ratios[t] = sp / si;
            double ex = vp[0] - vi[0];
            double ey = vp[1] - vi[1];
            sq[t] = ex * ex + ey * ey;
            norm += si * si / k;
        }
        for (int t = 0; t < k; t++) {
            sq[t] /= norm;
        }
        return new OpenLoopPrediction(angles, ratios, sq,
                ControlSpace.principalAnglesDegrees(intuitive.M2(), perturbed.M2()));
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }
}
