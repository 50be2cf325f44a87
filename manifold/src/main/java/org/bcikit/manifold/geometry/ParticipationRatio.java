package org.bcikit.manifold.geometry;

import org.bcikit.data.InvalidInputException;
import org.bcikit.manifold.moments.Covariance;
import org.ejml.data.DMatrixRMaj;

/**
 * Participation ratio, a continuous count of how many dimensions a population's variance
 * occupies: {@code PR = (tr C)^2 / tr(C^2) = (sum lambda_i)^2 / sum lambda_i^2} over the
 * eigenvalues of the covariance C. It is 1 when one dimension carries all variance and q when
 * variance is spread evenly over q units. The normalised PR is PR / q, in [1/q, 1].
 *
 * <p>References: Gao, Trautmann, Yu, Santhanam, Ryu, Shenoy, Ganguli (2017), "A theory of
 * multineuronal dimensionality, dynamics and measurement", bioRxiv 214262; Recanatesi et al.
 * (2019/2022) on dimensionality in recurrent networks; Rajeswaran, Payeur, Lajoie, Orsborn
 * (2024) use the normalised PR to follow representations under adaptive decoders.
 *
 * <p>Because C is symmetric, {@code tr(C^2)} is the sum of its squared entries, so no
 * eigendecomposition is needed.
 */
public final class ParticipationRatio {

    private ParticipationRatio() {
    }

    /** PR of a symmetric positive semi-definite covariance (q x q, not modified). */
    public static double ofCovariance(DMatrixRMaj covariance) {
        int q = covariance.numRows;
        if (q < 1 || covariance.numCols != q) {
            throw new InvalidInputException("covariance: expected a square matrix, got "
                    + covariance.numRows + " x " + covariance.numCols);
        }
        double trace = 0;
        for (int i = 0; i < q; i++) {
            trace += covariance.unsafe_get(i, i);
        }
        double sumSq = 0;
        for (int k = 0; k < covariance.getNumElements(); k++) {
            double v = covariance.data[k];
            if (!Double.isFinite(v)) {
                throw new InvalidInputException("covariance: expected finite values, found " + v);
            }
            sumSq += v * v;
        }
        return ratio(trace, sumSq, "covariance");
    }

    /** PR / q for a q x q covariance. */
    public static double normalisedOfCovariance(DMatrixRMaj covariance) {
        return ofCovariance(covariance) / covariance.numRows;
    }

    /** PR from eigenvalues (the variances along principal axes), e.g. a PCA spectrum. */
    public static double ofEigenvalues(double[] eigenvalues) {
        double sum = 0;
        double sumSq = 0;
        for (double v : eigenvalues) {
            if (!Double.isFinite(v) || v < 0) {
                throw new InvalidInputException("eigenvalues: expected finite values >= 0, found " + v);
            }
            sum += v;
            sumSq += v * v;
        }
        return ratio(sum, sumSq, "eigenvalues");
    }

    /** PR of data (samples x units, not modified), from its sample covariance. */
    public static double ofData(DMatrixRMaj samples) {
        return ofCovariance(Covariance.of(samples));
    }

    /** PR / q of data (samples x units). */
    public static double normalisedOfData(DMatrixRMaj samples) {
        return ofData(samples) / samples.numCols;
    }

    private static double ratio(double trace, double sumSq, String what) {
        if (!(sumSq > 0)) {
            throw new InvalidInputException(what + ": expected some variance, found none (all zero)");
        }
        return trace * trace / sumSq;
    }
}
