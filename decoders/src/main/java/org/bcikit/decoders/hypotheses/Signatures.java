package org.bcikit.decoders.hypotheses;

import java.util.Arrays;

import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The population signatures by which Golub et al. 2018 (Nat Neurosci 21:607, Figs. 4-8) compare
 * after-learning activity, recorded or predicted, with the before-learning activity (science.md
 * section 8):
 * <ul>
 *   <li>repertoire change: Mahalanobis distance (under the reference covariance) of each pattern
 *       to its 5th nearest reference pattern, relative to the references' own 5th-nearest distances,
 *       averaged per cloud; <em>overall</em> against all before patterns, <em>movement-specific</em>
 *       against the same cloud before;</li>
 *   <li>change in variance along each mapping's 2-D row space and per factor, the latter's OLS
 *       slope against the change in pushing magnitude;</li>
 *   <li>predicted acquisition time {@code lambda (dist - 38 mm) / P} and mean perturbed progress P.</li>
 * </ul>
 *
 * @param overallRepertoireChange          mean over clouds of the overall repertoire change
 * @param overallRepertoireChangePerCloud  the same per cloud
 * @param movementSpecificRepertoireChange mean over clouds of the movement-specific change
 * @param movementSpecificPerCloud         the same per cloud
 * @param movementSpecificPositiveClouds   clouds whose movement-specific change is above 0
 * @param deltaVarianceIntuitivePercent    variance change along the intuitive mapping, percent
 * @param deltaVariancePerturbedPercent    variance change along the perturbed mapping, percent
 * @param deltaVariancePerFactorPercent    variance change of each factor, percent
 * @param deltaPushingMagnitude            {@code |B_p[:,i]| - |B_int[:,i]|} per factor
 * @param varianceSlope                    OLS slope of the per-factor variance change on the pushing-magnitude change
 * @param predictedAcquisitionTime         seconds (infinite when progress is negative; NaN without a target distance)
 * @param meanPerturbedProgress            mean progress of all patterns under the perturbed mapping, mm/s
 */
public record Signatures(double overallRepertoireChange, double[] overallRepertoireChangePerCloud,
                         double movementSpecificRepertoireChange, double[] movementSpecificPerCloud,
                         int movementSpecificPositiveClouds, double deltaVarianceIntuitivePercent,
                         double deltaVariancePerturbedPercent, double[] deltaVariancePerFactorPercent,
                         double[] deltaPushingMagnitude, double varianceSlope, double predictedAcquisitionTime,
                         double meanPerturbedProgress) {

    /** Nearest neighbour whose distance measures repertoire change, as in the paper. */
    public static final int NEIGHBOUR = 5;
    /** Cursor plus target radius subtracted from the centre-to-target distance, mm. */
    public static final double RADII_MM = 18 + 20;

    /**
     * The signatures of {@code test} against {@code reference} (the before-learning clouds).
     *
     * @param lambda           the session's time scale {@code expParams.lambda}
     * @param targetDistanceMm centre-to-target distance, mm (NaN when unknown)
     */
    public static Signatures of(Clouds reference, Clouds test, ReadoutGeometry g, double lambda, double targetDistanceMm) {
        int k = reference.count();
        double[] overall = new double[k];
        double[] specific = new double[k];
        DMatrixRMaj pooled = reference.pooled();
        Whitened all = new Whitened(pooled);
        int positive = 0;
        for (int c = 0; c < k; c++) {
            DMatrixRMaj t = test.factors(c);
            overall[c] = all.change(t);
            specific[c] = new Whitened(reference.factors(c)).change(t);
            if (specific[c] > 0) {
                positive++;
            }
        }
        DMatrixRMaj before = Covariance.of(pooled);
        DMatrixRMaj after = Covariance.of(test.pooled());
        double dInt = percentChange(rowSpaceVariance(before, g.intuitive()), rowSpaceVariance(after, g.intuitive()));
        double dPert = percentChange(rowSpaceVariance(before, g.perturbed()), rowSpaceVariance(after, g.perturbed()));
        int f = before.numRows;
        double[] perFactor = new double[f];
        double[] pm = new double[f];
        double[] ni = ReadoutGeometry.columnNorms(g.intuitive());
        double[] np = ReadoutGeometry.columnNorms(g.perturbed());
        for (int i = 0; i < f; i++) {
            perFactor[i] = percentChange(before.get(i, i), after.get(i, i));
            pm[i] = np[i] - ni[i];
        }
        double progress = 0;
        int n = 0;
        for (int c = 0; c < k; c++) {
            for (double p : test.progress(c)) {
                progress += p;
                n++;
            }
        }
        progress /= n;
        double time = progress < 0 ? Double.POSITIVE_INFINITY : lambda * (targetDistanceMm - RADII_MM) / progress;
        return new Signatures(mean(overall), overall, mean(specific), specific, positive, dInt, dPert, perFactor, pm,
                slope(pm, perFactor), time, progress);
    }

    /**
     * Repertoire change of {@code test} against {@code reference} (patterns as rows): the mean over
     * test patterns of {@code rho_t / (nu n/(n-1)) - 1}, rho the Mahalanobis distance (under the
     * reference covariance) to the 5th nearest reference pattern, nu the references' mean distance
     * to their own 5th nearest other.
     */
    public static double repertoireChange(DMatrixRMaj reference, DMatrixRMaj test) {
        return new Whitened(reference).change(test);
    }

    /** Variance of activity with covariance {@code cov} in the row space of {@code m} (2 x d): {@code tr(Q cov Q^T)}. */
    static double rowSpaceVariance(DMatrixRMaj cov, DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, true, false);
        if (!svd.decompose(m.copy())) {
            throw new IllegalStateException("SVD of the mapping failed");
        }
        DMatrixRMaj v = svd.getV(null, false);
        double[] s = svd.getSingularValues();
        Integer[] order = new Integer[s.length];
        for (int i = 0; i < s.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
        double total = 0;
        for (int r = 0; r < m.numRows; r++) {
            int col = order[r];
            for (int i = 0; i < cov.numRows; i++) {
                for (int j = 0; j < cov.numRows; j++) {
                    total += v.get(i, col) * cov.get(i, j) * v.get(j, col);
                }
            }
        }
        return total;
    }

    static double percentChange(double start, double stop) {
        return 100 * (stop - start) / start;
    }

    /** OLS slope of y on x with an intercept. */
    static double slope(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxy / sxx;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * Reference patterns whitened by their covariance's Cholesky factor, so Mahalanobis distances
     * are Euclidean distances of whitened patterns.
     */
    private static final class Whitened {
        private final DMatrixRMaj lower;
        private final DMatrixRMaj ref;
        private final double normaliser;

        Whitened(DMatrixRMaj reference) {
            DMatrixRMaj cov = Covariance.of(reference);
            CholeskyDecompositionInner_DDRM chol = new CholeskyDecompositionInner_DDRM(true);
            if (!chol.decompose(cov)) {
                throw new IllegalStateException("reference covariance is not positive definite ("
                        + reference.numRows + " patterns of " + reference.numCols + " factors)");
            }
            lower = chol.getT(null);
            ref = whiten(reference);
            int n = ref.numRows;
            double[] self = new double[n];
            double[] dist = new double[n];
            for (int t = 0; t < n; t++) {
                distances(ref, t, dist);
                // The (K+1)-th smallest includes the zero distance to itself.
                self[t] = kth(dist, NEIGHBOUR + 1);
            }
            normaliser = mean(self) * n / (n - 1.0);
        }

        private DMatrixRMaj whiten(DMatrixRMaj patterns) {
            // Rows x: solve L y = x for each, i.e. Y^T = L^-1 X^T.
            DMatrixRMaj xt = CommonOps_DDRM.transpose(patterns, null);
            org.ejml.dense.row.decomposition.TriangularSolver_DDRM.solveL(lower.data, xt.data, lower.numRows, xt.numCols);
            return CommonOps_DDRM.transpose(xt, null);
        }

        double change(DMatrixRMaj test) {
            DMatrixRMaj w = whiten(test);
            double[] dist = new double[ref.numRows];
            double sum = 0;
            for (int t = 0; t < w.numRows; t++) {
                for (int r = 0; r < ref.numRows; r++) {
                    double s = 0;
                    for (int i = 0; i < w.numCols; i++) {
                        double d = w.get(t, i) - ref.get(r, i);
                        s += d * d;
                    }
                    dist[r] = Math.sqrt(s);
                }
                sum += (kth(dist, NEIGHBOUR) - normaliser) / normaliser;
            }
            return sum / w.numRows;
        }

        private static void distances(DMatrixRMaj m, int t, double[] out) {
            for (int r = 0; r < m.numRows; r++) {
                double s = 0;
                for (int i = 0; i < m.numCols; i++) {
                    double d = m.get(t, i) - m.get(r, i);
                    s += d * d;
                }
                out[r] = Math.sqrt(s);
            }
        }

        private static double kth(double[] v, int k) {
            double[] c = v.clone();
            Arrays.sort(c);
            return c[k - 1];
        }
    }
}
