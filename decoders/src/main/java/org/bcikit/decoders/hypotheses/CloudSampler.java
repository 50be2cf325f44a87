package org.bcikit.decoders.hypotheses;

import java.util.SplittableRandom;

import org.bcikit.data.random.GaussianFill;
import org.bcikit.manifold.moments.SymmetricEigen;
import org.ejml.data.DMatrixRMaj;

/**
 * Draws a predicted cloud: patterns from {@code N(mean, cov)} of which infeasible ones (no spike
 * counts in the pattern box produce them) are redrawn, as Golub et al. 2018 generate predicted
 * activity. The square root of the covariance is symmetric (from its eigen-decomposition) so that
 * singular covariances, such as those of a few kept patterns in subselection, draw too.
 */
public final class CloudSampler {

    /** Draws allowed per requested pattern before the cloud is declared infeasible. */
    private static final int MAX_DRAWS_PER_PATTERN = 1000;

    private final SpikeBox.Test feasibility;
    private int rejected;

    /** A sampler testing each draw with {@code feasibility}. */
    public CloudSampler(SpikeBox.Test feasibility) {
        this.feasibility = feasibility;
    }

    /** Draws rejected so far. */
    public int rejected() {
        return rejected;
    }

    /**
     * {@code n} feasible draws (n x d, new matrix) from {@code N(mean, cov)} using {@code rng}.
     *
     * @throws IllegalStateException when {@code n * 1000} draws hold fewer than n feasible ones, naming {@code cloud}
     */
    public DMatrixRMaj draw(double[] mean, DMatrixRMaj cov, int n, SplittableRandom rng, String cloud) {
        int d = mean.length;
        SymmetricEigen e = SymmetricEigen.descending(cov);
        DMatrixRMaj root = new DMatrixRMaj(d, d);
        for (int k = 0; k < d; k++) {
            double s = Math.sqrt(Math.max(0, e.values()[k]));
            for (int i = 0; i < d; i++) {
                root.set(i, k, e.vectors().get(i, k) * s);
            }
        }
        DMatrixRMaj out = new DMatrixRMaj(n, d);
        double[] eps = new double[d];
        double[] z = new double[d];
        int accepted = 0;
        long draws = 0;
        while (accepted < n) {
            if (++draws > (long) MAX_DRAWS_PER_PATTERN * n) {
                throw new IllegalStateException(cloud + ": only " + accepted + " of " + n + " patterns drawn from the"
                        + " predicted Gaussian map from spike counts within the pattern box after " + (draws - 1)
                        + " draws (constraint Beta (x - mu) = z, lo <= x <= hi)");
            }
            GaussianFill.fill(eps, d, 1, rng);
            for (int i = 0; i < d; i++) {
                double v = mean[i];
                for (int k = 0; k < d; k++) {
                    v += root.get(i, k) * eps[k];
                }
                z[i] = v;
            }
            if (feasibility.feasible(z)) {
                System.arraycopy(z, 0, out.data, accepted * d, d);
                accepted++;
            } else {
                rejected++;
            }
        }
        return out;
    }
}
