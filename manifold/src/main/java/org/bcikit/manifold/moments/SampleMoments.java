package org.bcikit.manifold.moments;

import java.util.List;

import org.bcikit.data.InvalidInputException;
import org.ejml.data.DMatrixRMaj;

/**
 * The first two moments of a set of samples: count n, the mean of each unit, and the covariance
 * about that mean normalised by n. Everything a factor-analysis fit or a held-out likelihood
 * needs from the data, so cross-validation reads the data once ({@link Covariance#moments}) and
 * builds each training set by {@link #pool pooling} the other folds' moments.
 *
 * <p>Immutable: arrays are copied in and out.
 */
public final class SampleMoments {

    private final int count;
    private final double[] mean;
    private final DMatrixRMaj covariance;

    /** Moments of {@code count} samples; {@code mean} (q) and {@code covariance} (q x q) are copied. */
    public SampleMoments(int count, double[] mean, DMatrixRMaj covariance) {
        if (count < 1 || covariance.numRows != mean.length || covariance.numCols != mean.length) {
            throw new InvalidInputException("moments: expected n >= 1, a q-long mean and a q x q covariance, got n = "
                    + count + ", " + mean.length + " and " + covariance.numRows + " x " + covariance.numCols);
        }
        this.count = count;
        this.mean = mean.clone();
        this.covariance = covariance.copy();
    }

    /** Number of samples n. */
    public int count() {
        return count;
    }

    /** Number of units q. */
    public int units() {
        return mean.length;
    }

    public double[] mean() {
        return mean.clone();
    }

    /** Covariance about the mean, normalised by n (q x q, new matrix). */
    public DMatrixRMaj covariance() {
        return covariance.copy();
    }

    /** Read-only view for this package's hot paths, which never modify it. */
    public DMatrixRMaj covarianceView() {
        return covariance;
    }

    /**
     * Second moments of these samples about another centre {@code centre}: {@code S + delta
     * delta^T} with {@code delta = mean - centre} (a new q x q matrix). This is what a model with
     * mean {@code centre} sees in held-out data.
     */
    public DMatrixRMaj secondMomentAbout(double[] centre) {
        int q = units();
        DMatrixRMaj out = covariance.copy();
        for (int i = 0; i < q; i++) {
            double di = mean[i] - centre[i];
            for (int j = 0; j < q; j++) {
                out.data[i * q + j] += di * (mean[j] - centre[j]);
            }
        }
        return out;
    }

    /**
     * The moments of the union of disjoint sample sets (Chan, Golub and LeVeque's pairwise
     * combination): the pooled scatter is each part's scatter plus its mean's deviation from the
     * pooled mean, so no sample is read again.
     */
    public static SampleMoments pool(List<SampleMoments> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("pool: expected at least one part");
        }
        int q = parts.get(0).units();
        long n = 0;
        double[] mean = new double[q];
        for (SampleMoments p : parts) {
            if (p.units() != q) {
                throw new InvalidInputException("moments: expected parts with the same units, got " + q
                        + " and " + p.units());
            }
            n += p.count;
            for (int i = 0; i < q; i++) {
                mean[i] += p.count * p.mean[i];
            }
        }
        for (int i = 0; i < q; i++) {
            mean[i] /= n;
        }
        DMatrixRMaj cov = new DMatrixRMaj(q, q);
        for (SampleMoments p : parts) {
            double w = (double) p.count / n;
            DMatrixRMaj about = p.secondMomentAbout(mean);
            for (int k = 0; k < cov.data.length; k++) {
                cov.data[k] += w * about.data[k];
            }
        }
        return new SampleMoments(Math.toIntExact(n), mean, cov);
    }
}
