package org.bcikit.decoders.hypotheses;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;

/**
 * The before-learning repertoire re-binned by cursor-to-target angle (Golub et al. 2018,
 * reassociation step 1; science.md section 8): the patterns of all clouds pooled, and at each of
 * {@code bins} equally spaced angles the {@code perBin} patterns nearest in wrapped angle (ties by
 * pooled order) give a mean and a covariance (normalised by n). With 120 bins the bins at the
 * targets' own angles hold exactly the recorded clouds. Optional per-factor scales stretch every
 * pattern first (rescaling).
 */
public record Rediscretization(double[] anglesDegrees, List<double[]> means, List<DMatrixRMaj> covariances) {

    /** Re-bins {@code before}'s patterns, each factor i multiplied by {@code scales[i]} (null: no scaling). */
    public static Rediscretization of(Clouds before, int bins, int perBin, double[] scales) {
        DMatrixRMaj z = before.pooled();
        if (scales != null) {
            for (int t = 0; t < z.numRows; t++) {
                for (int i = 0; i < z.numCols; i++) {
                    z.set(t, i, z.get(t, i) * scales[i]);
                }
            }
        }
        DMatrixRMaj dir = before.pooledDirections();
        int n = z.numRows;
        if (perBin > n) {
            throw new IllegalArgumentException("bins of " + perBin + " patterns from " + n + " patterns");
        }
        double[] theta = new double[n];
        for (int t = 0; t < n; t++) {
            theta[t] = Math.atan2(dir.get(t, 1), dir.get(t, 0));
        }
        double[] angles = new double[bins];
        List<double[]> means = new ArrayList<>();
        List<DMatrixRMaj> covs = new ArrayList<>();
        Integer[] order = new Integer[n];
        double[] dist = new double[n];
        for (int k = 0; k < bins; k++) {
            angles[k] = k * 360.0 / bins;
            double a = Math.toRadians(angles[k]);
            for (int t = 0; t < n; t++) {
                double d = theta[t] - a;
                if (d > Math.PI) {
                    d -= 2 * Math.PI;
                } else if (d < -Math.PI) {
                    d += 2 * Math.PI;
                }
                dist[t] = Math.abs(d);
                order[t] = t;
            }
            // A stable sort, so equal distances keep pooled order as MATLAB's sort does.
            Arrays.sort(order, (x, y) -> Double.compare(dist[x], dist[y]));
            DMatrixRMaj kept = new DMatrixRMaj(perBin, z.numCols);
            for (int r = 0; r < perBin; r++) {
                System.arraycopy(z.data, order[r] * z.numCols, kept.data, r * z.numCols, z.numCols);
            }
            means.add(Covariance.mean(kept));
            covs.add(Covariance.of(kept));
        }
        return new Rediscretization(angles, List.copyOf(means), List.copyOf(covs));
    }

    /** Number of bins. */
    public int size() {
        return means.size();
    }
}
