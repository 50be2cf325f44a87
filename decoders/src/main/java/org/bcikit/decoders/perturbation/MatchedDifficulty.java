package org.bcikit.decoders.perturbation;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The matched-difficulty criterion for choosing perturbations (Sadtler et al. 2014; Payeur,
 * Orsborn and Lajoie 2023, science.md §1 and §5.1): each candidate has a vector of predicted
 * losses, one per target; take the element-wise median over all WM and OM candidates together,
 * and choose the WMP and the OMP whose loss vectors are closest to it (Euclidean), so both start
 * equally hard. Every selector in bcikit goes through here, whatever its loss.
 */
public final class MatchedDifficulty {

    private MatchedDifficulty() {
    }

    /**
     * The element-wise median of {@code losses} (each of the same length, at least one); for an
     * even count the mean of the middle two (Commons Math's R_2 estimate, not its default, which
     * interpolates and rounds differently).
     */
    public static double[] median(List<double[]> losses) {
        int k = losses.get(0).length;
        double[] median = new double[k];
        double[] column = new double[losses.size()];
        Median estimate = new Median().withEstimationType(Percentile.EstimationType.R_2);
        for (int t = 0; t < k; t++) {
            for (int i = 0; i < column.length; i++) {
                column[i] = losses.get(i)[t];
            }
            median[t] = estimate.evaluate(column);
        }
        return median;
    }

    /** The index of the loss vector closest to {@code target}; the first one on a tie. */
    public static int nearest(List<double[]> losses, double[] target) {
        int best = -1;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int i = 0; i < losses.size(); i++) {
            double[] l = losses.get(i);
            double d = 0;
            for (int t = 0; t < target.length; t++) {
                double e = l[t] - target[t];
                d += e * e;
            }
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        return best;
    }
}
