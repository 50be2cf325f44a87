package org.bcikit.data.bursts;

import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Median;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The burst fractions of a population of units against their Poisson nulls (Naud &amp; Sprekeler,
 * PNAS 115:E6329, 2018): medians and how many units burst above or below chance. Units whose
 * burst fraction is undefined (no events) are left out and counted in {@code undefined}.
 *
 * @param units units with a defined burst fraction
 * @param undefined units without one
 * @param medianBurstFraction median BF over {@code units} (NaN if none)
 * @param medianPoissonBurstFraction median of their nulls {@code 1 - exp(-rate θ)}
 * @param aboveNull units with BF above their null
 * @param belowNull units with BF below their null
 */
public record BurstSummary(int units, int undefined, double medianBurstFraction, double medianPoissonBurstFraction,
                           int aboveNull, int belowNull) {

    public static BurstSummary of(List<BurstStatistics> stats) {
        double[] bf = new double[stats.size()];
        double[] nul = new double[stats.size()];
        int n = 0;
        int above = 0;
        int below = 0;
        for (BurstStatistics s : stats) {
            if (Double.isNaN(s.burstFraction()) || Double.isNaN(s.poissonBurstFraction())) {
                continue;
            }
            bf[n] = s.burstFraction();
            nul[n] = s.poissonBurstFraction();
            n++;
            if (s.burstFraction() > s.poissonBurstFraction()) {
                above++;
            } else if (s.burstFraction() < s.poissonBurstFraction()) {
                below++;
            }
        }
        return new BurstSummary(n, stats.size() - n, median(Arrays.copyOf(bf, n)), median(Arrays.copyOf(nul, n)),
                above, below);
    }

    /** The median, the mean of the middle two for even n (Commons Math's R_2 estimate); NaN if empty. */
    private static double median(double[] v) {
        return new Median().withEstimationType(Percentile.EstimationType.R_2).evaluate(v);
    }
}
